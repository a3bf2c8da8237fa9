/// An openTRANS 2.1 `ORDER` mapped as SPEC §12 says: parties named by `ORDER_PARTIES_REFERENCE` (else by
/// `PARTY_ROLE`), lines from `ORDER_ITEM_LIST/ORDER_ITEM`. Elements may be in the openTRANS or BMEcat namespace,
/// or in none when the root has none.
enum OpenTransOrderReader {
    static let names: Set<String> = [
        "ORDER", "ORDER_HEADER", "ORDER_INFO", "ORDER_ID", "CURRENCY", "PARTIES", "PARTY", "PARTY_ID", "PARTY_ROLE",
        "ADDRESS", "NAME", "NAME2", "CONTACT_DETAILS", "FIRST_NAME", "CONTACT_NAME", "STREET", "ADDRESS_REMARKS",
        "CITY", "STATE", "ZIP", "COUNTRY_CODED", "PHONE", "ORDER_PARTIES_REFERENCE", "BUYER_IDREF",
        "SUPPLIER_IDREF", "INVOICE_RECIPIENT_IDREF", "SHIPMENT_PARTIES_REFERENCE", "DELIVERY_IDREF", "ORDER_ITEM_LIST",
        "ORDER_ITEM",
        "LINE_ITEM_ID", "PRODUCT_ID", "SUPPLIER_PID", "INTERNATIONAL_PID", "QUANTITY", "ORDER_UNIT",
        "PRODUCT_PRICE_FIX", "PRICE_AMOUNT", "PRICE_QUANTITY",
    ]

    static func read(_ root: XMLNode) -> PurchaseOrder {
        let info = root.at("ORDER_HEADER", "ORDER_INFO")
        let parties = info?.at("PARTIES")?.children("PARTY") ?? []
        let references = info?.child("ORDER_PARTIES_REFERENCE")
        func party(named idref: Located<String>?, else role: String) -> XMLNode? {
            if let idref,
                let named = parties.first(where: { p in
                    p.children("PARTY_ID").contains { $0.value?.value == idref.value }
                })
            {
                return named
            }
            return parties.first { $0.value("PARTY_ROLE")?.value.lowercased() == role }
        }
        let buyerRef = references?.value("BUYER_IDREF")
        let buyer = party(named: buyerRef, else: "buyer")
        var order = PurchaseOrder(
            standard: .openTrans, root: root.location, orderId: info?.value("ORDER_ID"),
            orderIdAnchor: root.deepest("ORDER_HEADER", "ORDER_INFO").location, currency: info?.value("CURRENCY"),
            buyer: (buyer ?? info?.child("PARTIES") ?? info ?? root).location,
            linesAnchor: (root.child("ORDER_ITEM_LIST") ?? root).location)
        for id in buyer?.children("PARTY_ID") ?? [] {
            guard let value = id.value?.value else { continue }
            let full = id.attribute("type").map { "\($0.value):\(value)" } ?? value
            if !order.buyerIds.contains(full) { order.buyerIds.append(full) }
        }
        order.parties.buyer = identity(buyer, named: buyerRef)
        order.parties.seller = identity(
            party(named: references?.value("SUPPLIER_IDREF"), else: "supplier"),
            named: references?.value("SUPPLIER_IDREF"))
        let invoiceRecipient = references?.value("INVOICE_RECIPIENT_IDREF").flatMap { idref in
            parties.first { p in p.children("PARTY_ID").contains { $0.value?.value == idref.value } }
        }
        if let billing = [invoiceRecipient, buyer].compactMap({ $0 }).first(where: { $0.child("ADDRESS") != nil }) {
            order.billingAddress = address(billing.child("ADDRESS")!).draft
        }
        let deliveryRef = references?.value("SHIPMENT_PARTIES_REFERENCE", "DELIVERY_IDREF")
        if let delivery = party(named: deliveryRef, else: "delivery"), let postal = delivery.child("ADDRESS") {
            order.shippingAddress = address(postal).draft
        }
        if let first = parties.first { order.firstParty = address(first.child("ADDRESS") ?? first).draft }
        let lines = root.child("ORDER_ITEM_LIST")?.children("ORDER_ITEM") ?? []
        order.tooManyLines = lines.count > InputLimits.maxItems
        order.lines = lines.prefix(InputLimits.maxItems).enumerated().map { line($1, position: $0 + 1) }
        return order
    }

    /// The party id an acknowledgement names a party by (the one its `*_IDREF` names, else its first), with its `type`.
    static func identity(_ party: XMLNode?, named idref: Located<String>?) -> AcknowledgementParties.Party {
        let ids = party?.children("PARTY_ID") ?? []
        guard let id = ids.first(where: { $0.value?.value == idref?.value }) ?? ids.first, let value = id.value?.value
        else { return AcknowledgementParties.Party(endpoint: idref?.value) }
        return AcknowledgementParties.Party(endpoint: value, endpointScheme: id.attribute("type")?.value)
    }

    /// An openTRANS `ADDRESS`: `NAME` is the company unless it is only a salutation; the person from
    /// `CONTACT_DETAILS`, else `NAME2` split.
    static func address(_ node: XMLNode) -> PurchaseOrderMapping.Address {
        var a = PurchaseOrderMapping.Address(at: node.location)
        if let name = node.value("NAME"), !PurchaseOrderMapping.isSalutation(name.value) { a.set("company_name", name) }
        a.set("first_name", node.value("CONTACT_DETAILS", "FIRST_NAME"))
        a.set("last_name", node.value("CONTACT_DETAILS", "CONTACT_NAME"))
        if a.fields["first_name"] == nil && a.fields["last_name"] == nil { a.setSplitName(node.value("NAME2")) }
        a.set("line_1", node.value("STREET"))
        a.set("line_2", node.value("ADDRESS_REMARKS"))
        a.set("city", node.value("CITY"))
        a.set("region", node.value("STATE"))
        a.set("postcode", node.value("ZIP"))
        a.set("country", node.value("COUNTRY_CODED"))
        a.set("phone_number", node.value("PHONE"))
        return a
    }

    static func line(_ item: XMLNode, position: Int) -> PurchaseOrderLine {
        let product = item.child("PRODUCT_ID")
        let gtin = product?.children("INTERNATIONAL_PID").first { $0.attribute("type")?.value.lowercased() == "gtin" }
        let quantity = item.child("QUANTITY")
        return PurchaseOrderLine(
            location: item.location, id: item.value("LINE_ITEM_ID")?.value ?? String(position),
            itemAnchor: (product ?? item).location, sku: product?.value("SUPPLIER_PID"), gtin: gtin?.value,
            quantity: quantity?.value, quantityAnchor: (quantity ?? item).location, unit: item.value("ORDER_UNIT"),
            price: item.value("PRODUCT_PRICE_FIX", "PRICE_AMOUNT"),
            priceQuantity: item.value("PRODUCT_PRICE_FIX", "PRICE_QUANTITY"))
    }
}
