/// A product's prices by currency code. A catalogue prices in a handful of currencies, so a price is found by
/// comparing codes one by one, a few instructions for a short code, where a dictionary hashed the code (~330
/// instructions, once per item of every cart; issue 18).
struct PriceList: Sendable, Equatable {
    /// Sorted by code, so that two lists of the same prices are equal whatever order they were given in.
    private var entries: [(code: String, price: Price)]

    init(_ prices: [String: Price]) {
        entries = prices.sorted { $0.key < $1.key }.map { (code: $0.key, price: $0.value) }
    }

    subscript(code: String) -> Price? {
        for i in entries.indices where entries[i].code == code { return entries[i].price }
        return nil
    }

    static func == (lhs: PriceList, rhs: PriceList) -> Bool {
        lhs.entries.count == rhs.entries.count
            && zip(lhs.entries, rhs.entries).allSatisfy { $0.code == $1.code && $0.price == $1.price }
    }
}
