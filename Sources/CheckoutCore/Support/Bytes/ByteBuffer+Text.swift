/// Numbers and quoted text written straight into a buffer, without building Strings: what the documents, the
/// ledger's journal lines, the canonical form and the ids are made of.
extension ByteBuffer {
    /// The decimal digits of `value`, without going through a String.
    static func appendDecimal(_ value: Int64, to out: inout ByteBuffer) {
        if value < 0 { out.append(0x2D) }
        var m = value.magnitude
        var width = 1
        var rest = m / 10
        while rest > 0 {
            width += 1
            rest /= 10
        }
        // Written in place from the last digit back: an order has ~200 numbers.
        out.appendUninitialized(width) { digits in
            var n = width
            repeat {
                n -= 1
                digits[n] = UInt8(48 + m % 10)
                m /= 10
            } while m > 0
        }
    }

    /// Whether a byte must be escaped inside a quoted (JSON) string.
    @inline(__always) static func needsQuotedEscape(_ b: UInt8) -> Bool {
        b < 0x20 || b == 0x22 || b == 0x5C || b == 0x7F
    }

    /// `s` as a JSON string literal: quoted, with only what JSON requires escaped.
    static func appendQuoted(_ s: String, to bytes: inout ByteBuffer) {
        var s = s
        // Most text needs no escaping: copied in one go.
        let done: Bool = s.withUTF8 { utf8 in
            guard !utf8.contains(where: needsQuotedEscape) else { return false }
            bytes.reserve(utf8.count + 2)
            bytes.writeUnchecked(0x22)
            if let start = utf8.baseAddress { bytes.writeUnchecked(start, utf8.count) }
            bytes.writeUnchecked(0x22)
            return true
        }
        if done { return }
        bytes.append(0x22)
        let hex: StaticString = "0123456789abcdef"
        for b in s.utf8 {
            switch b {
            case 0x22: bytes.append("\\\"")
            case 0x5C: bytes.append("\\\\")
            case 0x0A: bytes.append("\\n")
            case 0x0D: bytes.append("\\r")
            case 0x09: bytes.append("\\t")
            case 0x08: bytes.append("\\b")
            case 0x0C: bytes.append("\\f")
            case 0..<0x20, 0x7F:
                bytes.append("\\u00")
                bytes.append(hex.utf8Start[Int(b >> 4)])
                bytes.append(hex.utf8Start[Int(b & 0xF)])
            default: bytes.append(b)
            }
        }
        bytes.append(0x22)
    }
}
