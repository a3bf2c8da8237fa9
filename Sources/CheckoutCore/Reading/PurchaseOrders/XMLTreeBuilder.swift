/// Builds a purchase order's `XMLTreeElement`s from SAX events (SPEC §12). An element is kept when its standard's
/// mapping reads its name, or when it carries a currency attribute (every one must be the order's currency); the
/// rest are counted, for the `[n]` of their kept siblings, and dropped once closed, so a document full of what the
/// mapping ignores costs no memory.
struct XMLTreeBuilder {
    let keeps: Set<String>
    /// The attribute whose every occurrence is checked (`currencyID`, cXML's `currency`).
    let currencyAttribute: String
    private(set) var root: XMLTreeElement?
    private var open: [XMLTreeElement] = []
    /// Kept elements read, a bound on what one document may hold.
    private(set) var kept = 0

    init(keeps: Set<String>, currencyAttribute: String) {
        self.keeps = keeps
        self.currencyAttribute = currencyAttribute
    }

    var depth: Int { open.count }

    mutating func start(
        _ name: String, namespace: String, attributes: [(name: String, value: String)], line: Int, order: Int
    ) {
        let element = XMLTreeElement(name: name, namespace: namespace, line: line, order: order)
        for (i, a) in attributes.enumerated() { element.attributes.append((a.name, a.value, order + i + 1)) }
        if let parent = open.last {
            let n = (parent.nameCounts[name] ?? 0) + 1
            parent.nameCounts[name] = n
            element.index = n
        } else {
            root = element
        }
        open.append(element)
    }

    mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let current = open.last, keeps.contains(current.name) else { return }
        current.text += String(decoding: bytes, as: UTF8.self)
    }

    var currentTextBytes: Int { open.last?.text.utf8.count ?? 0 }

    /// Closes the current element: it joins its parent when it is kept, holds a kept element, or carries a
    /// currency attribute.
    mutating func end() {
        guard let element = open.popLast(), let parent = open.last else { return }
        let keep =
            keeps.contains(element.name) || !element.children.isEmpty
            || element.attributes.contains { $0.name == currencyAttribute }
        if keep {
            parent.children.append(element)
            kept += 1
        }
    }
}
