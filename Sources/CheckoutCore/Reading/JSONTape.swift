#if canImport(Glibc)
    import Glibc
#endif

/// A parsed JSON value as one flat list of entries in document order, each a kind and a range of the input: what
/// `JSONParser` writes. Nothing is decoded until asked for, so a cart is read from its bytes into its draft without a
/// tree of Strings in between (issue 18: building one cost more than reading the bytes); `node(at:)` builds the
/// `DocNode` tree for the documents that want one (ledger records, address data).
struct JSONTape: Sendable {
    enum Kind: UInt8, Sendable {
        case null, falseValue, trueValue, number
        /// A string of plain ASCII without escapes: its bytes are its text.
        case plainString
        /// A string with escapes or beyond ASCII (already checked): decoded again when its text is asked for.
        case string
        case array, object
    }

    struct Entry: Sendable {
        var kind: Kind
        /// A string's first byte after its quote, a number's first character, a bracket.
        var start: Int
        /// A string's closing quote, just past a number (not used for an array or object: `next` bounds those).
        var end: Int
        var line: Int
        /// The value's place in the document (`DocNode.order`): a member's is its key's offset.
        var order: Int
        /// The entry just past this value's own entries (its members or elements): the next sibling.
        var next: Int
        /// A member's key: a range of the input, or (a negative count) `-(i + 1)` for `escapedKeys[i]`.
        var keyStart = 0
        var keyCount = 0
    }

    /// The input the entries point into (shared, not copied).
    let bytes: [UInt8]
    let entries: [Entry]
    /// Keys written with escapes, decoded.
    let escapedKeys: [String]

    /// The first entry: the value read.
    static let root = 0

    private func read<T>(_ body: (Reader) -> T) -> T {
        bytes.withUnsafeBufferPointer { bytes in
            entries.withUnsafeBufferPointer { body(Reader(bytes: bytes, entries: $0, escapedKeys: escapedKeys)) }
        }
    }

    func children(of i: Int) -> [Int] { read { $0.children(of: i) } }
    func member(_ key: String, of i: Int) -> Int? { read { $0.member(key, of: i) } }
    func text(of i: Int) -> String { read { $0.text(of: i) } }
    func key(of i: Int) -> String { read { $0.key(of: i) } }
    func node(at i: Int = JSONTape.root) -> DocNode { read { $0.node(at: i) } }

    /// The entries read against the input they point into, wherever it is held (an array, embedded data). Both lent:
    /// a decoder reads ~35 fields of a cart through one of these each, and arrays were retained and released each time.
    struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        let entries: UnsafeBufferPointer<Entry>
        let escapedKeys: [String]

        /// The elements or members of the array or object at `i`, as entry indices.
        func children(of i: Int) -> [Int] {
            var count = 0
            var c = i + 1
            while c < entries[i].next {
                count += 1
                c = entries[c].next
            }
            var out: [Int] = []
            out.reserveCapacity(count)  // counted first: one allocation, not one per growth (issue 18)
            c = i + 1
            while c < entries[i].next {
                out.append(c)
                c = entries[c].next
            }
            return out
        }

        /// The member named `key` of the object at `i`, or nil. Keys are compared by their bytes.
        func member(_ key: String, of i: Int) -> Int? {
            key.utf8.withContiguousStorageIfAvailable { member($0, of: i) }!  // see `ByteBuffer.append(string:)`
        }

        private func member(_ k: UnsafeBufferPointer<UInt8>, of i: Int) -> Int? {
            var c = i + 1
            let end = entries[i].next
            while c < end {
                let e = entries[c]
                if e.keyCount == k.count {
                    if memcmp(bytes.baseAddress! + e.keyStart, k.baseAddress!, k.count) == 0 { return c }
                } else if e.keyCount < 0, escapedKeys[-e.keyCount - 1].utf8.elementsEqual(k) {
                    return c
                }
                c = e.next
            }
            return nil
        }

        /// A string's text, or a number's literal.
        func text(of i: Int) -> String {
            let e = entries[i]
            if e.kind == .string {
                var parser = JSONParser(bytes)
                parser.index = e.start - 1
                // Read once already: it cannot fail.
                return (try? parser.parseString()) ?? ""
            }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[e.start..<e.end]), as: UTF8.self)
        }

        func key(of i: Int) -> String {
            let e = entries[i]
            if e.keyCount < 0 { return escapedKeys[-e.keyCount - 1] }
            return String(
                decoding: UnsafeBufferPointer(rebasing: bytes[e.keyStart..<(e.keyStart + e.keyCount)]), as: UTF8.self)
        }

        /// The value at `i` as a `DocNode` tree.
        func node(at i: Int) -> DocNode {
            let e = entries[i]
            let value: DocValue
            switch e.kind {
            case .null: value = .null
            case .falseValue: value = .bool(false)
            case .trueValue: value = .bool(true)
            case .number: value = .number(text(of: i))
            case .plainString, .string: value = .string(text(of: i))
            case .array: value = .array(children(of: i).map { node(at: $0) })
            case .object: value = .object(children(of: i).map { DocMember(key: key(of: $0), node: node(at: $0)) })
            }
            return DocNode(value, line: e.line, order: e.order)
        }
    }
}
