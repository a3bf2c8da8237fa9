/// A cart with every amount computed (SPEC §5): the value the order document is rendered from.
public struct PricedCart: Sendable {
    public var cart: ValidCart
    public var lines: [PricedLine]
    public var shipping: PricedLine?
    /// Applied promotions that took something off, in catalogue order, with their total discount.
    public var promotions: [(promotion: Promotion, total: Int64)]
    public var totals: Totals
}

/// One priced line: a cart line, a free gift, or the shipping line.
public struct PricedLine: Sendable {
    public var sku: String
    public var name: String
    public var productId: String
    public var quantity: Int64
    public var unitPrice: Int64
    public var includesTax: Bool
    /// `unit × quantity`, before discounts.
    public var value: Int64
    /// `D_i`, the line's total discount (≥ 0).
    public var discount: Int64
    public var net: Int64
    public var tax: Int64
    public var gross: Int64
    /// The rates that applied and what each put on the line.
    public var taxes: [(rate: TaxRate, amount: Int64)]
}

/// The order's money summary (SPEC §5.7).
public struct Totals: Sendable, Equatable {
    public var withTax: Int64
    public var withoutTax: Int64
    public var tax: Int64
    /// −Σ D_i: zero or negative.
    public var discount: Int64
    public var withoutDiscount: Int64
    public var shipping: Int64
    public var authorized: Int64
    public var paid: Int64
    public var balanceOwing: Int64
}
