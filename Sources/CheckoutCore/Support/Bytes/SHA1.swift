/// SHA-1 (FIPS 180-4), needed only for UUID version 5 (RFC 9562); Foundation on Linux has none.
/// Not used for anything that must resist collisions.
enum SHA1 {
    static func hash(_ message: [UInt8], instructions: Bool = HashInstructions.available) -> [UInt8] {
        message.withUnsafeBufferPointer { digest($0, instructions: instructions).bytes }
    }

    /// FIPS 180-4 §5.3.1.
    static var initialState: (UInt32, UInt32, UInt32, UInt32, UInt32) {
        (0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476, 0xC3D2_E1F0)
    }

    /// The five state words after hashing `message`: no allocation. With the SHA extensions when the processor has
    /// them (`HashInstructions`; `instructions: false` is this code, for tests).
    static func digest(_ message: UnsafeBufferPointer<UInt8>, instructions: Bool = HashInstructions.available) -> Digest
    {
        if instructions { return HashInstructions.sha1(message) }
        var h = initialState
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 80) { w in
            MessagePadding.forEachBlock(message) { block in
                // Words loaded whole and byte-swapped, as SHA-256 does: four loads and shifts each cost more.
                let raw = UnsafeRawPointer(block)
                for t in 0..<16 { w[t] = UInt32(bigEndian: raw.loadUnaligned(fromByteOffset: t * 4, as: UInt32.self)) }
                for t in 16..<80 { w[t] = (w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16]).rotatedLeft(1) }
                var (a, b, c, d, e) = h
                // Five rounds at a time with the roles of the five words turning, so no word is moved.
                @inline(__always) func fiveRounds(_ t: Int, _ phase: Int) {
                    round(a, &b, c, d, &e, w[t], phase)
                    round(e, &a, b, c, &d, w[t + 1], phase)
                    round(d, &e, a, b, &c, w[t + 2], phase)
                    round(c, &d, e, a, &b, w[t + 3], phase)
                    round(b, &c, d, e, &a, w[t + 4], phase)
                }
                for t in stride(from: 0, to: 20, by: 5) { fiveRounds(t, 0) }
                for t in stride(from: 20, to: 40, by: 5) { fiveRounds(t, 1) }
                for t in stride(from: 40, to: 60, by: 5) { fiveRounds(t, 2) }
                for t in stride(from: 60, to: 80, by: 5) { fiveRounds(t, 3) }
                h = (h.0 &+ a, h.1 &+ b, h.2 &+ c, h.3 &+ d, h.4 &+ e)
            }
        }
        return Digest(words: h)
    }

    /// One round of FIPS 180-4 §6.1.2 step 3, written where the words stand: `e` becomes the next `a`, `b` is
    /// rotated in place (the next `c`); the caller turns the roles. `phase` (a constant where it is inlined) picks
    /// the function and constant of rounds 0–19, 20–39, 40–59, 60–79.
    @inline(__always)
    private static func round(
        _ a: UInt32, _ b: inout UInt32, _ c: UInt32, _ d: UInt32, _ e: inout UInt32, _ w: UInt32, _ phase: Int
    ) {
        let f: UInt32
        let k: UInt32
        switch phase {
        case 0: (f, k) = (d ^ (b & (c ^ d)), 0x5A82_7999)
        case 1: (f, k) = (b ^ c ^ d, 0x6ED9_EBA1)
        case 2: (f, k) = ((b & c) | (d & (b | c)), 0x8F1B_BCDC)
        default: (f, k) = (b ^ c ^ d, 0xCA62_C1D6)
        }
        e = a.rotatedLeft(5) &+ f &+ e &+ k &+ w
        b = b.rotatedLeft(30)
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
