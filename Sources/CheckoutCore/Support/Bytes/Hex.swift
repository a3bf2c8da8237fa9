/// Bytes as lowercase hex digits and back: digests in tests, and bytes that need not be UTF-8 (an input's name) in
/// a JSON line.
extension Array where Element == UInt8 {
    var hexString: String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(count * 2)
        for b in self {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

enum Hex {
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
