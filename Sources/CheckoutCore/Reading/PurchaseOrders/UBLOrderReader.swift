/// A UBL Order (UBL 2.0–2.3, PEPPOL BIS Order 3, CEN BII) mapped as SPEC §12 says: buyer identifiers, billing from
/// `AccountingCustomerParty` else `BuyerCustomerParty`, shipping from `Delivery`, lines from `OrderLine/LineItem`.
enum UBLOrderReader {
    static let names: Set<String> = [
        "Order", "ID", "DocumentCurrencyCode", "BuyerCustomerParty", "AccountingCustomerParty",
        "SellerSupplierParty", "Party", "EndpointID", "PartyIdentification", "CustomerAssignedAccountID", "PartyName",
        "Name", "PartyLegalEntity", "RegistrationName", "PostalAddress", "StreetName", "BuildingNumber",
        "AdditionalStreetName", "AddressLine", "Line", "CityName", "CountrySubentity", "PostalZone", "Country",
        "IdentificationCode", "Contact", "Telephone", "Person", "FirstName", "FamilyName", "Delivery",
        "DeliveryLocation", "Address", "DeliveryAddress", "DeliveryParty", "Description", "OrderLine", "LineItem",
        "Quantity", "Price", "PriceAmount", "BaseQuantity", "Item", "SellersItemIdentification",
        "StandardItemIdentification",
    ]

    static func read(_ root: XMLNode) -> PurchaseOrder {
        let buyerParty = root.at("BuyerCustomerParty", "Party")
        var order = PurchaseOrder(
            standard: .ubl, root: root.location, orderId: root.value("ID"), orderIdAnchor: root.location,
            currency: root.value("DocumentCurrencyCode"),
            buyer: (buyerParty ?? root.child("BuyerCustomerParty") ?? root).location,
            linesAnchor: root.location)
        order.buyerIds = buyerIdentifiers(root)
        order.parties.seller = party(root.at("SellerSupplierParty", "Party"))
        order.parties.buyer = party(buyerParty)

        let parties = [root.at("AccountingCustomerParty", "Party"), buyerParty].compactMap { $0 }
        if let billing = parties.first(where: { $0.child("PostalAddress") != nil }) {
            order.billingAddress = address(billing.child("PostalAddress")!, party: billing).draft
        }
        if let first = parties.first {
            order.firstParty = address(first.child("PostalAddress") ?? first, party: first).draft
        }
        if let delivery = root.child("Delivery"),
            let postal = delivery.at("DeliveryLocation", "Address") ?? delivery.child("DeliveryAddress")
        {
            let party = delivery.at("DeliveryParty") ?? buyerParty
            var shipping = address(postal, party: party)
            shipping.set("instructions", delivery.value("DeliveryLocation", "Description"))
            order.shippingAddress = shipping.draft
        }
        let lines = root.children("OrderLine")
        order.tooManyLines = lines.count > InputLimits.maxItems
        order.lines = lines.prefix(InputLimits.maxItems).enumerated().map { line($1, position: $0 + 1) }
        return order
    }

    /// A party as an acknowledgement names it: its endpoint (with its scheme) and its name.
    static func party(_ node: XMLNode?) -> AcknowledgementParties.Party {
        guard let node else { return AcknowledgementParties.Party() }
        let endpoint = node.child("EndpointID")
        return AcknowledgementParties.Party(
            endpoint: endpoint?.value?.value, endpointScheme: endpoint?.attribute("schemeID")?.value,
            name: node.value("PartyName", "Name")?.value ?? node.value("PartyLegalEntity", "RegistrationName")?.value)
    }

    /// `EndpointID`, each `PartyIdentification/ID` (`schemeID:value`), then `CustomerAssignedAccountID`, each once.
    static func buyerIdentifiers(_ root: XMLNode) -> [String] {
        var ids: [String] = []
        func add(_ node: XMLNode?) {
            guard let node, let value = node.value?.value else { return }
            let id = node.attribute("schemeID").map { "\($0.value):\(value)" } ?? value
            if !ids.contains(id) { ids.append(id) }
        }
        let party = root.at("BuyerCustomerParty", "Party")
        add(party?.child("EndpointID"))
        for identification in party?.children("PartyIdentification") ?? [] { add(identification.child("ID")) }
        if let account = root.value("BuyerCustomerParty", "CustomerAssignedAccountID"), !ids.contains(account.value) {
            ids.append(account.value)
        }
        return ids
    }

    /// A UBL address (`PostalAddress`, `Address`, `DeliveryAddress`) with its party's name, person and contact.
    static func address(_ postal: XMLNode, party: XMLNode?) -> PurchaseOrderMapping.Address {
        var a = PurchaseOrderMapping.Address(at: postal.location)
        if let party {
            a.set(
                "company_name", party.value("PartyName", "Name") ?? party.value("PartyLegalEntity", "RegistrationName"))
            a.set("first_name", party.value("Person", "FirstName"))
            a.set("last_name", party.value("Person", "FamilyName"))
            if a.fields["first_name"] == nil { a.setSplitName(party.value("Contact", "Name")) }
            a.set("phone_number", party.value("Contact", "Telephone"))
        }
        if let street = postal.value("StreetName") {
            let number = postal.value("BuildingNumber")
            a.set("line_1", Located(street.value + (number.map { " " + $0.value } ?? ""), at: street.location))
        } else {
            a.set("line_1", postal.value("AddressLine", "Line"))
        }
        a.set("line_2", postal.value("AdditionalStreetName"))
        a.set("city", postal.value("CityName"))
        a.set("region", postal.value("CountrySubentity"))
        a.set("postcode", postal.value("PostalZone"))
        a.set("country", postal.value("Country", "IdentificationCode"))
        return a
    }

    static func line(_ orderLine: XMLNode, position: Int) -> PurchaseOrderLine {
        let item = orderLine.child("LineItem") ?? orderLine
        let goods = item.child("Item")
        let gtin = goods?.child("StandardItemIdentification")?.child("ID").flatMap { id -> Located<String>? in
            let scheme = id.attribute("schemeID")?.value
            return scheme == "0160" || scheme == "GTIN" ? id.value : nil
        }
        let quantity = item.child("Quantity")
        return PurchaseOrderLine(
            location: item.location, id: item.value("ID")?.value ?? String(position),
            itemAnchor: (goods ?? item).location, sku: goods?.value("SellersItemIdentification", "ID"), gtin: gtin,
            quantity: quantity?.value, quantityAnchor: (quantity ?? item).location,
            unit: quantity?.attribute("unitCode"), price: item.value("Price", "PriceAmount"),
            priceQuantity: item.value("Price", "BaseQuantity"))
    }
}
