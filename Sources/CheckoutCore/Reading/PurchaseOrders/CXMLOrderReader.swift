/// A cXML 1.2 `OrderRequest` mapped as SPEC §12 says: the buyer by its `From` credentials, `BillTo` and `ShipTo`,
/// lines from `ItemOut`. Any other cXML document is named and refused.
enum CXMLOrderReader {
    static let names: Set<String> = [
        "cXML", "Header", "From", "To", "Sender", "Credential", "Identity", "Request", "Message", "OrderRequest",
        "OrderRequestHeader", "Total", "Money", "ShipTo", "BillTo", "Address", "Name", "PostalAddress", "DeliverTo",
        "Street", "City", "State", "PostalCode", "Country", "Phone", "TelephoneNumber", "CountryCode",
        "AreaOrCityCode", "Number", "ItemOut", "ItemID", "SupplierPartID", "ItemDetail", "UnitPrice",
        "UnitOfMeasure",
    ]

    static func read(_ root: XMLNode) -> Result<PurchaseOrder, NotAnOrder> {
        guard let request = root.at("Request", "OrderRequest") else {
            return .failure(NotAnOrder(error: .invalidDocument(notAnOrder(root), line: root.element.line)))
        }
        let header = request.child("OrderRequestHeader")
        let from = root.at("Header", "From")
        var order = PurchaseOrder(
            standard: .cxml, root: root.location, orderId: header?.attribute("orderID"),
            orderIdAnchor: (header ?? request).location,
            currency: header?.at("Total", "Money")?.attribute("currency"),
            buyer: (from ?? root.child("Header") ?? root).location, linesAnchor: request.location)
        for credential in from?.children("Credential") ?? [] {
            guard let identity = credential.value("Identity")?.value else { continue }
            let id = credential.attribute("domain").map { "\($0.value):\(identity)" } ?? identity
            if !order.buyerIds.contains(id) { order.buyerIds.append(id) }
        }
        func credentials(_ node: XMLNode?) -> [AcknowledgementParties.Credential] {
            (node?.children("Credential") ?? []).compactMap { c in
                c.value("Identity").map { .init(domain: c.attribute("domain")?.value ?? "", identity: $0.value) }
            }
        }
        order.parties.from = credentials(from)
        order.parties.to = credentials(root.at("Header", "To"))
        order.parties.payloadID = root.attribute("payloadID")?.value
        let billTo = header?.at("BillTo", "Address")
        if let billTo, billTo.child("PostalAddress") != nil { order.billingAddress = address(billTo).draft }
        if let shipTo = header?.at("ShipTo", "Address") { order.shippingAddress = address(shipTo).draft }
        order.firstParty = address(billTo ?? header?.at("ShipTo", "Address") ?? header ?? request).draft
        let lines = request.children("ItemOut")
        order.tooManyLines = lines.count > InputLimits.maxItems
        order.lines = lines.prefix(InputLimits.maxItems).enumerated().map { line($1, position: $0 + 1) }
        return .success(order)
    }

    /// What a cXML document without an `OrderRequest` is (SPEC §12).
    static func notAnOrder(_ root: XMLNode) -> String {
        if root.child("Message")?.element.childNames.contains("PunchOutOrderMessage") == true {
            return "a cXML PunchOutOrderMessage is a cart sent back to a procurement system, not an order"
        }
        let inside = ["Request", "Message", "Response"].compactMap { name -> String? in
            guard let node = root.child(name) else { return nil }
            let first = node.element.childNames.first
            return first.map { "\(name)/\($0)" } ?? name
        }
        return "a cXML document without an OrderRequest is not an order"
            + (inside.isEmpty ? "" : " (it holds \(inside.joined(separator: ", ")))")
    }

    /// A cXML `Address`: `Name` is the company, the first `DeliverTo` the person, the second the instructions.
    static func address(_ node: XMLNode) -> PurchaseOrderMapping.Address {
        let postal = node.child("PostalAddress")
        var a = PurchaseOrderMapping.Address(at: (postal ?? node).location)
        a.set("company_name", node.value("Name"))
        let deliverTo = postal?.children("DeliverTo") ?? []
        a.setSplitName(deliverTo.first?.value)
        if deliverTo.count > 1 { a.set("instructions", deliverTo[1].value) }
        let streets = postal?.children("Street") ?? []
        a.set("line_1", streets.first?.value)
        if streets.count > 1 { a.set("line_2", streets[1].value) }
        a.set("city", postal?.value("City"))
        a.set("region", postal?.value("State"))
        a.set("postcode", postal?.value("PostalCode"))
        a.set("country", postal?.child("Country")?.attribute("isoCountryCode"))
        if let number = node.at("Phone", "TelephoneNumber") {
            let parts = [
                number.value("CountryCode").map { "+" + $0.value }, number.value("AreaOrCityCode")?.value,
                number.value("Number")?.value,
            ].compactMap { $0 }
            if !parts.isEmpty { a.set("phone_number", Located(parts.joined(separator: " "), at: number.location)) }
        }
        return a
    }

    static func line(_ itemOut: XMLNode, position: Int) -> PurchaseOrderLine {
        let detail = itemOut.child("ItemDetail")
        return PurchaseOrderLine(
            location: itemOut.location, id: itemOut.attribute("lineNumber")?.value ?? String(position),
            itemAnchor: (itemOut.child("ItemID") ?? itemOut).location, sku: itemOut.value("ItemID", "SupplierPartID"),
            gtin: nil, quantity: itemOut.attribute("quantity"), quantityAnchor: itemOut.location,
            unit: detail?.value("UnitOfMeasure"), price: detail?.value("UnitPrice", "Money"), priceQuantity: nil)
    }
}
