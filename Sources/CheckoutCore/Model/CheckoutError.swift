/// One problem with a cart, shaped like an Elastic Path error (SPEC §8). It is a diagnostic, not a Swift error:
/// stages collect them and the cart's error document lists them all.
public struct CheckoutError: Sendable, Equatable {
    var code: ErrorCode
    /// The HTTP status SPEC §8's table gives the code.
    var status: Int { code.status }
    var title: String { code.title }
    var detail: String
    /// A dotted path into the cart, always starting with `data.` (SPEC §11); nil for errors with no field.
    var source: String?
    /// Keys specific to the code, in output order; `file` and `line` are added when rendering.
    var meta: [(String, MetaValue)]
    /// The 1-based input line this error points at (SPEC §11).
    var line: Int
    /// Where its field stands in the document (`Location.order`): errors of one step are listed in this order.
    var order: Int
    /// Among several errors on one field, which comes first (SPEC §11): the field's own rule, then `too_long`,
    /// then control characters.
    var rank: Rank

    enum Rank: Int, Sendable, Comparable {
        case ownRule, tooLong, controlCharacters
        static func < (a: Rank, b: Rank) -> Bool { a.rawValue < b.rawValue }
    }

    init(
        _ code: ErrorCode, detail: String, source: String?, meta: [(String, MetaValue)] = [], line: Int,
        order: Int = 0, rank: Rank = .ownRule
    ) {
        self.code = code
        self.detail = detail
        self.source = source
        self.meta = meta
        self.line = line
        self.order = order
        self.rank = rank
    }

    /// An error of `code` about the field at `loc`.
    init(_ code: ErrorCode, detail: String, at loc: Location, meta: [(String, MetaValue)] = [], rank: Rank = .ownRule) {
        self.init(code, detail: detail, source: loc.source, meta: meta, line: loc.line, order: loc.order, rank: rank)
    }

    /// An error of `code` about no field (the cart or the input as a whole), at `line`.
    init(_ code: ErrorCode, detail: String, line: Int) {
        self.init(code, detail: detail, source: nil, line: line)
    }

    public static func == (a: CheckoutError, b: CheckoutError) -> Bool {
        a.code == b.code && a.detail == b.detail
            && a.source == b.source && a.line == b.line
            && a.meta.elementsEqual(b.meta, by: { $0.0 == $1.0 && $0.1 == $1.1 })
    }
}

/// A value in an error's `meta`.
enum MetaValue: Sendable, Equatable {
    case string(String)
    case int(Int64)
    /// A number echoed as it was written (a quantity of `1.5`).
    case number(String)
    /// A list of texts (the party ids a purchase order's buyer was looked for under).
    case strings([String])
}

/// Where a field came from: its dotted source path, input line and place in the document.
public struct Location: Sendable, Equatable {
    /// The path is `base` or, for a member read from a document, `base.leaf`: joined only when asked for,
    /// since nearly every location read is never shown (a cart has ~60 fields and usually no errors).
    private var base: String
    private var leaf: String?
    var line: Int
    /// The field's place in document order (`DocNode.order`); a missing field has its parent's (SPEC §11).
    var order: Int
    /// An element of a purchase order (SPEC §12): a missing field is reported at the element itself, the deepest
    /// part of its path that exists, rather than at `parent.field`.
    private var isDocumentElement = false

    var source: String {
        guard let leaf else { return base }
        return Location.join(base, leaf)
    }

    /// `base.leaf`, written into one new string: `base + "." + leaf` grew it twice (issue 18: ~6 joins a cart).
    private static func join(_ base: String, _ leaf: String) -> String {
        // From the strings' own storage (see `ByteBuffer.append(string:)`).
        base.utf8.withContiguousStorageIfAvailable { b in
            leaf.utf8.withContiguousStorageIfAvailable { l in join(b, l) }!
        }!
    }

    private static func join(_ b: UnsafeBufferPointer<UInt8>, _ l: UnsafeBufferPointer<UInt8>) -> String {
        String(unsafeUninitializedCapacity: b.count + 1 + l.count) { out in
            _ = out.initialize(fromContentsOf: b)
            out[b.count] = UInt8(ascii: ".")
            _ = out[(b.count + 1)...].initialize(fromContentsOf: l)
            return b.count + 1 + l.count
        }
    }

    public init(source: String, line: Int, order: Int) {
        self.base = source
        self.leaf = nil
        self.line = line
        self.order = order
    }

    /// The member `key` of `parent` (`data.customer` → `data.customer.email`), read at `line` and `order`.
    init(member key: String, of parent: Location, line: Int, order: Int) {
        self.base = parent.source
        self.leaf = key
        self.line = line
        self.order = order
    }

    /// An element of a purchase order at `path` (`/Order/OrderLine[2]/LineItem`).
    init(element path: String, line: Int, order: Int) {
        self.init(source: path, line: line, order: order)
        isDocumentElement = true
    }

    /// Where a missing member `key` is reported: at its parent's line and place (SPEC §11); in a purchase order,
    /// at the parent element itself (SPEC §12).
    func missing(_ key: String) -> Location {
        isDocumentElement ? self : Location(member: key, of: self, line: line, order: order)
    }

    /// The same place with its path joined once: for a location whose members are read (an address, an item), so
    /// that each member does not join its parent's path again.
    var joined: Location {
        guard leaf != nil else { return self }
        var flat = self
        flat.base = source
        flat.leaf = nil
        return flat
    }

    public static func == (a: Location, b: Location) -> Bool { a.line == b.line && a.source == b.source }
}

/// A value with the place it was read from.
public struct Located<Value: Sendable>: Sendable {
    var value: Value
    var location: Location

    init(_ value: Value, at location: Location) {
        self.value = value
        self.location = location
    }

    var source: String { location.source }
    var line: Int { location.line }
}

extension Located: Equatable where Value: Equatable {}
