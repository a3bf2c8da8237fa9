/// An XML cart as the reader's callbacks write it: its kept elements and attributes as entries in document order,
/// their names and texts in one byte array, nothing made into a String or a tree until the decoder reads a field.
/// Building a `DocNode` tree per cart, mapping it onto the JSON shape and destroying both cost ~40k instructions an
/// XML cart (issue 18).
///
/// It reads as the JSON cart shape (SPEC §2.2) the way `XMLCartShape.cart` maps a tree — `<items>` and
/// `<promotion_codes>` as arrays, an item's `type` from its element's name unless it is `<item>`, a custom item's
/// `amount` and `includes_tax` attributes as its `price` — without making that tree: each `Node` says which reading
/// of an entry it is. `node()` makes the tree, through `XMLCartShape.cart`, for tests to hold the two to each other.
#if canImport(Glibc)
    import Glibc
#endif

struct XMLCartTape: Sendable {
    struct Entry: Sendable {
        /// An element with members or child elements; otherwise text (an attribute, a leaf element).
        var isObject = false
        var keyStart: Int
        var keyCount: Int
        var textStart = 0
        var textCount = 0
        var line: Int
        /// The element's or attribute's ordinal in the document (`DocNode.order`).
        var order: Int
        /// The entry just past this one's descendants: the next sibling.
        var next: Int
    }

    var bytes: [UInt8]
    var entries: [Entry]

    /// Room for a usual cart (~60 entries, ~2 KB) made at once, not by growing.
    init() {
        bytes = []
        entries = []
        bytes.reserveCapacity(2048)
        entries.reserveCapacity(64)
    }

    /// The cart element.
    static let root = 0

    /// An entry read as the JSON shape reads it.
    struct Node {
        enum Reading {
            case cart
            /// An element or attribute as it stands.
            case asIs
            /// `<items>` or `<promotion_codes>`: an array of its children.
            case items, codes
            /// A child of `<items>`: an object whatever its content.
            case item
            /// An item's `type`, its element's name.
            case type
            /// A custom item's `price`: its `amount` and `includes_tax`.
            case price
        }
        let entry: Int
        let reading: Reading
    }

    /// Appends an entry keyed by `key`, and returns its index.
    mutating func append(key: UnsafeBufferPointer<UInt8>, line: Int, order: Int) -> Int {
        let start = bytes.count
        bytes.append(contentsOf: key)
        entries.append(Entry(keyStart: start, keyCount: key.count, line: line, order: order, next: entries.count + 1))
        return entries.count - 1
    }

    /// Ends entry `i` once its members are appended: text in `text` of the bytes, or, without, an object.
    mutating func close(_ i: Int, text: Range<Int>?) {
        if let text {
            entries[i].textStart = text.lowerBound
            entries[i].textCount = text.count
        } else {
            entries[i].isObject = true
        }
        entries[i].next = entries.count
    }

    func key(of i: Int) -> String { string(entries[i].keyStart, entries[i].keyCount) }

    func hasKey(_ i: Int, _ key: StaticString) -> Bool {
        hasKey(i, UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
    }

    private func hasKey(_ i: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let e = entries[i]
        guard e.keyCount == key.count else { return false }
        return bytes.withUnsafeBufferPointer { memcmp($0.baseAddress! + e.keyStart, key.baseAddress!, key.count) == 0 }
    }

    func sameKey(_ i: Int, _ j: Int) -> Bool {
        let (a, b) = (entries[i], entries[j])
        guard a.keyCount == b.keyCount else { return false }
        return bytes.withUnsafeBufferPointer {
            memcmp($0.baseAddress! + a.keyStart, $0.baseAddress! + b.keyStart, a.keyCount) == 0
        }
    }

    func text(ofEntry i: Int) -> String { string(entries[i].textStart, entries[i].textCount) }

    private func string(_ start: Int, _ count: Int) -> String {
        bytes.withUnsafeBufferPointer {
            String(decoding: UnsafeBufferPointer(rebasing: $0[start..<(start + count)]), as: UTF8.self)
        }
    }

    /// The member entries of entry `i` (none for text).
    func children(of i: Int) -> [Int] {
        guard entries[i].isObject else { return [] }
        var out: [Int] = []
        var c = i + 1
        while c < entries[i].next {
            out.append(c)
            c = entries[c].next
        }
        return out
    }

    /// The first member of entry `i` named `key`, if it is an object.
    func child(_ key: String, of i: Int) -> Int? {
        guard entries[i].isObject else { return nil }
        return key.utf8.withContiguousStorageIfAvailable { k in
            var c = i + 1
            while c < entries[i].next {
                if hasKey(c, k) { return c }
                c = entries[c].next
            }
            return nil
        }!  // see `ByteBuffer.append(string:)`
    }

    /// Whether a list's text is only white space: `<items/>` or `<items>  </items>` holds no items.
    private func isBlank(_ i: Int) -> Bool { text(ofEntry: i).trimmingWhitespace.isEmpty }

    /// The first of a custom item's price members, which its `price` stands where.
    private func firstPriceMember(of item: Int) -> Int? {
        children(of: item).first { hasKey($0, "amount") || hasKey($0, "includes_tax") }
    }

    /// The cart as a tree of the JSON shape.
    func node() -> DocNode { XMLCartShape.cart(tree(XMLCartTape.root)) }

    private func tree(_ i: Int) -> DocNode {
        let e = entries[i]
        let value: DocValue =
            e.isObject
            ? .object(children(of: i).map { DocMember(key: key(of: $0), node: tree($0)) }) : .text(text(ofEntry: i))
        return DocNode(value, line: e.line, order: e.order)
    }
}

extension XMLCartTape: CartDocument {
    var root: Node { Node(entry: XMLCartTape.root, reading: .cart) }

    func kind(of node: Node) -> DocKind {
        switch node.reading {
        case .cart, .item, .price: return .object
        case .type: return .text
        case .asIs: return entries[node.entry].isObject ? .object : .text
        case .items, .codes: return entries[node.entry].isObject || isBlank(node.entry) ? .array : .text
        }
    }

    func line(of node: Node) -> Int { entries[node.entry].line }

    func order(of node: Node) -> Int {
        if node.reading == .price, let first = firstPriceMember(of: node.entry) { return entries[first].order }
        return entries[node.entry].order
    }

    func member(_ key: String, of node: Node) -> Node? {
        switch node.reading {
        case .cart:
            guard let c = child(key, of: node.entry) else { return nil }
            if hasKey(c, "items") { return Node(entry: c, reading: .items) }
            if hasKey(c, "promotion_codes") { return Node(entry: c, reading: .codes) }
            return Node(entry: c, reading: .asIs)
        case .item:
            let i = node.entry
            if key == "type" && !hasKey(i, "item") { return Node(entry: i, reading: .type) }
            if hasKey(i, "custom_item") {
                if key == "amount" || key == "includes_tax" { return nil }
                if key == "price" { return firstPriceMember(of: i) == nil ? nil : Node(entry: i, reading: .price) }
            }
            return child(key, of: i).map { Node(entry: $0, reading: .asIs) }
        case .price:
            guard key == "amount" || key == "includes_tax" else { return nil }
            return child(key, of: node.entry).map { Node(entry: $0, reading: .asIs) }
        case .asIs:
            return child(key, of: node.entry).map { Node(entry: $0, reading: .asIs) }
        case .items, .codes, .type:
            return nil
        }
    }

    func text(of node: Node) -> String {
        switch node.reading {
        case .type: return key(of: node.entry)
        case .asIs: return entries[node.entry].isObject ? "" : text(ofEntry: node.entry)
        case .items, .codes: return kind(of: node) == .array ? "" : text(ofEntry: node.entry)
        case .cart, .item, .price: return ""
        }
    }

    func elements(of node: Node) -> [Node] {
        let reading: Node.Reading
        switch node.reading {
        case .items: reading = .item
        case .codes: reading = .asIs
        default: return []
        }
        let i = node.entry
        guard entries[i].isObject else { return [] }
        var out: [Node] = []
        var c = i + 1
        while c < entries[i].next {
            out.append(Node(entry: c, reading: reading))
            c = entries[c].next
        }
        return out
    }
}
