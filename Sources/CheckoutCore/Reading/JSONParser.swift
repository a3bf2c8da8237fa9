#if canImport(Glibc)
    import Glibc
#endif

/// A strict JSON reader: exact numbers, positions for every value, duplicate keys rejected (SPEC §2.1),
/// invalid UTF-8 rejected, nesting bounded so hostile input cannot exhaust the stack.
struct JSONParser {
    struct SyntaxError: Error, Sendable, Equatable {
        var message: String
        var line: Int
        var column: Int

        /// `Expected ',' or '}' at line 3, column 14` (SPEC §8).
        var description: String { "\(message) at line \(line), column \(column)" }
    }

    /// How deep any document may nest: the parser recurses, and this bounds its stack.
    static let maxDepth = 256

    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0
    var line = 1
    var lineStart = 0
    var depth = 0
    /// The keys of the objects being read, innermost last (`keys[..<keysUsed]`): one array for the document rather
    /// than one per object, its slots written over rather than removed.
    var keys: [Key] = []
    var keysUsed = 0
    /// The decoded text of the keys written with escapes among them.
    var keyTexts: [String] = []
    /// Cart limits (SPEC §11), when reading a cart; nil for trusted documents (catalogue, ledger, address data).
    var limits: CartLimits?
    /// `validate`: the root member whose value's start is wanted, and that start once found.
    var envelopeKey: (bytes: [UInt8], prefix: UInt64)?
    var envelopeValue: ValueStart?
    /// `validate`: where each element of the envelope member's value starts, when that value is an array, so the
    /// carts of a `.json` feed are found without scanning each again; `envelopeNext` marks the value about to be read.
    var envelopeElements: [ValueStart]?
    var envelopeNext = false
    /// `validate(…, readingCart: true)`: the envelope member's value, or its first element, read as one cart when
    /// it is an object.
    var readsEnvelopeCart = false
    var envelopeCart: EnvelopeCart?
    /// What is kept of the value read, in document order (`JSONTape`).
    var tape: [JSONTape.Entry] = []
    var escapedKeys: [String] = []

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        keys.reserveCapacity(16)  // a cart's keys in one allocation, not one per growth (issue 18)
    }

    /// What a cart may be (SPEC §11): past these the cart is `invalid_document`, found while reading.
    struct CartLimits: Sendable {
        var maxDepth = InputLimits.maxDepth
        var maxNumberLiteral = InputLimits.maxNumberLiteral
        init() {}
    }

    /// Parses one JSON document; a UTF-8 byte-order mark is skipped. Lines count from `firstLine` (an NDJSON
    /// line is parsed on its own, and its positions are lines of the file). `shape` says what is kept (all, by
    /// default); `limits` are checked while reading, so a hostile value costs time linear in its size.
    static func parse(
        _ data: [UInt8], firstLine: Int = 1, shape: JSONShape = .all,
        limits: CartLimits? = nil
    ) throws(SyntaxError) -> DocNode {
        try tape(data, firstLine: firstLine, shape: shape, limits: limits).node()
    }

    /// Parses one JSON document as `parse` does, keeping what `shape` keeps as a `JSONTape` (at least its root).
    static func tape(
        _ data: [UInt8], firstLine: Int = 1, shape: JSONShape, limits: CartLimits? = nil
    ) throws(SyntaxError) -> JSONTape {
        try data.withUnsafeBufferPointer { (buffer) throws(SyntaxError) -> JSONTape in
            var parser = JSONParser(buffer)
            parser.line = firstLine
            parser.limits = limits
            // About one kept value per dozen bytes of a cart: one allocation, not one per growth (issue 18).
            parser.tape.reserveCapacity(min(buffer.count / 12 + 1, 4096))
            try parser.parseDocument(shape)
            return JSONTape(bytes: data, entries: parser.tape, escapedKeys: parser.escapedKeys)
        }
    }

    /// Where a member of the root object starts: its value's offset and line, and the line's first byte.
    struct ValueStart: Sendable {
        var offset: Int
        var line: Int
        var lineStart: Int
    }

    /// Reads the value starting at `offset` of a document already validated, as `parse` would; returns it (null when
    /// `shape` keeps nothing) and the offset just past it, with the line there.
    static func parseValue(
        in data: UnsafeBufferPointer<UInt8>, at offset: Int, line: Int, lineStart: Int,
        shape: JSONShape, limits: CartLimits?
    ) throws(SyntaxError) -> (node: DocNode, end: Int, line: Int, lineStart: Int) {
        let parser = try JSONParser.value(
            in: data, at: offset, line: line, lineStart: lineStart, shape: shape, limits: limits)
        let node =
            parser.tape.isEmpty
            ? DocNode(.null, line: line, order: offset)
            : parser.tape.withUnsafeBufferPointer {
                JSONTape.Reader(bytes: data, entries: $0, escapedKeys: parser.escapedKeys).node(at: 0)
            }
        return (node, parser.index, parser.line, parser.lineStart)
    }

    /// Reads the value at `offset` of `data` as a `JSONTape` (`shape` keeps at least its root).
    static func tape(
        _ data: [UInt8], at offset: Int, line: Int, lineStart: Int, shape: JSONShape, limits: CartLimits?
    ) throws(SyntaxError) -> JSONTape {
        try data.withUnsafeBufferPointer { (b) throws(SyntaxError) -> JSONTape in
            // A typical cart's kept values in one allocation, not one per growth (issue 18).
            let parser = try JSONParser.value(
                in: b, at: offset, line: line, lineStart: lineStart, shape: shape, limits: limits, reserve: 64)
            return JSONTape(bytes: data, entries: parser.tape, escapedKeys: parser.escapedKeys)
        }
    }

    private static func value(
        in data: UnsafeBufferPointer<UInt8>, at offset: Int, line: Int, lineStart: Int,
        shape: JSONShape, limits: CartLimits?, reserve: Int = 0
    ) throws(SyntaxError) -> JSONParser {
        var parser = JSONParser(data)
        parser.index = offset
        parser.line = line
        parser.lineStart = lineStart
        parser.limits = limits
        parser.tape.reserveCapacity(reserve)
        try parser.parseValue(shape)
        return parser
    }

    static func parse(_ text: String) throws(SyntaxError) -> DocNode {
        try parse(Array(text.utf8))
    }

    /// Reads the whole document; returns whether its root is an object, and the root's line.
    @discardableResult
    mutating func parseDocument(_ shape: JSONShape) throws(SyntaxError) -> (isObject: Bool, line: Int) {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            index = 3
            lineStart = 3
        }
        skipWhitespace()
        if index >= bytes.count { throw error("Expected a value, found the end of the document") }
        let root = (isObject: bytes[index] == UInt8(ascii: "{"), line: line)
        try parseValue(shape)
        skipWhitespace()
        if index < bytes.count { throw error("Unexpected \(describe(bytes[index])) after the document") }
        return root
    }

    func error(_ message: String) -> SyntaxError {
        SyntaxError(message: message, line: line, column: index - lineStart + 1)
    }

    func describe(_ b: UInt8) -> String {
        if b >= 0x20 && b < 0x7F { return "'\(Character(Unicode.Scalar(b)))'" }
        return "byte 0x" + String(b, radix: 16, uppercase: true)
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0D: index += 1
            case 0x0A:
                index += 1
                line += 1
                lineStart = index
            default: return
            }
        }
    }

    /// Reads one value; when `shape` keeps it, writes its entry (and those of what it keeps inside) to the tape.
    mutating func parseValue(_ shape: JSONShape) throws(SyntaxError) {
        let b = bytes[index]
        let isEnvelope = envelopeNext
        envelopeNext = false
        if b == UInt8(ascii: "{") { return try parseObject(shape) }
        if b == UInt8(ascii: "[") { return try parseArray(shape, recordingElements: isEnvelope) }
        let keep = !shape.keepsNothing
        let startLine = line
        let start = index
        let kind: JSONTape.Kind
        var valueStart = start
        switch b {
        case UInt8(ascii: "\""):
            valueStart = start + 1
            if let end = Self.plainStringEnd(bytes, from: index) {
                index = end + 1
                kind = .plainString
            } else {
                _ = try parseString()
                kind = .string
            }
        case UInt8(ascii: "t"):
            try expectWord("true")
            kind = .trueValue
        case UInt8(ascii: "f"):
            try expectWord("false")
            kind = .falseValue
        case UInt8(ascii: "n"):
            try expectWord("null")
            kind = .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            try skipNumber()
            kind = .number
        default:
            throw error("Expected a value, found \(describe(b))")
        }
        guard keep else { return }
        let end = kind == .string || kind == .plainString ? index - 1 : index
        tape.append(
            JSONTape.Entry(
                kind: kind, start: valueStart, end: end, line: startLine, order: start, next: tape.count + 1))
    }

    private mutating func expectWord(_ word: StaticString) throws(SyntaxError) {
        let w = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        for (offset, expected) in w.enumerated() {
            guard index + offset < bytes.count, bytes[index + offset] == expected else {
                index += offset
                throw error("Invalid literal, expected '\(word)'")
            }
        }
        index += w.count
    }

    private mutating func enter() throws(SyntaxError) {
        depth += 1
        let limit = limits?.maxDepth ?? JSONParser.maxDepth
        if depth > limit { throw error("Nesting deeper than \(limit) levels") }
    }

    /// Starts a kept array or object's entry; `close` finishes it once its contents are on the tape.
    private mutating func open(_ kind: JSONTape.Kind, keep: Bool) -> Int? {
        guard keep else { return nil }
        tape.append(JSONTape.Entry(kind: kind, start: index, end: index, line: line, order: index, next: 0))
        return tape.count - 1
    }

    private mutating func close(_ entry: Int?) {
        depth -= 1
        guard let entry else { return }
        tape[entry].next = tape.count
    }

    private mutating func parseObject(_ shape: JSONShape) throws(SyntaxError) {
        let entry = open(.object, keep: !shape.keepsNothing)
        try enter()
        index += 1
        /// Every key of this object, kept or not, for finding a repeated one (SPEC §2.1), from `keyBase` on.
        let keyBase = keysUsed
        let textBase = keyTexts.count
        /// Keys seen so far, hashed only for large objects: a cart's objects have a dozen keys or fewer, where
        /// comparing with each earlier key is cheaper than hashing every key.
        var seen = Set<String>()
        skipWhitespace()
        if index < bytes.count && bytes[index] == UInt8(ascii: "}") {
            index += 1
            return close(entry)
        }
        while true {
            skipWhitespace()
            guard index < bytes.count else { throw error("Expected a key, found the end of the document") }
            guard bytes[index] == UInt8(ascii: "\"") else {
                throw error("Expected a key in double quotes, found \(describe(bytes[index]))")
            }
            let keyLine = line
            let keyColumn = index - lineStart + 1
            let keyOffset = index
            let key = try readKey()
            try checkRepeat(key, from: keyBase, seen: &seen, line: keyLine, column: keyColumn)
            if keysUsed == keys.count { keys.append(key) } else { keys[keysUsed] = key }
            keysUsed += 1
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                throw error(
                    index < bytes.count
                        ? "Expected ':' after a key, found \(describe(bytes[index]))"
                        : "Expected ':', found the end of the document")
            }
            index += 1
            skipWhitespace()
            guard index < bytes.count else { throw error("Expected a value, found the end of the document") }
            var isEnvelopeCart = false
            if depth == 1, let envelopeKey,
                envelopeKey.bytes.withUnsafeBufferPointer({
                    Self.same(key, $0, prefix: envelopeKey.prefix, in: bytes, keyTexts)
                })
            {
                envelopeValue = ValueStart(offset: index, line: line, lineStart: lineStart)
                isEnvelopeCart = readsEnvelopeCart && bytes[index] == UInt8(ascii: "{")
                envelopeNext = !isEnvelopeCart
            }
            if isEnvelopeCart {
                try readEnvelopeCart()
            } else if let memberShape = Self.memberShape(shape, key, in: bytes, keyTexts) {
                let member = tape.count
                try parseValue(memberShape)
                // A member is placed at its key: that is where a reader looks for the field.
                tape[member].line = keyLine
                tape[member].order = keyOffset
                if key.isEscaped {
                    escapedKeys.append(keyTexts[-key.start - 1])
                    tape[member].keyCount = -escapedKeys.count
                } else {
                    tape[member].keyStart = key.start
                    tape[member].keyCount = key.count
                }
            } else {
                // A member the shape does not keep is read for its syntax only (SPEC §11: unknown fields are
                // skipped without being kept).
                try parseValue(.none)
            }
            skipWhitespace()
            guard index < bytes.count else { throw error("Expected ',' or '}', found the end of the document") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            if bytes[index] == UInt8(ascii: "}") {
                index += 1
                break
            }
            throw error("Expected ',' or '}'")
        }
        keysUsed = keyBase
        if keyTexts.count > textBase { keyTexts.removeLast(keyTexts.count - textBase) }
        close(entry)
    }

    /// The shape a member is kept in, or nil when it is not kept. A dozen names at most: compared (length and
    /// first eight bytes first) with the key rather than hashed (issue 18).
    private static func memberShape(
        _ shape: JSONShape, _ key: Key, in bytes: UnsafeBufferPointer<UInt8>, _ keyTexts: [String]
    ) -> JSONShape? {
        if shape.keepsEverything { return .all }
        let members = shape.members
        for i in members.indices where same(key, members[i].bytes, prefix: members[i].prefix, in: bytes, keyTexts) {
            return members[i].shape
        }
        return nil
    }

    private mutating func parseArray(_ shape: JSONShape, recordingElements: Bool = false) throws(SyntaxError) {
        if recordingElements { envelopeElements = [] }
        let entry = open(.array, keep: !shape.keepsNothing)
        try enter()
        index += 1
        var kept = 0
        skipWhitespace()
        if index < bytes.count && bytes[index] == UInt8(ascii: "]") {
            index += 1
            return close(entry)
        }
        while true {
            skipWhitespace()
            guard index < bytes.count else { throw error("Expected a value, found the end of the document") }
            if recordingElements {
                envelopeElements?.append(ValueStart(offset: index, line: line, lineStart: lineStart))
            }
            if recordingElements && readsEnvelopeCart && envelopeElements?.count == 1
                && bytes[index] == UInt8(ascii: "{")
            {
                try readEnvelopeCart()
            } else {
                try parseValue(shape.element)
            }
            if shape.keepsElements {
                if let max = shape.maxElements, kept == max {
                    throw error("More than \(max) elements in one list")
                }
                kept += 1
            }
            skipWhitespace()
            guard index < bytes.count else { throw error("Expected ',' or ']', found the end of the document") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            if bytes[index] == UInt8(ascii: "]") {
                index += 1
                break
            }
            throw error("Expected ',' or ']'")
        }
        close(entry)
    }
}
