/// A cart that passed validation (SPEC §4 steps 1–6): every reference resolved against the catalogue.
struct ValidCart: Sendable {
    var reference: String
    var currency: Currency
    var customer: OrderCustomer
    var billingAddress: Address
    var shippingAddress: Address
    /// Lines after merging, in cart order (SPEC §2.1).
    var lines: [CartLine]
    /// Promotion codes as given, a code given twice kept once.
    var promotionCodes: [Located<String>]
    var shippingMethod: Located<String>?
    var payment: Payment?
    var updatedAt: Located<Timestamp>?
    /// Where its `items` are (stock errors point there).
    var itemsLocation: Location
    /// The cart itself, for errors with no field of their own.
    var location: Location
    /// The order's `external_ref`: the reference, or a purchase order's id as written (SPEC §12).
    var externalRef: String
    /// A purchase order's stock errors point at the sku's first line, not at `data.items` (SPEC §12).
    var isPurchaseOrder = false

    var line: Int { location.line }
}

struct OrderCustomer: Sendable, Equatable {
    var name: String
    var email: String
    /// Set when the customer came by id (then the order has `relationships.customer`).
    var id: String?
}

/// One line of the cart: a catalogue product (merged over its cart lines), a custom item, or a free gift.
struct CartLine: Sendable {
    enum Kind: Sendable, Equatable { case product, custom, gift }

    var kind: Kind
    var productId: String
    var sku: String
    var name: String
    var quantity: Int64
    var unitPrice: Int64
    var includesTax: Bool
    var taxCode: String?
    var shippable: Bool
    /// Where the line's first cart item was read.
    var location: Location
    /// A catalogue product's `Catalogue.orderItemRuns` entry, carried to its order item.
    var orderItemRun: [UInt8]? = nil
}

struct Payment: Sendable {
    enum Status: String, Sendable { case authorized, paid }
    var status: Status
    var amount: Located<Int64>
    var currency: Located<String>?
}
