/// A cart that passed validation (SPEC §4 steps 1–6): every reference resolved against the catalogue.
public struct ValidCart: Sendable {
    public var reference: String
    public var currency: Currency
    public var customer: OrderCustomer
    public var billingAddress: Address
    public var shippingAddress: Address
    /// Lines after merging, in cart order (SPEC §2.1).
    public var lines: [CartLine]
    /// Promotion codes as given, a code given twice kept once.
    public var promotionCodes: [Located<String>]
    public var shippingMethod: Located<String>?
    public var payment: Payment?
    public var updatedAt: Located<Timestamp>?
    /// Where its `items` are (stock errors point there).
    public var itemsLocation: Location
    /// The cart itself, for errors with no field of their own.
    public var location: Location

    public var line: Int { location.line }
}

public struct OrderCustomer: Sendable, Equatable {
    public var name: String
    public var email: String
    /// Set when the customer came by id (then the order has `relationships.customer`).
    public var id: String?
}

/// One line of the cart: a catalogue product (merged over its cart lines), a custom item, or a free gift.
public struct CartLine: Sendable {
    public enum Kind: Sendable, Equatable { case product, custom, gift }

    public var kind: Kind
    public var productId: String
    public var sku: String
    public var name: String
    public var quantity: Int64
    public var unitPrice: Int64
    public var includesTax: Bool
    public var taxCode: String?
    public var shippable: Bool
    /// Where the line's first cart item was read.
    public var location: Location
}

public struct Payment: Sendable {
    public enum Status: String, Sendable { case authorized, paid }
    public var status: Status
    public var amount: Located<Int64>
    public var currency: Located<String>?
}
