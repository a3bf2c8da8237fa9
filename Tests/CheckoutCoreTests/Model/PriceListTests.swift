import Testing

@testable import CheckoutCore

@Suite("PriceList")
struct PriceListTests {
    static let usd = Price(amount: 1_250, includesTax: false)
    static let eur = Price(amount: 1_100, includesTax: true)
    static let kwd = Price(amount: 3_875, includesTax: false)

    @Test("each currency's price is found by its code, and a currency without one has none")
    func lookup() {
        let prices = PriceList(["USD": Self.usd, "EUR": Self.eur, "KWD": Self.kwd])
        #expect(prices["USD"] == Self.usd)
        #expect(prices["EUR"] == Self.eur)
        #expect(prices["KWD"] == Self.kwd)
        #expect(prices["JPY"] == nil)
        #expect(prices["usd"] == nil, "codes are compared exactly")
        #expect(PriceList([:])["USD"] == nil)
    }

    @Test("two lists of the same prices are equal, and any difference in a code or a price tells them apart")
    func equality() {
        let a = PriceList(["USD": Self.usd, "EUR": Self.eur])
        #expect(a == PriceList(["EUR": Self.eur, "USD": Self.usd]))
        #expect(a != PriceList(["USD": Self.usd]))
        #expect(a != PriceList(["EUR": Self.eur]), "one price fewer")
        #expect(a != PriceList(["USD": Self.usd, "GBP": Self.eur]))
        #expect(a != PriceList(["USD": Self.usd, "EUR": Price(amount: 1_100, includesTax: false)]))
    }

    @Test("prices as read: in any order, a code given twice keeping its last price")
    func asRead() {
        let read = PriceList(read: [("USD", Self.kwd), ("EUR", Self.eur), ("USD", Self.usd)])
        #expect(read == PriceList(["EUR": Self.eur, "USD": Self.usd]))
        #expect(read["USD"] == Self.usd)
        #expect(PriceList(read: []) == PriceList([:]))
    }
}
