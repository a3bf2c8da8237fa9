/// What `CartDecoder` reads a cart from: a JSON cart's `JSONTape` (its bytes, with nothing decoded until a field is
/// read) or an XML cart's `DocNode` tree. One decoder over both keeps one set of rules for every format.
protocol CartDocument {
    associatedtype Node
    var root: Node { get }
    func kind(of node: Node) -> DocKind
    func line(of node: Node) -> Int
    func order(of node: Node) -> Int
    /// The member `key` of an object node, or nil (`null` members included).
    func member(_ key: String, of node: Node) -> Node?
    /// A string's or text's value, or a number's literal.
    func text(of node: Node) -> String
    func elements(of node: Node) -> [Node]
}

/// A document value's kind, without its contents.
enum DocKind: Equatable {
    case null
    case bool(Bool)
    case number
    case string
    /// Untyped text from XML.
    case text
    case array
    case object
}

extension CartDocument {
    /// The name of a value's type in error messages (`Expected: integer, given: string`).
    func typeName(of node: Node) -> String {
        switch kind(of: node) {
        case .null: return "null"
        case .bool: return "boolean"
        case .number: return ExactDecimal(literal: text(of: node))?.isInteger == true ? "integer" : "number"
        case .string, .text: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }
}

extension DocNode: CartDocument {
    var root: DocNode { self }

    func kind(of node: DocNode) -> DocKind {
        switch node.value {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .number: return .number
        case .string: return .string
        case .text: return .text
        case .array: return .array
        case .object: return .object
        }
    }

    func line(of node: DocNode) -> Int { node.line }
    func order(of node: DocNode) -> Int { node.order }
    func member(_ key: String, of node: DocNode) -> DocNode? { node[key] }

    func text(of node: DocNode) -> String {
        switch node.value {
        case .number(let s), .string(let s), .text(let s): return s
        default: return ""
        }
    }

    func elements(of node: DocNode) -> [DocNode] {
        if case .array(let elements) = node.value { return elements }
        return []
    }
}

extension JSONTape: CartDocument {
    var root: Int { JSONTape.root }

    func kind(of node: Int) -> DocKind {
        switch entries[node].kind {
        case .null: return .null
        case .falseValue: return .bool(false)
        case .trueValue: return .bool(true)
        case .number: return .number
        case .plainString, .string: return .string
        case .array: return .array
        case .object: return .object
        }
    }

    func line(of node: Int) -> Int { entries[node].line }
    func order(of node: Int) -> Int { entries[node].order }
    func elements(of node: Int) -> [Int] { children(of: node) }
}
