import Testing

@testable import CheckoutCore

/// SPEC §6: stock is the inventory less what earlier orders took; a cart takes all its stock or none.
@Suite("Stock")
struct StockLedgerTests {
    typealias T = TestCatalogue

    static let mug = T.product("mug", ["USD": Price(amount: 1000, includesTax: false)])
    static let cap = T.product("cap", ["USD": Price(amount: 1500, includesTax: false)])
    static let ebook = T.product("ebook", ["USD": Price(amount: 500, includesTax: false)])
    static let inventory = Inventory(
        asOf: Timestamp(rfc3339: "2026-11-20T00:00:00Z")!, entries: [("mug", 5), ("cap", 2)])
    static let catalogue = T.catalogue(products: [mug, cap, ebook], inventory: inventory)

    func priced(_ lines: [(Product, Int64)]) throws -> PricedCart {
        let cart = T.cart(
            lines.map { T.line($0.0, quantity: $0.1, currency: "USD") }, currency: T.usd,
            address: T.address(country: "US"))
        return try PriceCalculator.price(cart, promotions: [], shipping: nil, catalogue: Self.catalogue)
    }

    @Test("the inventory less what was taken after its as_of; all of a cart or nothing; unlisted skus are unlimited")
    func allocation() throws {
        // The ledger says 1 mug was taken after as_of: 4 are left.
        var stock = StockLedger(inventory: Self.inventory, taken: ["mug": 1])
        guard
            case .success(let first) = stock.allocate(
                try priced([(Self.mug, 3), (Self.ebook, 100)]), catalogue: Self.catalogue)
        else {
            Issue.record("3 of 4 mugs should be there")
            return
        }
        #expect(first.map(\.sku) == ["mug"] && first.map(\.quantity) == [3], "the ebook is not stock-managed")
        // 1 mug left: 2 mugs and a cap fail together, and the cap is not taken.
        guard
            case .failure(let shortage) = stock.allocate(
                try priced([(Self.cap, 1), (Self.mug, 2)]), catalogue: Self.catalogue)
        else {
            Issue.record("only 1 mug is left")
            return
        }
        #expect(shortage.errors.map(\.code) == [.insufficientStock])
        #expect(shortage.errors.first?.meta.map(\.0) == ["id", "sku", "requested", "available"])
        #expect(shortage.errors.first?.detail == "There is not enough stock to add mug to your cart")
        #expect(stock.remaining.map(\.available) == [1, 2])
        // The last mug and both caps: then both are out, listed in inventory order. What was taken is listed in
        // line order, the unlimited ebook before them left out.
        guard
            case .success(let last) = stock.allocate(
                try priced([(Self.ebook, 1), (Self.cap, 2), (Self.mug, 1)]), catalogue: Self.catalogue)
        else {
            Issue.record("1 mug and 2 caps are left")
            return
        }
        #expect(last.map(\.sku) == ["cap", "mug"] && last.map(\.quantity) == [2, 1])
        #expect(stock.remaining.map(\.sku) == ["mug", "cap"])
        #expect(stock.skusOutOfStock == ["mug", "cap"])
    }

    @Test("lines of one sku count together; what was oversold before shows as 0, never negative")
    func totalsPerSku() throws {
        var stock = StockLedger(inventory: Self.inventory, taken: ["cap": 3])
        #expect(stock.remaining.map(\.available) == [5, 0])
        let wanted = StockLedger.request(try priced([(Self.mug, 2), (Self.cap, 0), (Self.mug, 3)]))
        #expect(wanted.map(\.sku) == ["mug", "cap"] && wanted.map(\.quantity) == [5, 0])
        // A long cart (past 16 lines the request hashes its skus) merges the same way, in first-line order.
        let round: [(Product, Int64)] = [(Self.cap, 1), (Self.mug, 2), (Self.ebook, 1)]
        let long = Array(repeating: round, count: 7).flatMap { $0 }
        let wantedLong = StockLedger.request(try priced(long))
        #expect(wantedLong.map(\.sku) == ["cap", "mug", "ebook"] && wantedLong.map(\.quantity) == [7, 14, 7])
        guard case .success = stock.allocate(try priced([(Self.mug, 2), (Self.mug, 3)]), catalogue: Self.catalogue)
        else {
            Issue.record("5 mugs are there")
            return
        }
        #expect(stock.skusOutOfStock == ["mug", "cap"])
    }
}
