/// SHA-1 of several messages: an order needs a dozen or more UUIDs (SPEC §7), each one SHA-1 of a short name (issue
/// 18: ~2,100 instructions a UUID one at a time). One after another with the SHA extensions when the processor has
/// them (`HashInstructions`), else four at a time side by side (`HashLanes`). The digests are those of `SHA1.digest`.
enum SHA1Lanes {
    private typealias Lanes = HashLanes.Lanes

    /// The digest of each of `messages` (ranges of `bytes`), handed to `body` with the message's index, in order.
    /// `instructions: false` is the lanes, for tests.
    static func digests(
        of messages: [Range<Int>], in bytes: UnsafeBufferPointer<UInt8>,
        instructions: Bool = HashInstructions.available, _ body: (Int, SHA1.Digest) -> Void
    ) {
        if instructions {
            for i in messages.indices {
                body(i, HashInstructions.sha1(UnsafeBufferPointer(rebasing: bytes[messages[i]])))
            }
            return
        }
        HashLanes.withScratch(schedule: 80) { scratch in
            var first = 0
            while first < messages.count {
                let start = first
                var h: (Lanes, Lanes, Lanes, Lanes, Lanes) = (
                    Lanes(repeating: 0x6745_2301), Lanes(repeating: 0xEFCD_AB89), Lanes(repeating: 0x98BA_DCFE),
                    Lanes(repeating: 0x1032_5476), Lanes(repeating: 0xC3D2_E1F0)
                )
                HashLanes.feed(
                    count: min(4, messages.count - start),
                    message: { UnsafeBufferPointer(rebasing: bytes[messages[start + $0]]) }, schedule: 80,
                    scratch: scratch, compress: { compress(&h, $0, schedule: $1) },
                    finished: { lane in
                        body(
                            start + lane, SHA1.Digest(words: (h.0[lane], h.1[lane], h.2[lane], h.3[lane], h.4[lane])))
                    })
                first += 4
            }
        }
    }

    /// FIPS 180-4 §6.1.2 on one interleaved block of four messages.
    private static func compress(
        _ h: inout (Lanes, Lanes, Lanes, Lanes, Lanes), _ words: UnsafePointer<Lanes>,
        schedule w: UnsafeMutablePointer<Lanes>
    ) {
        let (r1, r5, r30) = (HashLanes.opaque(1), HashLanes.opaque(5), HashLanes.opaque(30))
        for t in 0..<16 { w[t] = UnsafeRawPointer(words).load(fromByteOffset: t * 16, as: Lanes.self) }
        for t in 16..<80 { w[t] = HashLanes.rotatedLeft(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], r1) }
        var (a, b, c, d, e) = h
        // Five rounds at a time with the roles of the five words turning, as `SHA1.digest` does.
        @inline(__always) func fiveRounds(_ t: Int, _ phase: Int) {
            round(a, &b, c, d, &e, w[t], phase, r5, r30)
            round(e, &a, b, c, &d, w[t + 1], phase, r5, r30)
            round(d, &e, a, b, &c, w[t + 2], phase, r5, r30)
            round(c, &d, e, a, &b, w[t + 3], phase, r5, r30)
            round(b, &c, d, e, &a, w[t + 4], phase, r5, r30)
        }
        for t in stride(from: 0, to: 20, by: 5) { fiveRounds(t, 0) }
        for t in stride(from: 20, to: 40, by: 5) { fiveRounds(t, 1) }
        for t in stride(from: 40, to: 60, by: 5) { fiveRounds(t, 2) }
        for t in stride(from: 60, to: 80, by: 5) { fiveRounds(t, 3) }
        h = (h.0 &+ a, h.1 &+ b, h.2 &+ c, h.3 &+ d, h.4 &+ e)
    }

    /// `SHA1.round`, lane by lane, its rotation counts given (`HashLanes.opaque`).
    @inline(__always)
    private static func round(
        _ a: Lanes, _ b: inout Lanes, _ c: Lanes, _ d: Lanes, _ e: inout Lanes, _ w: Lanes, _ phase: Int,
        _ r5: UInt32, _ r30: UInt32
    ) {
        let f: Lanes
        let k: UInt32
        switch phase {
        case 0: (f, k) = (d ^ (b & (c ^ d)), 0x5A82_7999)
        case 1: (f, k) = (b ^ c ^ d, 0x6ED9_EBA1)
        case 2: (f, k) = ((b & c) | (d & (b | c)), 0x8F1B_BCDC)
        default: (f, k) = (b ^ c ^ d, 0xCA62_C1D6)
        }
        e = HashLanes.rotatedLeft(a, r5) &+ f &+ e &+ Lanes(repeating: k) &+ w
        b = HashLanes.rotatedLeft(b, r30)
    }
}
