/// Numbers and quoted text written straight into a buffer, without building Strings: what the documents, the
/// ledger's journal lines, the canonical form and the ids are made of.
extension ByteBuffer {
    /// The decimal digits of `value`, without going through a String.
    static func appendDecimal(_ value: Int64, to out: inout ByteBuffer) {
        if value < 0 { out.append(0x2D) }
        var m = value.magnitude
        let width = decimalWidth(m)
        // Written in place from the last digit back, two at a time: an order has ~200 numbers.
        out.appendUninitialized(width) { digits in
            pairs.withUTF8Buffer { pairs in
                var n = width
                while n > 1 {
                    let pair = Int(m % 100) * 2
                    m /= 100
                    digits[n - 1] = pairs[pair + 1]
                    digits[n - 2] = pairs[pair]
                    n -= 2
                }
                if n == 1 { digits[0] = UInt8(48 + m) }
            }
        }
    }

    /// How many bytes `appendDecimal` writes for `value`, sign included: the canonical form gives each number's
    /// length before the number.
    @inline(__always) static func decimalLength(_ value: Int64) -> Int {
        decimalWidth(value.magnitude) + (value < 0 ? 1 : 0)
    }

    /// How many digits `m` has. An order's numbers are nearly all under 10⁸: compared against the powers of ten
    /// in a tree, not counted up to one power at a time (issue 18: ~48 numbers a cart, ~20 instructions each).
    @inline(__always)
    private static func decimalWidth(_ m: UInt64) -> Int {
        if m < 10_000 { return m < 100 ? (m < 10 ? 1 : 2) : (m < 1_000 ? 3 : 4) }
        if m < 100_000_000 { return m < 1_000_000 ? (m < 100_000 ? 5 : 6) : (m < 10_000_000 ? 7 : 8) }
        var width = 9
        var power: UInt64 = 1_000_000_000
        while width < 20 && m >= power {
            width += 1
            power &*= 10
        }
        return width
    }

    /// "00" to "99", back to back.
    private static let pairs: StaticString = """
        0001020304050607080910111213141516171819202122232425262728293031323334353637383940414243444546474849\
        5051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899
        """

    /// Whether a byte must be escaped inside a quoted (JSON) string.
    @inline(__always) static func needsQuotedEscape(_ b: UInt8) -> Bool {
        b < 0x20 || b == 0x22 || b == 0x5C || b == 0x7F
    }

    /// Whether any byte must be escaped, looked at eight at a time (issue 18: every text of every order is looked
    /// at, and nearly none needs it). Each test says whether some byte of the word is below 0x20 or equal to 0x22,
    /// 0x5C or 0x7F, not which: then the bytes are escaped one by one.
    static func containsQuotedEscape(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let start = utf8.baseAddress else { return false }
        let raw = UnsafeRawPointer(start)
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func hasZeroByte(_ v: UInt64) -> Bool { (v &- ones) & ~v & highs != 0 }
        var i = 0
        while i + 8 <= utf8.count {
            let x = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            let control = (x &- ones &* 0x20) & ~x & highs != 0  // a byte below 0x20
            if control || hasZeroByte(x ^ (ones &* 0x22)) || hasZeroByte(x ^ (ones &* 0x5C))
                || hasZeroByte(x ^ (ones &* 0x7F))
            {
                return true
            }
            i += 8
        }
        while i < utf8.count {
            if needsQuotedEscape(utf8[i]) { return true }
            i += 1
        }
        return false
    }

    /// `s` as a JSON string literal: quoted, with only what JSON requires escaped.
    static func appendQuoted(_ s: String, to bytes: inout ByteBuffer) {
        // Most text needs no escaping: copied in one go, from the string's own storage (see `ByteBuffer.append(string:)`).
        let done = s.utf8.withContiguousStorageIfAvailable { utf8 in
            guard !containsQuotedEscape(utf8) else { return false }
            bytes.reserve(utf8.count + 2)
            bytes.writeUnchecked(0x22)
            if let start = utf8.baseAddress { bytes.writeUnchecked(start, utf8.count) }
            bytes.writeUnchecked(0x22)
            return true
        }!
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
