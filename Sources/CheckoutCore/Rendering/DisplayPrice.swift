/// Elastic Path's display price, `{"amount": …, "currency": …, "formatted": …}` (SPEC §7). An order shows ~60, so
/// it is written as a flat object, its formatted text straight into the document.
enum DisplayPrice {
    /// `"key": {"amount": 47500, "currency": "USD", "formatted": "$475.00"}`.
    static func write(_ key: StaticString, _ amount: Int64, _ currency: Currency, to w: inout JSONWriter) {
        var flat = w.beginFlatObject(key)
        w.flatMember("amount", amount, &flat)
        w.flatMember("currency", currency.code, &flat)
        let start = w.beginInPlaceString("formatted", &flat)
        CurrencyFormatter.append(amount, currency, to: &w.bytes)
        w.endInPlaceString(from: start, isPlainText: currency.displayFormat.isPlainText)
        w.endFlatObject(flat)
    }
}
