/// A converted cart as its order document states it (SPEC §7): the stage between stock allocation and rendering.
/// It holds every fact of the order — states, lines, display figures, ids — so renderers only lay it out.
struct Order: Sendable {
    var id: String
    var reference: String
    /// The cart's reference, or a purchase order's id as written (SPEC §7, §12).
    var externalRef: String
    /// `status` and `payment` (SPEC §7: from the payment against the total).
    var status: String
    var payment: String
    var currency: Currency
    var customer: OrderCustomer
    var shippingAddress: Address
    var billingAddress: Address
    var totals: Totals
    /// Cart lines, then the shipping line, then one line per promotion that took something off.
    var items: [OrderItem]
    /// The run clock in RFC 3339: `created_at` and `updated_at` of everything in the order.
    var timestamp: String
    /// The ids of the items, their cart items and their tax items (`OrderIds`).
    var ids: OrderIds
}

/// One order item: its identity, prices before discount, display values after discount, and its taxes.
struct OrderItem: Sendable {
    var quantity: Int64
    var productId: String
    var name: String
    var sku: String
    var unitPrice: Int64
    var value: Int64
    var includesTax: Bool
    var display: DisplayFigures
    var taxes: [LineTax]
    /// Its `product_id`, `name` and `sku` members ready to write, for a catalogue product (`CartLine.orderItemRun`).
    var orderItemRun: [UInt8]? = nil
}

/// An item's display values after discount, in the order its document lists them (units are derived): a value
/// rather than an array of named figures, which cost an allocation for every item of every order (issue 18).
struct DisplayFigures: Sendable {
    var withTax: Int64
    var withoutTax: Int64
    var tax: Int64
    var discount: Int64
    var withoutDiscount: Int64
}

/// Every id of an order as text, 36 bytes each in one array (an order has dozens; one String each would cost an
/// allocation apiece): item k (0-based) at k, its cart item at `items + k`, its tax items from `taxStart[k]` on.
struct OrderIds: Sendable {
    var text: [UInt8]
    var items: Int
    var taxStart: [Int]

    func item(_ k: Int) -> Int { k }
    func cartItem(_ k: Int) -> Int { items + k }
    func tax(_ k: Int, _ j: Int) -> Int { taxStart[k] + j }
}
