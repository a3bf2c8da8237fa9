import Testing

@testable import CheckoutCore

@Suite("Currency formatting (SPEC §5.8)")
struct CurrencyFormatterTests {
    typealias T = TestCatalogue

    @Test(
        "templates, separators and decimal places",
        arguments: [
            (Int64(47_500), "USD", "$475.00"), (Int64(-500), "USD", "-$5.00"), (Int64(-100_000), "USD", "-$1,000.00"),
            (Int64(0), "USD", "$0.00"), (Int64(5), "USD", "$0.05"), (Int64(123_456_789), "USD", "$1,234,567.89"),
            (Int64(1000), "JPY", "¥1,000"), (Int64(999), "JPY", "¥999"), (Int64(1_000_000), "JPY", "¥1,000,000"),
            (Int64(5887), "KWD", "5.887 KWD"), (Int64(7), "KWD", "0.007 KWD"),
            (Int64(1_234_567), "KWD", "1,234.567 KWD"),
            (Int64(123_456), "EUR", "€1.234,56"), (Int64(-99), "EUR", "-€0,99"),
        ])
    func format(amount: Int64, code: String, expected: String) {
        let currency = [T.usd, T.jpy, T.kwd, T.eur].first { $0.code == code }!
        #expect(CurrencyFormatter.format(amount, currency) == expected)
    }

    /// Separators and points of more than one byte, or none, are written whole (the number is laid out backwards
    /// from its last byte, so each one's length must be counted right).
    @Test func separatorsOfAnyLength() {
        let thinSpace = Currency(
            code: "XTS", format: "{price} €", decimalPoint: ",", thousandSeparator: "\u{202F}", decimalPlaces: 2,
            isDefault: false, enabled: true)
        #expect(CurrencyFormatter.format(123_456_789, thinSpace) == "1\u{202F}234\u{202F}567,89 €")
        #expect(CurrencyFormatter.format(-100_000, thinSpace) == "-1\u{202F}000,00 €")
        let bare = Currency(
            code: "XTS", format: "{price}", decimalPoint: "", thousandSeparator: "", decimalPlaces: 3,
            isDefault: false, enabled: true)
        #expect(CurrencyFormatter.format(1_234_567, bare) == "1234567")
        #expect(CurrencyFormatter.format(7, bare) == "0007")
        let wide = Currency(
            code: "XTS", format: "<{price}>", decimalPoint: "::", thousandSeparator: "--", decimalPlaces: 1,
            isDefault: false, enabled: true)
        #expect(CurrencyFormatter.format(12_345_678, wide) == "<1--234--567::8>")
        #expect(CurrencyFormatter.format(9_999, wide) == "<999::9>")
    }

    @Test func extremeAmountsDoNotTrap() {
        #expect(CurrencyFormatter.format(Int64.min, T.usd) == "-$92,233,720,368,547,758.08")
        #expect(CurrencyFormatter.format(Int64.max, T.jpy) == "¥9,223,372,036,854,775,807")
    }
}
