/// A byte-level JSON writer with a fixed layout (SPEC §7): keys in the order written, 2-space indentation,
/// UTF-8 without `\u` escapes for printable text, `/` unescaped, and a final newline. Output depends only on
/// the calls made, never on dictionary order.
public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []
    private var depth = 0
    /// Bit d: whether the open container at depth d has had a member yet (documents nest far less than 64 deep).
    private var hasMember: UInt64 = 0
    /// Set between a key and its value, which then follows on the same line.
    private var pendingKey = false

    /// One line with no indentation (`{"a":1}`), for JSON-lines logs.
    private let compact: Bool

    public init(compact: Bool = false) {
        self.compact = compact
        bytes.reserveCapacity(compact ? 256 : 16384)  // an order of a few lines is 15–20 KB
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

    /// Starts a member of the current object: `"key": `. Keys are nearly always literals, copied as they are
    /// (they must need no escaping); `key(text:)` takes any string.
    public mutating func key(_ key: StaticString) {
        separate()
        bytes.append(0x22)
        bytes.append(contentsOf: UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
        bytes.append(0x22)
        bytes.append(0x3A)
        if !compact { bytes.append(0x20) }
        pendingKey = true
    }

    public mutating func key(text key: String) {
        separate()
        appendString(key)
        bytes.append(0x3A)
        if !compact { bytes.append(0x20) }
        pendingKey = true
    }

    public mutating func string(_ value: String) { element(); appendString(value) }
    public mutating func int(_ value: Int64) { element(); JSONWriter.appendDecimal(value, to: &bytes) }
    public mutating func int(_ value: Int) { int(Int64(value)) }
    public mutating func bool(_ value: Bool) { element(); bytes.append(contentsOf: (value ? "true" : "false").utf8) }
    /// A number written exactly as given (a catalogue rate `0.20`).
    public mutating func rawNumber(_ literal: String) { element(); bytes.append(contentsOf: literal.utf8) }

    public mutating func field(_ key: StaticString, _ value: String) { self.key(key); string(value) }
    public mutating func field(_ key: StaticString, _ value: Int64) { self.key(key); int(value) }
    public mutating func field(_ key: StaticString, _ value: Bool) { self.key(key); bool(value) }
    public mutating func field(text key: String, _ value: String) { self.key(text: key); string(value) }

    /// An amount in a currency's display format (SPEC §5.8), written as a JSON string without building one.
    public mutating func formatted(_ key: StaticString, _ amount: Int64, _ currency: Currency) {
        self.key(key)
        element()
        let start = bytes.count
        bytes.append(0x22)
        CurrencyFormatter.append(amount, currency, to: &bytes)
        if bytes[(start + 1)...].contains(where: JSONWriter.needsEscape) {
            // A template or separator with a quote or control character: rare, so escaped the slow way.
            let text = String(decoding: bytes[(start + 1)...], as: UTF8.self)
            bytes.removeSubrange(start...)
            appendString(text)
        } else {
            bytes.append(0x22)
        }
    }

    /// The decimal digits of `value`, without going through a String.
    static func appendDecimal(_ value: Int64, to out: inout [UInt8]) {
        if value < 0 { out.append(0x2D) }
        var m = value.magnitude
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var n = 0
            repeat {
                digits[n] = UInt8(48 + m % 10)
                m /= 10
                n += 1
            } while m > 0
            while n > 0 { n -= 1; out.append(digits[n]) }
        }
    }

    /// `{}`, as in `"links": {}`.
    public mutating func emptyObject(_ key: StaticString) {
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
        if depth > 0 {
            let bit: UInt64 = 1 << UInt64(depth - 1)
            if hasMember & bit != 0 { bytes.append(0x2C) }
            hasMember |= bit
        }
        newline()
    }

    /// 64 spaces: a StaticString, so appending a prefix of it retains nothing.
    private static let indentation: StaticString = "                                                                "

    private mutating func newline() {
        guard !compact else { return }
        bytes.append(0x0A)
        let width = depth * 2
        if width <= JSONWriter.indentation.utf8CodeUnitCount {
            bytes.append(contentsOf: UnsafeBufferPointer(start: JSONWriter.indentation.utf8Start, count: width))
        } else {
            bytes.append(contentsOf: repeatElement(0x20, count: width))
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

    @inline(__always) static func needsEscape(_ b: UInt8) -> Bool { b < 0x20 || b == 0x22 || b == 0x5C || b == 0x7F }

    private mutating func appendString(_ s: String) {
        var s = s
        // Most text needs no escaping: copied in one go.
        let done: Bool = s.withUTF8 { utf8 in
            guard !utf8.contains(where: JSONWriter.needsEscape) else { return false }
            bytes.append(0x22)
            bytes.append(contentsOf: utf8)
            bytes.append(0x22)
            return true
        }
        if done { return }
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
