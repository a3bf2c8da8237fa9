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
    public var source: String
    public var line: Int

    public init(source: String, line: Int) {
        self.source = source
        self.line = line
    }
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
