/// A byte-level JSON writer with a fixed layout (SPEC §7): keys in the order written, 2-space indentation,
/// UTF-8 without `\u` escapes for printable text, `/` unescaped, and a final newline. Output depends only on
/// the calls made, never on dictionary order.
public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []
    private var depth = 0
    /// Whether the current container has had a member yet.
    private var hasMember: [Bool] = []
    /// Set between a key and its value, which then follows on the same line.
    private var pendingKey = false

    /// One line with no indentation (`{"a":1}`), for JSON-lines logs.
    private let compact: Bool

    public init(compact: Bool = false) {
        self.compact = compact
        bytes.reserveCapacity(compact ? 256 : 4096)
    }

    /// The finished document with its final newline.
    public mutating func finish() -> [UInt8] {
        bytes.append(0x0A)
        return bytes
    }

    public mutating func beginObject() { open(0x7B) }
    public mutating func endObject() { close(0x7D) }
    public mutating func beginArray() { open(0x5B) }
    public mutating func endArray() { close(0x5D) }

    /// Starts a member of the current object: `"key": `.
    public mutating func key(_ key: String) {
        separate()
        appendString(key)
        bytes.append(0x3A)
        if !compact { bytes.append(0x20) }
        pendingKey = true
    }

    public mutating func string(_ value: String) { element(); appendString(value) }
    public mutating func int(_ value: Int64) { element(); bytes.append(contentsOf: String(value).utf8) }
    public mutating func int(_ value: Int) { int(Int64(value)) }
    public mutating func bool(_ value: Bool) { element(); bytes.append(contentsOf: (value ? "true" : "false").utf8) }
    /// A number written exactly as given (a catalogue rate `0.20`).
    public mutating func rawNumber(_ literal: String) { element(); bytes.append(contentsOf: literal.utf8) }

    public mutating func field(_ key: String, _ value: String) { self.key(key); string(value) }
    public mutating func field(_ key: String, _ value: Int64) { self.key(key); int(value) }
    public mutating func field(_ key: String, _ value: Bool) { self.key(key); bool(value) }

    /// `{}`, as in `"links": {}`.
    public mutating func emptyObject(_ key: String) {
        self.key(key)
        beginObject()
        endObject()
    }

    /// `{"type": …, "id": …}`, the resource identifier of Elastic Path's relationships.
    public mutating func resource(type: String, id: String) {
        beginObject()
        field("type", type)
        field("id", id)
        endObject()
    }

    // MARK: layout

    /// Places a value: after a key it follows on the same line; in an array it starts a new line.
    private mutating func element() {
        if pendingKey { pendingKey = false } else if depth > 0 { separate() }
    }

    private mutating func separate() {
        if let last = hasMember.last {
            if last { bytes.append(0x2C) }
            hasMember[hasMember.count - 1] = true
        }
        newline()
    }

    private mutating func newline() {
        guard !compact else { return }
        bytes.append(0x0A)
        bytes.append(contentsOf: repeatElement(0x20, count: depth * 2))
    }

    private mutating func open(_ bracket: UInt8) {
        element()
        bytes.append(bracket)
        depth += 1
        hasMember.append(false)
    }

    private mutating func close(_ bracket: UInt8) {
        let hadMembers = hasMember.removeLast()
        depth -= 1
        if hadMembers { newline() }
        bytes.append(bracket)
    }

    private mutating func appendString(_ s: String) {
        bytes.append(0x22)
        for b in s.utf8 {
            switch b {
            case 0x22: bytes.append(0x5C); bytes.append(0x22)
            case 0x5C: bytes.append(0x5C); bytes.append(0x5C)
            case 0x0A: bytes.append(0x5C); bytes.append(0x6E)
            case 0x0D: bytes.append(0x5C); bytes.append(0x72)
            case 0x09: bytes.append(0x5C); bytes.append(0x74)
            case 0x08: bytes.append(0x5C); bytes.append(0x62)
            case 0x0C: bytes.append(0x5C); bytes.append(0x66)
            case 0..<0x20, 0x7F:
                let hex: [UInt8] = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]])
            default: bytes.append(b)
            }
        }
        bytes.append(0x22)
    }
}
