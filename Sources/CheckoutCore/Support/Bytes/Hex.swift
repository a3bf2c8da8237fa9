/// Bytes as lowercase hex digits and back: digests in tests, and bytes that need not be UTF-8 (an input's name) in
/// a JSON line.
extension Array where Element == UInt8 {
    var hexString: String {
        var out = ByteBuffer(capacity: count * 2 + 1)
        out.appendHex(self)
        return out.withBytes(from: 0) { String(decoding: $0, as: UTF8.self) }
    }
}

extension ByteBuffer {
    /// `bytes` as lower-case hex digits, written in place: an input's name in every progress line of the journal
    /// (issue 18: made into a String first, ~1,700 instructions a name, one name a one-cart file).
    mutating func appendHex(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { b in
            appendUninitialized(b.count * 2) { out in
                for i in b.indices {
                    out[2 * i] = Hex.digit(b[i] >> 4)
                    out[2 * i + 1] = Hex.digit(b[i] & 0x0F)
                }
            }
        }
    }
}

enum Hex {
    /// The digit of a nibble.
    @inline(__always) static func digit(_ nibble: UInt8) -> UInt8 { nibble < 10 ? 0x30 + nibble : 0x57 + nibble }

    /// The eight lower-case hex digits of `word`, most significant first, written at `out`: its nibbles spread one to
    /// a byte and turned into digits all at once, with no table and no branch (issue 18: the ~10 UUIDs and the
    /// ledger digest of every cart were written a digit at a time, ~7 instructions each).
    @inline(__always)
    static func write(_ word: UInt32, to out: UnsafeMutablePointer<UInt8>) {
        var x = UInt64(word)
        x = (x | x << 16) & 0x0000_FFFF_0000_FFFF
        x = (x | x << 8) & 0x00FF_00FF_00FF_00FF
        x = (x | x << 4) & 0x0F0F_0F0F_0F0F_0F0F  // one nibble a byte, the last digit in the lowest byte
        let letters = ((x &+ 0x0606_0606_0606_0606) >> 4) & 0x0101_0101_0101_0101  // 1 where the nibble is 10 or more
        x = x &+ 0x3030_3030_3030_3030 &+ letters &* 39  // "0" + n, and "a" - "0" - 10 more for a letter
        UnsafeMutableRawPointer(out).storeBytes(of: x.byteSwapped, as: UInt64.self)
    }

    /// The bytes `hexString` wrote; nil when `text` is not an even number of hex digits.
    static func decode(_ text: String) -> [UInt8]? {
        let utf8 = Array(text.utf8)
        guard utf8.count % 2 == 0 else { return nil }
        func value(_ c: UInt8) -> UInt8? {
            switch c {
            case 0x30...0x39: c - 0x30
            case 0x61...0x66: c - 0x61 + 10
            case 0x41...0x46: c - 0x41 + 10
            default: nil
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count / 2)
        var i = 0
        while i < utf8.count {
            guard let high = value(utf8[i]), let low = value(utf8[i + 1]) else { return nil }
            out.append(high << 4 | low)
            i += 2
        }
        return out
    }
}
