/// Builds a purchase order's `XMLTreeElement`s from SAX events (SPEC §12). An element is kept when its standard's
/// mapping reads its name, when it carries a currency attribute (every one must be the order's currency), or when it
/// holds a kept element; the rest are counted, for the `[n]` of their kept siblings, and dropped once closed, so a
/// document full of what the mapping ignores costs no memory.
final class XMLTreeBuilder {
    let keeps: Set<String>
    /// The attribute whose every occurrence is checked (`currencyID`, cXML's `currency`).
    let currencyAttribute: String
    private(set) var root: XMLTreeElement?
    /// The open elements, each with how many children of each name it has had so far (kept or not).
    private var open: [(element: XMLTreeElement, counts: [(name: String, count: Int)])] = []
    /// Elements carrying the currency attribute, in document order: each is kept, and so are its ancestors.
    private(set) var currencyElements: [XMLTreeElement] = []

    init(keeps: Set<String>, currencyAttribute: String) {
        self.keeps = keeps
        self.currencyAttribute = currencyAttribute
    }

    func start(_ name: String, namespace: String, attributes: [(String, String)], line: Int, order: Int) {
        let element = XMLTreeElement(name: name, namespace: namespace, line: line, order: order)
        element.isNamed = keeps.contains(name)
        var carriesCurrency = false
        for (i, a) in attributes.enumerated() {
            element.attributes.append((a.0, a.1, order + i + 1))
            if a.0 == currencyAttribute { carriesCurrency = true }
        }
        if let last = open.indices.last {
            if let i = open[last].counts.firstIndex(where: { $0.name == name }) {
                open[last].counts[i].count += 1
                element.index = open[last].counts[i].count
            } else {
                open[last].counts.append((name, 1))
            }
        } else {
            root = element
        }
        open.append((element, []))
        if carriesCurrency { currencyElements.append(element) }
    }

    func text(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let current = open.last?.element, current.isNamed else { return }
        current.text += String(decoding: bytes, as: UTF8.self)
    }

    var currentTextBytes: Int { open.last?.element.text.utf8.count ?? 0 }

    /// Closes the current element: its kept children learn whether a sibling shares their name, and it joins its
    /// parent when it is kept, holds a kept element, or carries a currency attribute.
    func end() {
        guard let (element, counts) = open.popLast() else { return }
        element.childNames = counts.map(\.name)
        for child in element.children {
            child.several = (counts.first { $0.name == child.name }?.count ?? 0) > 1
        }
        guard let parent = open.last?.element else { return }
        if element.isNamed || !element.children.isEmpty
            || element.attributes.contains(where: { $0.name == currencyAttribute })
        {
            parent.children.append(element)
            element.parent = parent
        }
    }
}
