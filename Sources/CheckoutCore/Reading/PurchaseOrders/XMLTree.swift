/// A purchase order's elements as read (SPEC §12): local name, namespace, attributes, text, the line of the start
/// tag and the place in the document. Only the elements its standard's mapping reads are kept (`POStandard.keeps`),
/// so memory follows what is used, not what a partner sent.
final class XMLTreeElement: @unchecked Sendable {
    let name: String
    let namespace: String
    var attributes: [(name: String, value: String, order: Int)] = []
    var children: [XMLTreeElement] = []
    var text = ""
    let line: Int
    let order: Int
    /// 1-based among the siblings of the same name, kept or not.
    var index = 1
    /// Whether a sibling, kept or not, shares its name: it then has `[n]` in paths.
    var several = false
    /// Whether the standard's mapping reads this name (its text is then kept).
    var isNamed = false
    /// The names of its children, kept or not, each once in document order (what a cXML document holds, say).
    var childNames: [String] = []
    /// The kept element holding it. Unowned: the tree is held by its root, and nodes are read only while it lives.
    unowned(unsafe) var parent: XMLTreeElement?

    /// Its path from the root (SPEC §12), made the first time a field's location needs it, then kept.
    var path: String {
        if let cachedPath { return cachedPath }
        var own = parent?.path ?? ""
        own += "/"
        own += name
        if several { own += "[" + String(index) + "]" }
        cachedPath = own
        return own
    }
    private var cachedPath: String?

    init(name: String, namespace: String, line: Int, order: Int) {
        self.name = name
        self.namespace = namespace
        self.line = line
        self.order = order
    }
}

/// An element with the path that names it in errors (SPEC §12): local names from the root, `[n]` (1-based) only
/// where several siblings share the name, `@` for an attribute — `/Order/OrderLine[2]/LineItem/Item/…`.
struct XMLNode {
    let element: XMLTreeElement
    /// Which namespaces the standard's elements may be in (the root's own namespace decides for openTRANS).
    let accepts: @Sendable (String) -> Bool

    var path: String { element.path }

    var location: Location { Location(element: path, line: element.line, order: element.order) }

    /// The children named `name` in an accepted namespace, each with its path.
    func children(_ name: String) -> [XMLNode] {
        var found: [XMLNode] = []
        for e in element.children where e.name == name && accepts(e.namespace) {
            found.append(node(e))
        }
        return found
    }

    /// The first child named `name` in an accepted namespace.
    func child(_ name: String) -> XMLNode? {
        guard let e = element.children.first(where: { $0.name == name && accepts($0.namespace) }) else { return nil }
        return node(e)
    }

    private func node(_ e: XMLTreeElement) -> XMLNode { XMLNode(element: e, accepts: accepts) }

    /// The element at a path of child names, each the first of its name.
    func at(_ names: String...) -> XMLNode? { descend(names[...]) }

    func descend(_ names: ArraySlice<String>) -> XMLNode? {
        guard let first = names.first else { return self }
        return child(first)?.descend(names.dropFirst())
    }

    /// The deepest element of a path of child names that exists: where a missing field is reported (SPEC §12).
    func deepest(_ names: String...) -> XMLNode {
        var node = self
        for name in names {
            guard let next = node.child(name) else { break }
            node = next
        }
        return node
    }

    /// The trimmed text, or nil when the element is empty (an empty element counts as absent, SPEC §12).
    var value: Located<String>? {
        let trimmed = element.text.trimmingWhitespace
        return trimmed.isEmpty ? nil : Located(trimmed, at: location)
    }

    /// The text of the child at a path of names.
    func value(_ names: String...) -> Located<String>? { descend(names[...])?.value }

    /// An attribute's trimmed value with its path (`…/Quantity/@unitCode`); nil when absent or empty.
    func attribute(_ name: String) -> Located<String>? {
        guard let a = element.attributes.first(where: { $0.name == name }) else { return nil }
        let trimmed = a.value.trimmingWhitespace
        guard !trimmed.isEmpty else { return nil }
        return Located(trimmed, at: Location(element: path + "/@" + name, line: element.line, order: a.order))
    }
}
