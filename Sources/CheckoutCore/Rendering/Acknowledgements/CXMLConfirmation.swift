/// A cXML 1.2.050 `ConfirmationRequest` (SPEC §13): the order's `From` and `To` swapped, its `To` credentials as the
/// `Sender`, `accept` with the total and tax, or `reject` with a `Comments` per error, referring to the order by its
/// `orderID` and `payloadID`.
enum CXMLConfirmation {
    static func render(_ a: Acknowledgement) -> [UInt8] {
        var w = XMLWriter()
        w.line("<!DOCTYPE cXML SYSTEM \"http://xml.cxml.org/schemas/cXML/1.2.050/Fulfill.dtd\">")
        let stamp = a.date.rfc3339
        let payload = UUIDv5.make("response/" + a.fileName) + "@checkout-batch"
        w.open("cXML", [("payloadID", payload), ("timestamp", stamp)])
        w.open("Header")
        credentials(&w, "From", a.terms.parties.to)
        credentials(&w, "To", a.terms.parties.from)
        w.open("Sender")
        for c in a.terms.parties.to { credential(&w, c) }
        w.element("UserAgent", "checkout-batch")
        w.close("Sender")
        w.close("Header")
        w.open("Request")
        w.open("ConfirmationRequest")
        switch a.outcome {
        case .accepted(let priced):
            w.open("ConfirmationHeader", [("type", "accept"), ("noticeDate", stamp)])
            w.open("Total")
            w.element("Money", a.major(priced.totals.withTax), [("currency", a.currencyCode)])
            w.close("Total")
            w.open("Tax")
            w.element("Money", a.major(priced.totals.tax), [("currency", a.currencyCode)])
            w.element("Description", "Tax", [("xml:lang", "en")])
            w.close("Tax")
        case .rejected:
            w.open("ConfirmationHeader", [("type", "reject"), ("noticeDate", stamp)])
            for line in a.errorLines { w.element("Comments", line, [("xml:lang", "en")]) }
        }
        w.close("ConfirmationHeader")
        w.open("OrderReference", [("orderID", a.terms.orderId?.value ?? "")])
        w.empty("DocumentReference", [("payloadID", a.terms.parties.payloadID ?? "")])
        w.close("OrderReference")
        w.close("ConfirmationRequest")
        w.close("Request")
        w.close("cXML")
        return w.finish()
    }

    static func credentials(_ w: inout XMLWriter, _ role: String, _ list: [AcknowledgementParties.Credential]) {
        w.open(role)
        for c in list { credential(&w, c) }
        w.close(role)
    }

    static func credential(_ w: inout XMLWriter, _ c: AcknowledgementParties.Credential) {
        w.open("Credential", [("domain", c.domain)])
        w.element("Identity", c.identity)
        w.close("Credential")
    }
}
