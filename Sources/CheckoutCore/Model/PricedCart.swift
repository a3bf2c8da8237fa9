/// A cart with every amount computed (SPEC §5): the value the order document is rendered from.
struct PricedCart: Sendable {
    var cart: ValidCart
    var lines: [PricedLine]
    var shipping: PricedLine?
    /// Applied promotions that took something off, in catalogue order, with their total discount.
    var promotions: [(promotion: Promotion, total: Int64)]
    var totals: Totals
}

/// One priced line: a cart line, a free gift, or the shipping line.
struct PricedLine: Sendable {
    var sku: String
    var name: String
    var productId: String
    var quantity: Int64
    var unitPrice: Int64
    var includesTax: Bool
    /// `unit × quantity`, before discounts.
    var value: Int64
    /// `D_i`, the line's total discount (≥ 0).
    var discount: Int64
    var net: Int64
    var tax: Int64
    var gross: Int64
    /// The rates that applied and what each put on the line.
    var taxes: [LineTax]
    /// See `CartLine.orderItemRun`.
    var orderItemRun: [UInt8]? = nil
}

/// The order's money summary (SPEC §5.7).
struct Totals: Sendable, Equatable {
    var withTax: Int64
    var withoutTax: Int64
    var tax: Int64
    /// −Σ D_i: zero or negative.
    var discount: Int64
    var withoutDiscount: Int64
    var shipping: Int64
    var authorized: Int64
    var paid: Int64
    var balanceOwing: Int64
}

/// A rate and the tax it put on a line. A struct rather than a tuple: an array of tuples holding a class is
/// destroyed element by element through the runtime's generic tuple witness, where a struct's own destroy is a
/// release (issue 18: each priced line and each order item holds one array of them).
struct LineTax: Sendable {
    var rate: TaxRate
    var amount: Int64
}
