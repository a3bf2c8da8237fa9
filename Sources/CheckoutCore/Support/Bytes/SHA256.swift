import CHashInstructions

/// SHA-256 (FIPS 180-4), for cart content digests in the ledger, where a collision would hide a changed cart.
enum SHA256 {
    /// FIPS 180-4 §4.2.2, from the C target's header (`checkout_sha256_k`), which the SHA instructions read too.
    static let k: [UInt32] = withUnsafeBytes(of: checkout_sha256_k) { Array($0.bindMemory(to: UInt32.self)) }

    typealias Words = (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32)

    /// FIPS 180-4 §5.3.3.
    static var initialState: Words {
        (0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19)
    }

    /// The eight state words after hashing `message`, with the SHA extensions when the processor has them
    /// (`HashInstructions`; `instructions: false` is this code, for tests). Here the state lives in eight locals and
    /// the schedule in one stack buffer; words are loaded whole and byte-swapped.
    static func words(_ message: UnsafeBufferPointer<UInt8>, instructions: Bool = HashInstructions.available) -> Words {
        if instructions { return HashInstructions.sha256(message) }
        var (h0, h1, h2, h3, h4, h5, h6, h7) = initialState
        k.withUnsafeBufferPointer { k in
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
                MessagePadding.forEachBlock(message) { block in
                    let raw = UnsafeRawPointer(block)
                    for t in 0..<16 {
                        w[t] = UInt32(bigEndian: raw.loadUnaligned(fromByteOffset: t * 4, as: UInt32.self))
                    }
                    for t in 16..<64 {
                        let x = w[t - 15]
                        let y = w[t - 2]
                        let s0 = x.rotatedRight(7) ^ x.rotatedRight(18) ^ (x >> 3)
                        let s1 = y.rotatedRight(17) ^ y.rotatedRight(19) ^ (y >> 10)
                        w[t] = w[t - 16] &+ s0 &+ w[t - 7] &+ s1
                    }
                    var (a, b, c, d, e, f, g, h) = (h0, h1, h2, h3, h4, h5, h6, h7)
                    // Eight rounds at a time with the roles of the eight words turning, so no word is moved.
                    var t = 0
                    while t < 64 {
                        round(a, b, c, &d, e, f, g, &h, k[t] &+ w[t])
                        round(h, a, b, &c, d, e, f, &g, k[t + 1] &+ w[t + 1])
                        round(g, h, a, &b, c, d, e, &f, k[t + 2] &+ w[t + 2])
                        round(f, g, h, &a, b, c, d, &e, k[t + 3] &+ w[t + 3])
                        round(e, f, g, &h, a, b, c, &d, k[t + 4] &+ w[t + 4])
                        round(d, e, f, &g, h, a, b, &c, k[t + 5] &+ w[t + 5])
                        round(c, d, e, &f, g, h, a, &b, k[t + 6] &+ w[t + 6])
                        round(b, c, d, &e, f, g, h, &a, k[t + 7] &+ w[t + 7])
                        t += 8
                    }
                    h0 &+= a
                    h1 &+= b
                    h2 &+= c
                    h3 &+= d
                    h4 &+= e
                    h5 &+= f
                    h6 &+= g
                    h7 &+= h
                }
            }
        }
        return (h0, h1, h2, h3, h4, h5, h6, h7)
    }

    /// One round of FIPS 180-4 §6.2.2 step 3, written where the words stand: `d` becomes the next `e`, `h` the
    /// next `a`; the caller turns the roles of the others.
    @inline(__always)
    private static func round(
        _ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32, _ e: UInt32, _ f: UInt32, _ g: UInt32,
        _ h: inout UInt32, _ kw: UInt32
    ) {
        let t1 = h &+ (e.rotatedRight(6) ^ e.rotatedRight(11) ^ e.rotatedRight(25)) &+ (g ^ (e & (f ^ g))) &+ kw
        let t2 = (a.rotatedRight(2) ^ a.rotatedRight(13) ^ a.rotatedRight(22)) &+ ((a & b) | (c & (a | b)))
        d = d &+ t1
        h = t1 &+ t2
    }

    static func hex(_ message: [UInt8], instructions: Bool = HashInstructions.available) -> String {
        message.withUnsafeBufferPointer { hex($0, instructions: instructions) }
    }

    /// The digest as 64 lower-case hex digits, built without intermediate arrays.
    static func hex(_ message: UnsafeBufferPointer<UInt8>, instructions: Bool = HashInstructions.available) -> String {
        hex(words: words(message, instructions: instructions))
    }

    /// The eight state words as 64 lower-case hex digits.
    static func hex(words h: Words) -> String {
        String(unsafeUninitializedCapacity: 64) { out in
            let at = out.baseAddress!
            Hex.write(h.0, to: at)
            Hex.write(h.1, to: at + 8)
            Hex.write(h.2, to: at + 16)
            Hex.write(h.3, to: at + 24)
            Hex.write(h.4, to: at + 32)
            Hex.write(h.5, to: at + 40)
            Hex.write(h.6, to: at + 48)
            Hex.write(h.7, to: at + 56)
            return 64
        }
    }
}
