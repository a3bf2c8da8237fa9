/// A converted cart as its order document states it (SPEC §7): the stage between stock allocation and rendering.
/// It holds every fact of the order — states, lines, display figures, ids — so renderers only lay it out.
public struct Order: Sendable {
    public var id: String
    public var reference: String
    /// `status` and `payment` (SPEC §7: from the payment against the total).
    public var status: String
    public var payment: String
    public var currency: Currency
    public var customer: OrderCustomer
    public var shippingAddress: Address
    public var billingAddress: Address
    public var totals: Totals
    /// Cart lines, then the shipping line, then one line per promotion that took something off.
    public var items: [OrderItem]
    /// The run clock in RFC 3339: `created_at` and `updated_at` of everything in the order.
    public var timestamp: String
    /// The ids of the items, their cart items and their tax items (`OrderIds`).
    public var ids: OrderIds
}

/// One order item: its identity, prices before discount, display values after discount, and its taxes.
public struct OrderItem: Sendable {
    public var quantity: Int64
    public var productId: String
    public var name: String
    public var sku: String
    public var unitPrice: Int64
    public var value: Int64
    public var includesTax: Bool
    /// `with_tax`, `without_tax`, `tax`, `discount`, `without_discount`: values (units are derived).
    public var display: [(key: StaticString, value: Int64)]
    public var taxes: [(rate: TaxRate, amount: Int64)]
}

/// Every id of an order as text, 36 bytes each in one array (an order has dozens; one String each would cost an
/// allocation apiece): item k (0-based) at k, its cart item at `items + k`, its tax items from `taxStart[k]` on.
public struct OrderIds: Sendable {
    public var text: [UInt8]
    public var items: Int
    public var taxStart: [Int]

    public func item(_ k: Int) -> Int { k }
    public func cartItem(_ k: Int) -> Int { items + k }
    public func tax(_ k: Int, _ j: Int) -> Int { taxStart[k] + j }
}
