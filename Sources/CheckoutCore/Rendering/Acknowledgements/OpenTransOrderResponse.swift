/// An openTRANS 2.1 `ORDERRESPONSE` (SPEC §13): the order id as written, the response date, our order's id and the
/// currency; for an acceptance one item per (merged) line with its quantity and net unit price as priced, and a
/// summary; for a rejection every error in `REMARKS` and each line as written confirmed with quantity 0 (openTRANS's
/// way to decline a position). The parties and `ORDER_PARTIES_REFERENCE`, an item list and a summary are there in
/// both cases because the openTRANS 2.1 schema requires them (docs/DECISIONS.md, "Acknowledgements").
enum OpenTransOrderResponse {
    static func render(_ a: Acknowledgement) -> [UInt8] {
        var w = XMLWriter()
        w.open(
            "ORDERRESPONSE",
            [
                ("xmlns", "http://www.opentrans.org/XMLSchema/2.1"),
                ("xmlns:bmecat", "http://www.bmecat.org/bmecat/2005"),
                ("version", "2.1"),
            ])
        w.open("ORDERRESPONSE_HEADER")
        w.open("ORDERRESPONSE_INFO")
        w.element("ORDER_ID", a.terms.orderId?.value ?? "")
        w.element("ORDERRESPONSE_DATE", a.date.rfc3339)
        w.element("SUPPLIER_ORDER_ID", a.orderId)
        parties(a.terms.parties, &w)
        w.element("bmecat:CURRENCY", a.currencyCode)
        for line in a.errorLines { w.element("REMARKS", line, [("type", "rejection")]) }
        w.close("ORDERRESPONSE_INFO")
        w.close("ORDERRESPONSE_HEADER")
        switch a.outcome {
        case .accepted(let priced): acceptedItems(a, priced, &w)
        case .rejected: declinedItems(a, &w)
        }
        w.close("ORDERRESPONSE")
        return w.finish()
    }

    /// The buyer and supplier as the order names them; a party the order does not identify is left out.
    static func parties(_ p: AcknowledgementParties, _ w: inout XMLWriter) {
        let named = [(p.buyer, "buyer", "bmecat:BUYER_IDREF"), (p.seller, "supplier", "bmecat:SUPPLIER_IDREF")]
            .filter { $0.0.endpoint != nil }  // nothing to name a party by: left out, not written empty
        guard !named.isEmpty else { return }
        w.open("PARTIES")
        for (party, role, _) in named {
            w.open("PARTY")
            w.element("bmecat:PARTY_ID", party.endpoint, [("type", party.endpointScheme)])
            w.element("PARTY_ROLE", role)
            w.close("PARTY")
        }
        w.close("PARTIES")
        w.open("ORDER_PARTIES_REFERENCE")
        for (party, _, reference) in named {
            w.element(reference, party.endpoint, [("type", party.endpointScheme)])
        }
        w.close("ORDER_PARTIES_REFERENCE")
    }

    /// One item per (merged) line with its quantity and net unit price as priced, and the summary.
    static func acceptedItems(_ a: Acknowledgement, _ priced: PricedCart, _ w: inout XMLWriter) {
        let lines = priced.lines.filter { $0.productId != "" }
        w.open("ORDERRESPONSE_ITEM_LIST")
        var total: Int64 = 0
        for (index, line) in lines.enumerated() {
            // A line ordered by GTIN only has no sku as written: it is the line at the same place.
            let po =
                a.terms.lines.first { $0.sku == line.sku }
                ?? (index < a.terms.lines.count && a.terms.lines[index].sku == nil ? a.terms.lines[index] : nil)
            w.open("ORDERRESPONSE_ITEM")
            w.element("LINE_ITEM_ID", po?.id ?? String(index + 1))
            w.open("PRODUCT_ID")
            w.element("bmecat:SUPPLIER_PID", line.sku)
            w.close("PRODUCT_ID")
            w.element("QUANTITY", String(line.quantity))
            w.element("bmecat:ORDER_UNIT", po?.unit ?? "C62")
            w.open("PRODUCT_PRICE_FIX")
            w.element("bmecat:PRICE_AMOUNT", a.major(Rounding.unit(line.net, quantity: line.quantity)))
            w.close("PRODUCT_PRICE_FIX")
            w.element("PRICE_LINE_AMOUNT", a.major(line.net))
            w.close("ORDERRESPONSE_ITEM")
            total &+= line.net
        }
        w.close("ORDERRESPONSE_ITEM_LIST")
        w.open("ORDERRESPONSE_SUMMARY")
        w.element("TOTAL_ITEM_NUM", String(lines.count))
        w.element("TOTAL_AMOUNT", a.major(total))
        w.close("ORDERRESPONSE_SUMMARY")
    }

    /// Each line as written, confirmed with quantity 0; nothing when the order has no lines.
    static func declinedItems(_ a: Acknowledgement, _ w: inout XMLWriter) {
        guard !a.terms.lines.isEmpty else { return }
        w.open("ORDERRESPONSE_ITEM_LIST")
        for line in a.terms.lines {
            w.open("ORDERRESPONSE_ITEM")
            w.element("LINE_ITEM_ID", line.id)
            w.open("PRODUCT_ID")
            if let sku = line.sku { w.element("bmecat:SUPPLIER_PID", sku) }
            w.close("PRODUCT_ID")
            w.element("QUANTITY", "0")
            w.element("bmecat:ORDER_UNIT", line.unit ?? "C62")
            w.close("ORDERRESPONSE_ITEM")
        }
        w.close("ORDERRESPONSE_ITEM_LIST")
        w.open("ORDERRESPONSE_SUMMARY")
        w.element("TOTAL_ITEM_NUM", String(a.terms.lines.count))
        w.close("ORDERRESPONSE_SUMMARY")
    }
}
