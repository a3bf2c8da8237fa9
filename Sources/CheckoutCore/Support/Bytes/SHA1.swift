/// SHA-1 (FIPS 180-4), needed only for UUID version 5 (RFC 9562); Foundation on Linux has none.
/// Not used for anything that must resist collisions.
enum SHA1 {
    static func hash(_ message: [UInt8]) -> [UInt8] {
        message.withUnsafeBufferPointer { digest($0).bytes }
    }

    /// The five state words after hashing `message`: no allocation, ~25 times per order.
    static func digest(_ message: UnsafeBufferPointer<UInt8>) -> Digest {
        var h: (UInt32, UInt32, UInt32, UInt32, UInt32) = (
            0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476, 0xC3D2_E1F0
        )
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 80) { w in
            MessagePadding.forEachBlock(message) { block in
                for t in 0..<16 { w[t] = MessagePadding.word(block, t) }
                for t in 16..<80 { w[t] = (w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16]).rotatedLeft(1) }
                var (a, b, c, d, e) = h
                @inline(__always) func round(_ f: UInt32, _ k: UInt32, _ t: Int) {
                    let temp = a.rotatedLeft(5) &+ f &+ e &+ k &+ w[t]
                    (e, d, c, b, a) = (d, c, b.rotatedLeft(30), a, temp)
                }
                for t in 0..<20 { round((b & c) | (~b & d), 0x5A82_7999, t) }
                for t in 20..<40 { round(b ^ c ^ d, 0x6ED9_EBA1, t) }
                for t in 40..<60 { round((b & c) | (b & d) | (c & d), 0x8F1B_BCDC, t) }
                for t in 60..<80 { round(b ^ c ^ d, 0xCA62_C1D6, t) }
                h = (h.0 &+ a, h.1 &+ b, h.2 &+ c, h.3 &+ d, h.4 &+ e)
            }
        }
        return Digest(words: h)
    }

    struct Digest {
        var words: (UInt32, UInt32, UInt32, UInt32, UInt32)

        /// Byte `i` (0..<20), big-endian as FIPS 180-4 writes the digest.
        subscript(i: Int) -> UInt8 {
            let word: UInt32
            switch i >> 2 {
            case 0: word = words.0
            case 1: word = words.1
            case 2: word = words.2
            case 3: word = words.3
            default: word = words.4
            }
            return UInt8(truncatingIfNeeded: word >> UInt32(24 - (i & 3) * 8))
        }

        var bytes: [UInt8] { (0..<20).map { self[$0] } }
    }
}
