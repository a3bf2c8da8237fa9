/// A parsed document value with its position, the common output of the JSON and (later) XML readers.
/// XML attribute and element text arrives as `.text`, which field readers may coerce (`quantity="2"` is 2),
/// while a JSON string stays a string (`"quantity": "2"` is a type error, SPEC §11).
struct DocNode: Sendable {
    var value: DocValue
    var line: Int
    /// The node's place in the document, for listing errors in document order (SPEC §11): in JSON the byte offset
    /// where the value starts, in XML the ordinal of the element or attribute. Only compared within one cart.
    var order: Int

    init(_ value: DocValue, line: Int, order: Int) {
        self.value = value
        self.line = line
        self.order = order
    }

    /// The member named `key` of an object node, or nil.
    subscript(key: String) -> DocNode? {
        guard case .object(let members) = value else { return nil }
        for m in members where m.key == key { return m.node }
        return nil
    }

    /// The member named `key` as a whole number that fits an Int64 (the ledger's own files), or nil.
    func int64(_ key: String) -> Int64? {
        guard case .number(let text)? = self[key]?.value else { return nil }
        return Int64(text)
    }

    /// The name of this value's type in error messages (`Expected: integer, given: string`).
    var typeName: String { typeName(of: self) }

    var isNull: Bool {
        if case .null = value { return true }
        return false
    }
}

enum DocValue: Sendable {
    case null
    case bool(Bool)
    /// A number kept as its literal text so nothing is lost to a binary float.
    case number(String)
    case string(String)
    /// Untyped text from XML.
    case text(String)
    case array([DocNode])
    case object([DocMember])
}

struct DocMember: Sendable {
    var key: String
    var node: DocNode
}
