/// SHA-256 (FIPS 180-4), for cart content digests in the ledger, where a collision would hide a changed cart.
enum SHA256 {
    static let k: [UInt32] = [
        0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
        0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
        0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
        0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
        0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
        0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
        0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
        0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
    ]

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
