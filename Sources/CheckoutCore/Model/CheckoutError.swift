/// One problem with a cart, shaped like an Elastic Path error (SPEC §8). It is a diagnostic, not a Swift error:
/// stages collect them and the cart's error document lists them all.
public struct CheckoutError: Sendable, Equatable {
    public var status: Int
    public var code: String
    public var title: String
    public var detail: String
    /// A dotted path into the cart, always starting with `data.` (SPEC §11); nil for errors with no field.
    public var source: String?
    /// Keys specific to the code, in output order; `file` and `line` are added when rendering.
    public var meta: [(String, MetaValue)]
    /// The 1-based input line this error points at (SPEC §11).
    public var line: Int

    public init(status: Int, code: String, title: String, detail: String, source: String?,
                meta: [(String, MetaValue)] = [], line: Int) {
        self.status = status
        self.code = code
        self.title = title
        self.detail = detail
        self.source = source
        self.meta = meta
        self.line = line
    }

    public static func == (a: CheckoutError, b: CheckoutError) -> Bool {
        a.status == b.status && a.code == b.code && a.title == b.title && a.detail == b.detail
            && a.source == b.source && a.line == b.line && a.meta.elementsEqual(b.meta, by: { $0.0 == $1.0 && $0.1 == $1.1 })
    }
}

/// A value in an error's `meta`.
public enum MetaValue: Sendable, Equatable {
    case string(String)
    case int(Int64)
    /// A number echoed as it was written (a quantity of `1.5`).
    case number(String)
}

/// Where a field came from: its dotted source path and input line.
public struct Location: Sendable, Equatable {
    /// The path is `base` or, for a member read from a document, `base.leaf`: joined only when asked for,
    /// since nearly every location read is never shown (a cart has ~60 fields and usually no errors).
    private var base: String
    private var leaf: String?
    public var line: Int

    public var source: String {
        guard let leaf else { return base }
        return base + "." + leaf
    }

    public init(source: String, line: Int) {
        self.base = source
        self.leaf = nil
        self.line = line
    }

    /// The member `key` of `parent` (`data.customer` → `data.customer.email`).
    public init(member key: String, of parent: Location, line: Int) {
        self.base = parent.source
        self.leaf = key
        self.line = line
    }

    public static func == (a: Location, b: Location) -> Bool { a.line == b.line && a.source == b.source }
}

/// A value with the place it was read from.
public struct Located<Value: Sendable>: Sendable {
    public var value: Value
    public var location: Location

    public init(_ value: Value, at location: Location) {
        self.value = value
        self.location = location
    }

    public var source: String { location.source }
    public var line: Int { location.line }
}

extension Located: Equatable where Value: Equatable {}
