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
/// field read, it was a fifth of loading a catalogue of 500 products (issue 18).
struct CatalogueFieldReader {
    let file: String
    var problems: [CatalogueProblem] = []

    mutating func problem(_ node: DocNode?, _ message: String) {
        problems.append(CatalogueProblem(file: file, line: node?.line ?? 0, message: message))
    }

    mutating func string(_ object: DocNode, _ key: String, required: Bool = true, context: @autoclosure () -> String)
        -> String?
    {
        guard let node = object[key], !node.isNull else {
            if required { problem(object, "\(context()): \(key) is required") }
            return nil
        }
        guard case .string(let s) = node.value else {
            problem(node, "\(context()): \(key) must be a string, not \(node.typeName)")
            return nil
        }
        return s
    }

    mutating func bool(_ object: DocNode, _ key: String, default value: Bool, context: @autoclosure () -> String)
        -> Bool
    {
        guard let node = object[key], !node.isNull else { return value }
        guard case .bool(let b) = node.value else {
            problem(node, "\(context()): \(key) must be true or false, not \(node.typeName)")
            return value
        }
        return b
    }

    /// A non-negative whole number (amounts, stock, settings).
    mutating func amount(_ node: DocNode, context: @autoclosure () -> String) -> Int64? {
        guard case .number(let literal) = node.value, let d = ExactDecimal(literal: literal) else {
            problem(node, "\(context()) must be a whole number, not \(node.typeName)")
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

    mutating func amount(_ object: DocNode, _ key: String, required: Bool, context: @autoclosure () -> String) -> Int64?
    {
        guard let node = object[key], !node.isNull else {
            if required { problem(object, "\(context()): \(key) is required") }
            return nil
        }
        return amount(node, context: "\(context()): \(key)")
    }

    /// `{"USD": 500, "EUR": 450}`: amounts by currency code; unknown currencies are problems, since they are typos.
    mutating func amountsByCurrency(
        _ object: DocNode, _ key: String, currencies: KnownNames, context: @autoclosure () -> String
    )
        -> [String: Int64]
    {
        guard let node = object[key], !node.isNull else { return [:] }
        guard case .object(let members) = node.value else {
            problem(node, "\(context()): \(key) must be an object of amounts by currency, not \(node.typeName)")
            return [:]
        }
        var result: [String: Int64] = [:]
        for m in members {
            if !currencies.contains(m.key) { problem(m.node, "\(context()): \(key) names unknown currency '\(m.key)'") }
            if let v = amount(m.node, context: "\(context()): \(key).\(m.key)") { result[m.key] = v }
        }
        return result
    }

    mutating func timestamp(_ object: DocNode, _ key: String, required: Bool, context: @autoclosure () -> String)
        -> Timestamp?
    {
        guard let s = string(object, key, required: required, context: context()) else { return nil }
        guard let t = Timestamp(rfc3339: s) else {
            problem(object[key], "\(context()): \(key) '\(s)' is not an RFC 3339 date-time")
            return nil
        }
        return t
    }

    mutating func strings(_ object: DocNode, _ key: String, context: @autoclosure () -> String) -> [String] {
        guard let node = object[key], !node.isNull else { return [] }
        guard case .array(let elements) = node.value else {
            problem(node, "\(context()): \(key) must be an array of strings, not \(node.typeName)")
            return []
        }
        var result: [String] = []
        for e in elements {
            if case .string(let s) = e.value {
                result.append(s)
            } else {
                problem(e, "\(context()): \(key) must hold strings, not \(e.typeName)")
            }
        }
        return result
    }

    /// The elements of the file's `data` array, each an object.
    mutating func dataObjects(_ root: DocNode) -> [DocNode] {
        guard let data = root["data"] else {
            problem(root, "a catalogue file needs a \"data\" array")
            return []
        }
        guard case .array(let elements) = data.value else {
            problem(data, "\"data\" must be an array, not \(data.typeName)")
            return []
        }
        var result: [DocNode] = []
        for (i, e) in elements.enumerated() {
            if case .object = e.value {
                result.append(e)
            } else {
                problem(e, "data[\(i)] must be an object, not \(e.typeName)")
            }
        }
        return result
    }

    /// Reports a value seen before in the same file (duplicate sku, id, code).
    mutating func unique(_ value: String?, in seen: inout [String: Int], what: String, node: DocNode) {
        guard let value else { return }
        if let first = seen[value] {
            problem(node, "duplicate \(what) '\(value)' (first at line \(first))")
        } else {
            seen[value] = node.line
        }
    }
}
