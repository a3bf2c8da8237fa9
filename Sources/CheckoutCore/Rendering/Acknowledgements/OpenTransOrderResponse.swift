/// An openTRANS 2.1 `ORDERRESPONSE` (SPEC §13): the order id as written, the response date, our order's id and the
/// currency; for an acceptance one item per (merged) line with its quantity and net unit price as priced, and a
/// summary; for a rejection every error in `REMARKS`.
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
        w.element("bmecat:CURRENCY", a.currencyCode)
        for line in a.errorLines { w.element("REMARKS", line, [("type", "rejection")]) }
        w.close("ORDERRESPONSE_INFO")
        w.close("ORDERRESPONSE_HEADER")
        if case .accepted(let priced) = a.outcome {
            w.open("ORDERRESPONSE_ITEM_LIST")
            var total: Int64 = 0
            for line in priced.lines where line.productId != "" {
                let po = a.terms.lines.first { $0.sku == line.sku }
                w.open("ORDERRESPONSE_ITEM")
                w.element("LINE_ITEM_ID", po?.id ?? "")
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
            w.element("TOTAL_ITEM_NUM", String(priced.lines.filter { $0.productId != "" }.count))
            w.element("TOTAL_AMOUNT", a.major(total))
            w.close("ORDERRESPONSE_SUMMARY")
        }
        w.close("ORDERRESPONSE")
        return w.finish()
    }
}
