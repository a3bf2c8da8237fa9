/// A cart as read from its document: typed fields, each with where it came from, and the shape problems
/// (SPEC §4 step 1) found while reading. Both JSON and XML readers produce this value.
public struct CartDraft: Sendable {
    /// The line of the cart itself, for errors with no field.
    public var line: Int
    /// The cart's place in the document (`DocNode.order`): fields missing from the cart are listed there.
    public var order: Int

    public var reference: Located<String>?
    public var currency: Located<String>?
    public var updatedAt: Located<Timestamp>?
    public var createdAt: Located<Timestamp>?
    public var customer: CustomerDraft?
    public var billingAddress: AddressDraft?
    public var shippingAddress: AddressDraft?
    /// Nil when `items` is absent.
    public var items: [ItemDraft]?
    public var itemsLocation: Location
    /// Items that were written but could not be read (wrong type, unknown item type): their error is reported,
    /// and they keep the cart from counting as empty.
    public var unreadableItems = 0
    public var promotionCodes: [Located<String>]
    public var promotionCodesLocation: Location?
    public var shippingMethod: Located<String>?
    public var payment: PaymentDraft?

    /// Step 1 problems (wrong types, bad formats of fields later steps use) and the fields they cover.
    public var shape: ShapeProblems
    /// The canonical content, used to tell a duplicate from a conflicting resubmission (SPEC §11).
    public var canonical: [UInt8]

    public init(line: Int, order: Int = 0) {
        self.line = line
        self.order = order
        self.itemsLocation = Location(source: "data.items", line: line, order: order)
        self.promotionCodes = []
        self.shape = ShapeProblems()
        self.canonical = []
    }

    /// The cart itself (`data`), where errors with no field of their own point.
    public var location: Location { Location(source: "data", line: line, order: order) }
}

public struct CustomerDraft: Sendable {
    public var location: Location
    public var id: Located<String>?
    public var name: Located<String>?
    public var email: Located<String>?
}

public struct AddressDraft: Sendable {
    public var location: Location
    /// Raw string fields by name (untrimmed), only those present.
    public var fields: [String: Located<String>]

    public static let billingFields = ["first_name", "last_name", "company_name", "line_1", "line_2", "city", "county",
                                       "region", "postcode", "country"]
    public static let shippingFields = ["first_name", "last_name", "phone_number", "company_name", "line_1", "line_2",
                                        "city", "county", "region", "postcode", "country", "instructions"]
}

public enum ItemKind: Sendable, Equatable {
    case catalogue
    case custom
}

/// A quantity as written: a whole number, or something that is a number but not a valid quantity (`1.5`, `-1`).
public enum QuantityValue: Sendable, Equatable {
    case whole(Int64)
    case invalid(String)
}

public struct ItemDraft: Sendable {
    /// Index in `items` as written, before merging (SPEC §11).
    public var index: Int
    public var location: Location
    public var kind: ItemKind
    public var sku: Located<String>?
    public var productId: Located<String>?
    public var name: Located<String>?
    public var quantity: Located<QuantityValue>?
    /// Where a custom item's `price` was written, when it was.
    public var priceLocation: Location?
    public var amount: Located<Int64>?
    public var includesTax: Bool?
    public var shippable: Bool?
}

public struct PaymentDraft: Sendable {
    public var location: Location
    public var gateway: Located<String>?
    public var status: Located<String>?
    public var amount: Located<Int64>?
    public var currency: Located<String>?
    public var transactionId: Located<String>?
}
