/// A cart as read from its document: typed fields, each with where it came from, and the shape problems
/// (SPEC §4 step 1) found while reading. Both JSON and XML readers produce this value.
struct CartDraft: Sendable {
    /// The line of the cart itself, for errors with no field.
    var line: Int
    /// The cart's place in the document (`DocNode.order`): fields missing from the cart are listed there.
    var order: Int

    var reference: Located<String>?
    var currency: Located<String>?
    var updatedAt: Located<Timestamp>?
    var createdAt: Located<Timestamp>?
    var customer: CustomerDraft?
    var billingAddress: AddressDraft?
    var shippingAddress: AddressDraft?
    /// Nil when `items` is absent.
    var items: [ItemDraft]?
    var itemsLocation: Location
    /// Items that were written but could not be read (wrong type, unknown item type): their error is reported,
    /// and they keep the cart from counting as empty.
    var unreadableItems = 0
    var promotionCodes: [Located<String>]
    var promotionCodesLocation: Location?
    var shippingMethod: Located<String>?
    @OutOfLine var payment: PaymentDraft? = nil

    /// Step 1 problems (wrong types, bad formats of fields later steps use) and the fields they cover.
    var shape: ShapeProblems
    /// The canonical content, used to tell a duplicate from a conflicting resubmission (SPEC §11).
    var canonical: [UInt8]

    init(line: Int, order: Int = 0) {
        self.line = line
        self.order = order
        self.itemsLocation = Location(source: "data.items", line: line, order: order)
        self.promotionCodes = []
        self.shape = ShapeProblems()
        self.canonical = []
    }

    /// Set for a cart that came from a purchase order (SPEC §12).
    @OutOfLine var purchaseOrder: PurchaseOrderTerms? = nil
    /// The cart itself (`data`, or a purchase order's root element), where errors with no field of their own point.
    var location: Location {
        if let root = purchaseOrderRoot { return root }
        return Location(source: "data", line: line, order: order)
    }
    var purchaseOrderRoot: Location?
}

struct CustomerDraft: Sendable {
    var location: Location
    var id: Located<String>?
    var name: Located<String>?
    var email: Located<String>?
}

struct AddressDraft: Sendable {
    var location: Location
    /// Raw string fields by name (untrimmed), only those present.
    var fields: AddressFields<Located<String>>
    /// A purchase order's address (SPEC §12): `first_name` and `last_name` are needed only without `company_name`.
    var companyReplacesNames = false

    /// A billing address's fields, in their order (SPEC §2.1): a shipping address's but the phone and instructions.
    static let billing: [AddressField] = AddressField.allCases.filter { $0 != .phoneNumber && $0 != .instructions }
    static let shipping: [AddressField] = AddressField.allCases
    static let billingFields = billing.map(\.name)
    static let shippingFields = shipping.map(\.name)
}

enum ItemKind: Sendable, Equatable {
    case catalogue
    case custom
}

/// A quantity as written: a whole number, or something that is a number but not a valid quantity (`1.5`, `-1`).
enum QuantityValue: Sendable, Equatable {
    case whole(Int64)
    case invalid(String)
}

struct ItemDraft: Sendable {
    /// Index in `items` as written, before merging (SPEC §11).
    var index: Int
    var location: Location
    var kind: ItemKind
    var sku: Located<String>?
    var productId: Located<String>?
    var name: Located<String>?
    var quantity: Located<QuantityValue>?
    /// Where a custom item's `price` was written, when it was.
    var priceLocation: Location?
    var amount: Located<Int64>?
    var includesTax: Bool?
    var shippable: Bool?
    /// A purchase-order line's GTIN, unit and stated price (SPEC §12).
    @OutOfLine var purchase: PurchaseLineTerms? = nil
}

struct PaymentDraft: Sendable {
    var location: Location
    var gateway: Located<String>?
    var status: Located<String>?
    var amount: Located<Int64>?
    var currency: Located<String>?
    var transactionId: Located<String>?
}
