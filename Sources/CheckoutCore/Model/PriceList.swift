/// A product's prices by currency code. A catalogue prices in a handful of currencies, so a price is found by
/// comparing codes one by one, a few instructions for a short code, where a dictionary hashed the code (~330
/// instructions, once per item of every cart; issue 18).
struct PriceList: Sendable, Equatable {
    /// Sorted by code, so that two lists of the same prices are equal whatever order they were given in.
    private var entries: [(code: String, price: Price)]

    init(_ prices: [String: Price]) {
        self.init(read: prices.map { (code: $0.key, price: $0.value) })
    }

    /// The prices as read, in any order; a code given twice keeps its last price. Made without a dictionary: a
    /// catalogue of a thousand products hashed four codes each into one only to sort them out again.
    init(read prices: [(code: String, price: Price)]) {
        var list: [(code: String, price: Price)] = []
        list.reserveCapacity(prices.count)
        for p in prices {
            if let i = list.firstIndex(where: { $0.code == p.code }) { list[i].price = p.price } else { list.append(p) }
        }
        list.sort { $0.code < $1.code }
        entries = list
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
