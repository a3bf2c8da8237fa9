/// Which parts of a JSON value the parser keeps as nodes. A cart keeps the fields SPEC §2.1 names and reads the
/// rest only for its syntax (SPEC §11: unknown fields are skipped without being kept), so an unknown field of
/// ten million numbers costs time, not memory.
///
/// A shape is two words pointing into nodes made once, for the static shapes below, and never freed: the parser
/// hands a shape down for every value it reads, on every thread reading carts at once, and an `indirect enum` of
/// arrays was retained and released a few times a member, on reference counts all those threads shared (issue 18).
/// Immutable once made, hence `@unchecked Sendable`.
struct JSONShape: @unchecked Sendable {
    /// The node of a `node` shape; nil for `all` and `none`.
    private let node: UnsafePointer<Node>?
    /// Everything is kept, members and elements alike.
    let keepsEverything: Bool

    /// Everything is kept (catalogue files, the ledger, the address data).
    static let all = JSONShape(node: nil, keepsEverything: true)
    /// Nothing is kept: the value is read for its syntax only.
    static let none = JSONShape(node: nil, keepsEverything: false)

    /// An object keeps the named members (none: none of them); an array keeps its elements in `element`'s shape
    /// (nil: none), at most `maxElements` of them (more is an error). A scalar is kept as it is.
    private struct Node {
        let members: UnsafeBufferPointer<Member>
        let element: JSONShape?
        let maxElements: Int?
    }

    /// A member kept, by name: its bytes are what a key of the input is compared with, its first eight first
    /// (`JSONParser.Key.prefix`).
    struct Member {
        let bytes: UnsafeBufferPointer<UInt8>
        let prefix: UInt64
        let shape: JSONShape
    }

    private init(node: UnsafePointer<Node>?, keepsEverything: Bool) {
        self.node = node
        self.keepsEverything = keepsEverything
    }

    /// A shape that keeps the value, its named members and its elements as said. Its memory is never freed: for
    /// the static shapes only, made once each.
    private static func node(members named: [(String, JSONShape)], element: JSONShape?, maxElements: Int?) -> JSONShape
    {
        precondition(Set(named.map(\.0)).count == named.count, "a shape names each member once")
        let members = UnsafeMutableBufferPointer<Member>.allocate(capacity: named.count)
        for (i, (key, shape)) in named.enumerated() {
            let bytes = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: key.utf8.count)
            _ = bytes.initialize(from: key.utf8)
            let name = UnsafeBufferPointer(bytes)
            (members.baseAddress! + i).initialize(
                to: Member(bytes: name, prefix: JSONParser.prefix(of: name), shape: shape))
        }
        let node = UnsafeMutablePointer<Node>.allocate(capacity: 1)
        node.initialize(to: Node(members: UnsafeBufferPointer(members), element: element, maxElements: maxElements))
        return JSONShape(node: node, keepsEverything: false)
    }

    /// The members kept (none for `all`, which keeps every member, and for `none`).
    var members: UnsafeBufferPointer<Member> { node?.pointee.members ?? UnsafeBufferPointer(start: nil, count: 0) }

    var element: JSONShape {
        if keepsEverything { return .all }
        return node?.pointee.element ?? .none
    }

    /// Nothing of the value is kept: a scalar is read for its syntax only.
    var keepsNothing: Bool { node == nil && !keepsEverything }

    var keepsElements: Bool { keepsEverything || node?.pointee.element != nil }

    var maxElements: Int? { node?.pointee.maxElements }

    /// A field that should hold a scalar: an object or array in its place is read and kept empty (its type is
    /// all that matters to the error).
    static let scalar = JSONShape.node(members: [], element: nil, maxElements: nil)

    /// An array keeping its elements in `element`'s shape, at most `maxElements` of them. For a static shape only
    /// (`node`).
    static func array(of element: JSONShape, maxElements: Int? = nil) -> JSONShape {
        .node(members: [], element: element, maxElements: maxElements)
    }

    /// An object keeping `fields` as scalars and `nested` in their shapes. For a static shape only (`node`).
    static func object(_ fields: [String], _ nested: KeyValuePairs<String, JSONShape> = [:]) -> JSONShape {
        .node(
            members: fields.map { ($0, JSONShape.scalar) } + nested.map { ($0.key, $0.value) }, element: nil,
            maxElements: nil)
    }

    /// One cart (SPEC §2.1): what `CartDecoder` reads, and no more.
    static let cart: JSONShape = {
        let price = object(["amount", "includes_tax"])
        let item = object(["type", "sku", "product_id", "name", "quantity", "shippable"], ["price": price])
        let items = JSONShape.array(of: item, maxElements: InputLimits.maxItems)
        let codes = JSONShape.array(of: .scalar)
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
