/// What an acknowledgement says to the partner (SPEC §13): which order it answers, when, and whether it was
/// accepted (with its figures) or rejected (with why, line by line). One value, three renderers — one per standard.
struct Acknowledgement {
    enum Outcome {
        case accepted(PricedCart)
        case rejected([CheckoutError])
    }

    var terms: PurchaseOrderTerms
    /// The UUID of `order/<reference>` (or `order/<file>.1`), also for a rejection.
    var orderId: String
    /// The run clock; for a duplicate, its first commit's time, so the same bytes come again.
    var date: Timestamp
    /// The response's file name, for cXML's `payloadID`.
    var fileName: String
    var currency: Currency?
    var outcome: Outcome

    /// The document in the partner's standard.
    func render() -> [UInt8] {
        switch terms.standard {
        case .ubl: return UBLOrderResponse.render(self)
        case .cxml: return CXMLConfirmation.render(self)
        case .openTrans: return OpenTransOrderResponse.render(self)
        }
    }

    /// `85.00`, `1000`, `1.500`: an amount in major units with the currency's decimal places.
    func major(_ minor: Int64) -> String { ExactDecimal.plain(Int128(minor), scale: currency?.decimalPlaces ?? 2) }

    var currencyCode: String { currency?.code ?? terms.currency ?? "" }

    /// Every error as `code: detail`, naming the order line an error is on (`code (line 2): detail`).
    var errorLines: [String] {
        guard case .rejected(let errors) = outcome else { return [] }
        return errors.map { e in
            let line = e.source.flatMap { source in
                terms.lines.first { source == $0.path || source.hasPrefix($0.path + "/") }?.id
            }
            return e.code.rawValue + (line.map { " (line \($0))" } ?? "") + ": " + e.detail
        }
    }
}
