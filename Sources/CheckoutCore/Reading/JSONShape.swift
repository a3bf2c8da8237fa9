/// Which parts of a JSON value the parser keeps as nodes. A cart keeps the fields SPEC §2.1 names and reads the
/// rest only for its syntax (SPEC §11: unknown fields are skipped without being kept), so an unknown field of
/// ten million numbers costs time, not memory.
indirect enum JSONShape: Sendable {
    /// Everything is kept (catalogue files, the ledger, the address data).
    case all
    /// Nothing is kept: the value is read for its syntax only.
    case none
    /// An object keeps the named members (nil: none of them); an array keeps its elements in `element`'s shape
    /// (nil: none), at most `maxElements` of them (more is an error). A scalar is kept as it is.
    case node(members: [Member]?, element: JSONShape?, maxElements: Int?)

    /// A member kept, by name: its bytes are what a key of the input is compared with, its first eight first
    /// (`JSONParser.Key.prefix`).
    struct Member: Sendable {
        let key: String
        let bytes: [UInt8]
        let prefix: UInt64
        let shape: JSONShape

        init(_ key: String, _ shape: JSONShape) {
            self.key = key
            self.bytes = Array(key.utf8)
            prefix = bytes.withUnsafeBufferPointer { JSONParser.prefix(of: $0) }
            self.shape = shape
        }
    }

    var element: JSONShape {
        switch self {
        case .all: return .all
        case .none: return .none
        case .node(_, let element, _): return element ?? .none
        }
    }

    /// Nothing of the value is kept: a scalar is read for its syntax only.
    var keepsNothing: Bool {
        if case .none = self { return true }
        return false
    }

    var keepsElements: Bool {
        switch self {
        case .all: return true
        case .none: return false
        case .node(_, let element, _): return element != nil
        }
    }

    var maxElements: Int? {
        if case .node(_, _, let max) = self { return max }
        return nil
    }

    /// A field that should hold a scalar: an object or array in its place is read and kept empty (its type is
    /// all that matters to the error).
    static let scalar = JSONShape.node(members: nil, element: nil, maxElements: nil)

    static func object(_ fields: [String], _ nested: KeyValuePairs<String, JSONShape> = [:]) -> JSONShape {
        var members = fields.map { Member($0, JSONShape.scalar) }
        for (k, v) in nested { members.append(Member(k, v)) }
        precondition(Set(members.map(\.key)).count == members.count, "a shape names each member once")
        return .node(members: members, element: nil, maxElements: nil)
    }

    /// One cart (SPEC §2.1): what `CartDecoder` reads, and no more.
    static let cart: JSONShape = {
        let price = object(["amount", "includes_tax"])
        let item = object(["type", "sku", "product_id", "name", "quantity", "shippable"], ["price": price])
        let items = JSONShape.node(members: nil, element: item, maxElements: InputLimits.maxItems)
        let codes = JSONShape.node(members: nil, element: .scalar, maxElements: nil)
        return object(
            // `type` is no cart field: kept to tell a document that only looks like a cart (`DocumentKind`).
            ["reference", "currency", "updated_at", "created_at", "shipping_method", "type"],
            [
                "customer": object(["id", "name", "email"]),
                "billing_address": object(AddressDraft.shippingFields),
                "shipping_address": object(AddressDraft.shippingFields),
                "items": items,
                "promotion_codes": codes,
                "payment": object(["gateway", "status", "amount", "currency", "transaction_id"]),
            ])
    }()
}
