/// One thing wrong with a catalogue file. A run lists every one of them and stops with exit 78 (SPEC §3).
public struct CatalogueProblem: Sendable, Equatable, CustomStringConvertible {
    var file: String
    var line: Int
    var message: String

    init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `products.json:14: duplicate sku 'deck-shoe-001'`, the shape compilers use so editors can jump to it.
    public var description: String { line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)" }
}

/// Thrown by `CatalogueLoader.load` when the catalogue cannot be used.
struct InvalidCatalogue: Error, Sendable {
    var problems: [CatalogueProblem]
}

/// Reads typed fields out of one catalogue file's JSON, recording a problem for each missing or ill-typed field.
/// A field's `context` (`product sku-1: price.USD`) is only written when there is a problem to report: built for every
/// field read, it was a fifth of loading a catalogue of 500 products (issue 18). Fields are read from the file's
/// `JSONTape` as a cart's are, nodes being its entries: a `DocNode` tree of a catalogue cost as much again as reading
/// its bytes, and was paid by every run and every reload of a watcher (issue 18).
struct CatalogueFieldReader {
    let file: String
    let document: JSONTape
    var problems: [CatalogueProblem] = []

    init(file: String, document: JSONTape) {
        self.file = file
        self.document = document
    }

    /// The file's root value.
    var root: Int { JSONTape.root }

    mutating func problem(_ node: Int?, _ message: String) {
        problems.append(CatalogueProblem(file: file, line: node.map { document.line(of: $0) } ?? 0, message: message))
    }

    // MARK: the document's values

    /// The member `key` of an object, `null` included; nil when absent.
    func member(_ object: Int, _ key: String) -> Int? { document.member(key, of: object) }
    func kind(_ node: Int) -> DocKind { document.kind(of: node) }
    func isNull(_ node: Int) -> Bool { document.kind(of: node) == .null }
    func isObject(_ node: Int) -> Bool { document.kind(of: node) == .object }
    /// A string's text or a number's literal.
    func text(_ node: Int) -> String { document.text(of: node) }
    func typeName(_ node: Int) -> String { document.typeName(of: node) }
    /// An object's members in file order (an empty list for any other value).
    func members(_ object: Int) -> [(key: String, node: Int)] {
        guard isObject(object) else { return [] }
        return document.children(of: object).map { (document.key(of: $0), $0) }
    }
    /// A number's literal, or nil for any other value.
    func number(_ node: Int) -> String? { kind(node) == .number ? text(node) : nil }

    // MARK: typed fields

    mutating func string(_ object: Int, _ key: String, required: Bool = true, context: @autoclosure () -> String)
        -> String?
    {
        guard let node = member(object, key), !isNull(node) else {
            if required { problem(object, "\(context()): \(key) is required") }
            return nil
        }
        guard kind(node) == .string else {
            problem(node, "\(context()): \(key) must be a string, not \(typeName(node))")
            return nil
        }
        return text(node)
    }

    mutating func bool(_ object: Int, _ key: String, default value: Bool, context: @autoclosure () -> String)
        -> Bool
    {
        guard let node = member(object, key), !isNull(node) else { return value }
        guard case .bool(let b) = kind(node) else {
            problem(node, "\(context()): \(key) must be true or false, not \(typeName(node))")
            return value
        }
        return b
    }

    /// A non-negative whole number (amounts, stock, settings).
    mutating func amount(_ node: Int, context: @autoclosure () -> String) -> Int64? {
        guard let literal = number(node), let d = ExactDecimal(literal: literal) else {
            problem(node, "\(context()) must be a whole number, not \(typeName(node))")
            return nil
        }
        guard d.isInteger else {
            problem(node, "\(context()) must be a whole number, not \(literal)")
            return nil
        }
        guard !d.isNegative else {
            problem(node, "\(context()) must not be negative (\(literal))")
            return nil
        }
        guard let v = d.int64 else {
            problem(node, "\(context()) is too large (\(literal))")
            return nil
        }
        return v
    }

    mutating func amount(_ object: Int, _ key: String, required: Bool, context: @autoclosure () -> String) -> Int64? {
        guard let node = member(object, key), !isNull(node) else {
            if required { problem(object, "\(context()): \(key) is required") }
            return nil
        }
        return amount(node, context: "\(context()): \(key)")
    }

    /// `{"USD": 500, "EUR": 450}`: amounts by currency code; unknown currencies are problems, since they are typos.
    mutating func amountsByCurrency(
        _ object: Int, _ key: String, currencies: KnownNames, context: @autoclosure () -> String
    )
        -> [String: Int64]
    {
        guard let node = member(object, key), !isNull(node) else { return [:] }
        guard isObject(node) else {
            problem(node, "\(context()): \(key) must be an object of amounts by currency, not \(typeName(node))")
            return [:]
        }
        var result: [String: Int64] = [:]
        for m in members(node) {
            if !currencies.contains(m.key) { problem(m.node, "\(context()): \(key) names unknown currency '\(m.key)'") }
            if let v = amount(m.node, context: "\(context()): \(key).\(m.key)") { result[m.key] = v }
        }
        return result
    }

    mutating func timestamp(_ object: Int, _ key: String, required: Bool, context: @autoclosure () -> String)
        -> Timestamp?
    {
        guard let s = string(object, key, required: required, context: context()) else { return nil }
        guard let t = Timestamp(rfc3339: s) else {
            problem(member(object, key), "\(context()): \(key) '\(s)' is not an RFC 3339 date-time")
            return nil
        }
        return t
    }

    mutating func strings(_ object: Int, _ key: String, context: @autoclosure () -> String) -> [String] {
        guard let node = member(object, key), !isNull(node) else { return [] }
        guard kind(node) == .array else {
            problem(node, "\(context()): \(key) must be an array of strings, not \(typeName(node))")
            return []
        }
        var result: [String] = []
        for e in document.children(of: node) {
            if kind(e) == .string {
                result.append(text(e))
            } else {
                problem(e, "\(context()): \(key) must hold strings, not \(typeName(e))")
            }
        }
        return result
    }

    /// The elements of the file's `data` array, each an object.
    mutating func dataObjects() -> [Int] {
        guard let data = member(root, "data") else {
            problem(root, "a catalogue file needs a \"data\" array")
            return []
        }
        guard kind(data) == .array else {
            problem(data, "\"data\" must be an array, not \(typeName(data))")
            return []
        }
        var result: [Int] = []
        for (i, e) in document.children(of: data).enumerated() {
            if isObject(e) {
                result.append(e)
            } else {
                problem(e, "data[\(i)] must be an object, not \(typeName(e))")
            }
        }
        return result
    }

    /// Reports a value seen before in the same file (duplicate sku, id, code).
    mutating func unique(_ value: String?, in seen: inout [String: Int], what: String, node: Int) {
        guard let value else { return }
        if let first = seen[value] {
            problem(node, "duplicate \(what) '\(value)' (first at line \(first))")
        } else {
            seen[value] = document.line(of: node)
        }
    }
}
