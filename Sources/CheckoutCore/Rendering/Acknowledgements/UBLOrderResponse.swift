/// A PEPPOL BIS Order Response 3 (UBL 2.1 `OrderResponse`, SPEC §13): `AP` for an accepted order, `RE` with one
/// `Note` holding every error for a rejected one, and no lines either way (an `RE` may carry none, rule T76-R009).
enum UBLOrderResponse {
    static func render(_ a: Acknowledgement) -> [UInt8] {
        var w = XMLWriter()
        w.open(
            "OrderResponse",
            [
                ("xmlns", "urn:oasis:names:specification:ubl:schema:xsd:OrderResponse-2"),
                ("xmlns:cac", "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"),
                ("xmlns:cbc", "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"),
            ])
        w.element("cbc:CustomizationID", "urn:fdc:peppol.eu:poacc:trns:order_response:3")
        w.element("cbc:ProfileID", "urn:fdc:peppol.eu:poacc:bis:ordering:3")
        w.element("cbc:ID", a.orderId)
        let stamp = a.date.rfc3339  // 2026-12-06T02:00:00Z
        w.element("cbc:IssueDate", String(stamp.prefix(10)))
        w.element("cbc:IssueTime", String(stamp.dropFirst(11).prefix(8)) + "Z")
        switch a.outcome {
        case .accepted: w.element("cbc:OrderResponseCode", "AP")
        case .rejected:
            w.element("cbc:OrderResponseCode", "RE")
            w.element("cbc:Note", a.errorLines.joined(separator: "\n"))
        }
        w.element("cbc:DocumentCurrencyCode", a.currencyCode)
        if let id = a.terms.orderId?.value {
            w.open("cac:OrderReference")
            w.element("cbc:ID", id)
            w.close("cac:OrderReference")
        }
        party(&w, "cac:SellerSupplierParty", a.terms.parties.seller)
        party(&w, "cac:BuyerCustomerParty", a.terms.parties.buyer)
        w.close("OrderResponse")
        return w.finish()
    }

    /// The party as the order gave it: its endpoint (with its scheme) and its name; nothing when it gave neither.
    static func party(_ w: inout XMLWriter, _ role: String, _ p: AcknowledgementParties.Party) {
        guard p.endpoint != nil || p.name != nil else { return }
        w.open(role)
        w.open("cac:Party")
        w.element("cbc:EndpointID", p.endpoint, [("schemeID", p.endpointScheme)])
        if let name = p.name {
            w.open("cac:PartyName")
            w.element("cbc:Name", name)
            w.close("cac:PartyName")
        }
        w.close("cac:Party")
        w.close(role)
    }
}
