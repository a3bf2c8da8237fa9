/// A byte-level JSON writer with a fixed layout (SPEC §7): keys in the order written, 2-space indentation,
/// UTF-8 without `\u` escapes for printable text, `/` unescaped, and a final newline. Output depends only on
/// the calls made, never on dictionary order.
struct JSONWriter: ~Copyable {
    /// The document so far. Internal so that text can be written into it in place (`beginInPlaceString`).
    var bytes: ByteBuffer
    private var depth = 0
    /// Bit d: whether the open container at depth d has had a member yet (documents nest far less than 64 deep).
    private var hasMember: UInt64 = 0
    /// Set between a key and its value, which then follows on the same line.
    private var pendingKey = false

    /// One line with no indentation (`{"a":1}`), for JSON-lines logs.
    private let compact: Bool

    init(compact: Bool = false) {
        self.compact = compact
        bytes = ByteBuffer(capacity: compact ? 256 : 24576)  // an order of a few lines is 15–20 KB
    }

    /// The finished document with its final newline.
    mutating func finish() -> [UInt8] {
        bytes.append(0x0A)
        return bytes.array
    }

    /// The finished document with its final newline, lent to `use` without being copied into an array.
    mutating func finish<R>(_ use: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        bytes.append(0x0A)
        return bytes.withBytes(from: 0, use)
    }

    /// The document so far as text, without a final newline (one JSON line).
    var text: String { bytes.withBytes(from: 0) { String(decoding: $0, as: UTF8.self) } }

    mutating func beginObject() { open(0x7B) }
    mutating func endObject() { close(0x7D) }
    mutating func beginArray() { open(0x5B) }
    mutating func endArray() { close(0x5D) }

    /// Starts a member of the current object: `"key": `. Keys are nearly always literals, copied as they are
    /// (they must need no escaping); `key(text:)` takes any string.
    mutating func key(_ key: StaticString) {
        separate()
        let n = key.utf8CodeUnitCount
        bytes.reserve(n + 4)
        bytes.writeUnchecked(0x22)
        bytes.writeUnchecked(key.utf8Start, n)
        bytes.writeUnchecked(0x22)
        bytes.writeUnchecked(0x3A)
        if !compact { bytes.writeUnchecked(0x20) }
        pendingKey = true
    }

    mutating func key(text key: String) {
        separate()
        appendString(key)
        bytes.append(0x3A)
        if !compact { bytes.append(0x20) }
        pendingKey = true
    }

    mutating func string(_ value: String) {
        element()
        appendString(value)
    }
    mutating func int(_ value: Int64) {
        element()
        ByteBuffer.appendDecimal(value, to: &bytes)
    }
    mutating func int(_ value: Int) { int(Int64(value)) }
    mutating func bool(_ value: Bool) {
        element()
        bytes.append(value ? "true" : "false")
    }
    /// A number written exactly as given (a catalogue rate `0.20`).
    mutating func rawNumber(_ literal: String) {
        element()
        var literal = literal
        literal.withUTF8 { bytes.append($0) }
    }

    mutating func field(_ key: StaticString, _ value: String) {
        self.key(key)
        string(value)
    }
    mutating func field(_ key: StaticString, _ value: Int64) {
        self.key(key)
        int(value)
    }
    mutating func field(_ key: StaticString, _ value: Bool) {
        self.key(key)
        bool(value)
    }
    mutating func field(text key: String, _ value: String) {
        self.key(text: key)
        string(value)
    }

    // MARK: flat objects

    /// Starts `"key": {` for an object that will hold only scalar members, written with `flatMember` and closed
    /// with `endFlatObject`: the same bytes as `key`/`beginObject`/`field`/`endObject`, without their per-member
    /// bookkeeping (an order has ~60 such objects). Returns the flat object's state, to pass back.
    mutating func beginFlatObject(_ key: StaticString) -> FlatObject {
        let width = (depth + 1) * 2
        guard !compact, width < JSONWriter.indentation.utf8CodeUnitCount else {
            self.key(key)
            beginObject()
            return FlatObject(width: -1, first: true)
        }
        self.key(key)
        pendingKey = false
        bytes.append(0x7B)
        return FlatObject(width: width, first: true)
    }

    /// What a flat object needs between its members: its indentation, and whether a member was written. A width
    /// of -1 means the general calls are used (compact output, or nesting deeper than the indentation run).
    struct FlatObject {
        fileprivate var width: Int
        fileprivate var first: Bool
    }

    /// `"key": ` of the next member of a flat object.
    private mutating func flatKey(_ key: StaticString, _ flat: inout FlatObject) {
        if !flat.first { bytes.append(0x2C) }
        flat.first = false
        bytes.append(JSONWriter.indentation.utf8Start, flat.width + 1)
        bytes.append(0x22)
        bytes.append(key)
        bytes.append("\": " as StaticString)
    }

    mutating func flatMember(_ key: StaticString, _ value: Int64, _ flat: inout FlatObject) {
        guard flat.width >= 0 else { return field(key, value) }
        flatKey(key, &flat)
        ByteBuffer.appendDecimal(value, to: &bytes)
    }

    mutating func flatMember(_ key: StaticString, _ value: String, _ flat: inout FlatObject) {
        guard flat.width >= 0 else { return field(key, value) }
        flatKey(key, &flat)
        appendString(value)
    }

    /// Starts a member whose string value the caller then appends to `bytes` as UTF-8 (an amount formatted in
    /// place, without building a String); `endInPlaceString` closes it. Returns where the value starts.
    mutating func beginInPlaceString(_ key: StaticString, _ flat: inout FlatObject) -> Int {
        if flat.width >= 0 {
            flatKey(key, &flat)
        } else {
            self.key(key)
            element()
        }
        let start = bytes.count
        bytes.append(0x22)
        return start
    }

    /// Closes a string begun at `start`. `isPlainText` promises no byte that JSON escapes; otherwise the text is
    /// escaped now.
    mutating func endInPlaceString(from start: Int, isPlainText: Bool) {
        if isPlainText {
            bytes.append(0x22)
        } else {
            let text = bytes.withBytes(from: start + 1) { String(decoding: $0, as: UTF8.self) }
            bytes.truncate(to: start)
            appendString(text)
        }
    }

    mutating func endFlatObject(_ flat: FlatObject) {
        guard flat.width >= 0 else { return endObject() }
        bytes.append(JSONWriter.indentation.utf8Start, flat.width - 1)
        bytes.append(0x7D)
    }

    /// `{}`, as in `"links": {}`.
    mutating func emptyObject(_ key: StaticString) {
        self.key(key)
        beginObject()
        endObject()
    }

    /// `{"type": …, "id": …}`, the resource identifier of Elastic Path's relationships.
    mutating func resource(type: StaticString, id: String) {
        beginObject()
        key("type")
        string(type)
        field("id", id)
        endObject()
    }

    /// A literal value that needs no escaping (`"order"`).
    mutating func string(_ value: StaticString) {
        element()
        let n = value.utf8CodeUnitCount
        bytes.reserve(n + 2)
        bytes.writeUnchecked(0x22)
        bytes.writeUnchecked(value.utf8Start, n)
        bytes.writeUnchecked(0x22)
    }

    mutating func field(_ key: StaticString, _ value: StaticString) {
        self.key(key)
        string(value)
    }

    /// `count` bytes of `source` from `start` as a string value, copied without escaping: for text known to need
    /// none (UUIDs).
    mutating func verbatimString(_ source: [UInt8], from start: Int, count: Int) {
        precondition(start + count <= source.count, "verbatimString reads past the end of its source")
        element()
        bytes.reserve(count + 2)
        bytes.writeUnchecked(0x22)
        source.withUnsafeBufferPointer { text in
            if count > 0 { bytes.writeUnchecked(text.baseAddress! + start, count) }
        }
        bytes.writeUnchecked(0x22)
    }

    mutating func verbatimString(_ source: borrowing ByteBuffer, from start: Int, count: Int) {
        element()
        bytes.reserve(count + 2)
        bytes.writeUnchecked(0x22)
        source.withBytes(from: start) { text in
            precondition(text.count >= count, "verbatimString reads past the end of its source")
            if count > 0 { bytes.writeUnchecked(text.baseAddress!, count) }
        }
        bytes.writeUnchecked(0x22)
    }

    // MARK: layout

    /// Places a value: after a key it follows on the same line; in an array it starts a new line.
    @inline(__always) private mutating func element() {
        if pendingKey { pendingKey = false } else if depth > 0 { separate() }
    }

    @inline(__always) private mutating func separate() {
        if depth > 0 {
            let bit: UInt64 = 1 << UInt64(depth - 1)
            if hasMember & bit != 0 { bytes.append(0x2C) }
            hasMember |= bit
        }
        newline()
    }

    /// 64 spaces after a newline: a StaticString, so a line start is one copy that retains nothing.
    private static let indentation: StaticString = "\n                                                                "

    @inline(__always) private mutating func newline() {
        guard !compact else { return }
        let width = depth * 2
        if width < JSONWriter.indentation.utf8CodeUnitCount {
            bytes.append(JSONWriter.indentation.utf8Start, width + 1)
        } else {
            bytes.append(0x0A)
            for _ in 0..<width { bytes.append(0x20) }
        }
    }

    private mutating func open(_ bracket: UInt8) {
        element()
        bytes.append(bracket)
        depth += 1
        precondition(depth <= 64, "JSONWriter nests at most 64 containers")
        hasMember &= ~(1 << UInt64(depth - 1))
    }

    private mutating func close(_ bracket: UInt8) {
        let hadMembers = hasMember & (1 << UInt64(depth - 1)) != 0
        depth -= 1
        if hadMembers { newline() }
        bytes.append(bracket)
    }

    private mutating func appendString(_ s: String) { ByteBuffer.appendQuoted(s, to: &bytes) }
}
