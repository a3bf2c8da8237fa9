/// A byte-level JSON writer with a fixed layout (SPEC §7): keys in the order written, 2-space indentation,
/// UTF-8 without `\u` escapes for printable text, `/` unescaped, and a final newline. Output depends only on
/// the calls made, never on dictionary order.
struct JSONWriter: ~Copyable {
    private var bytes: ByteBuffer
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

    /// `{}`, as in `"links": {}`.
    mutating func emptyObject(_ key: StaticString) {
        self.key(key)
        beginObject()
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

    /// A value whose bytes `write` appends whole, laid out as this writer would lay it out at `depth` (which must
    /// be the depth the value is at): for the many rows of one shape, written from literal runs (`RunReport`).
    mutating func preformatted(atDepth depth: Int, _ write: (inout ByteBuffer) -> Void) {
        precondition(depth == self.depth, "a preformatted value is laid out for depth \(depth), not \(self.depth)")
        element()
        write(&bytes)
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
