/// SHA-256 of several messages: every priced cart's canonical content is hashed for its ledger record, ~13 blocks at
/// ~2,400 instructions each one cart at a time (issue 18). One after another with the SHA extensions when the
/// processor has them (`HashInstructions`), else up to four at once, side by side (`HashLanes`). The digests are
/// those of `SHA256.words`.
enum SHA256Lanes {
    private typealias Lanes = HashLanes.Lanes

    /// The 64 hex digits of each message's digest, in the order given (any number of messages, four at a time).
    /// `instructions: false` is the lanes, for tests.
    static func hex(_ messages: [UnsafeBufferPointer<UInt8>], instructions: Bool = HashInstructions.available)
        -> [String]
    {
        if instructions { return messages.map { SHA256.hex(words: HashInstructions.sha256($0)) } }
        var digests = [String](repeating: "", count: messages.count)
        HashLanes.withScratch(schedule: 64) { scratch in
            for first in stride(from: 0, to: messages.count, by: 4) {
                var state: (Lanes, Lanes, Lanes, Lanes, Lanes, Lanes, Lanes, Lanes) = (
                    Lanes(repeating: 0x6a09_e667), Lanes(repeating: 0xbb67_ae85), Lanes(repeating: 0x3c6e_f372),
                    Lanes(repeating: 0xa54f_f53a), Lanes(repeating: 0x510e_527f), Lanes(repeating: 0x9b05_688c),
                    Lanes(repeating: 0x1f83_d9ab), Lanes(repeating: 0x5be0_cd19)
                )
                HashLanes.feed(
                    count: min(4, messages.count - first), message: { messages[first + $0] }, schedule: 64,
                    scratch: scratch, compress: { compress(&state, $0, schedule: $1) },
                    finished: { lane in
                        digests[first + lane] = SHA256.hex(
                            words: (
                                state.0[lane], state.1[lane], state.2[lane], state.3[lane], state.4[lane],
                                state.5[lane], state.6[lane], state.7[lane]
                            ))
                    })
            }
        }
        return digests
    }

    /// FIPS 180-4 §6.2.2 on one interleaved block of four messages.
    private static func compress(
        _ state: inout (Lanes, Lanes, Lanes, Lanes, Lanes, Lanes, Lanes, Lanes), _ words: UnsafePointer<Lanes>,
        schedule w: UnsafeMutablePointer<Lanes>
    ) {
        // FIPS 180-4 §4.1.2's rotation counts, read at run time (`HashLanes.opaque`).
        let (bigSigma0, bigSigma1) = (
            (HashLanes.opaque(2), HashLanes.opaque(13), HashLanes.opaque(22)),
            (HashLanes.opaque(6), HashLanes.opaque(11), HashLanes.opaque(25))
        )
        let (sigma0, sigma1) = (
            (HashLanes.opaque(7), HashLanes.opaque(18)), (HashLanes.opaque(17), HashLanes.opaque(19))
        )
        @inline(__always) func rotr(_ x: Lanes, _ n: UInt32) -> Lanes { HashLanes.rotatedRight(x, n) }
        for t in 0..<16 { w[t] = UnsafeRawPointer(words).load(fromByteOffset: t * 16, as: Lanes.self) }
        for t in 16..<64 {
            let x = w[t - 15]
            let y = w[t - 2]
            let s0 = rotr(x, sigma0.0) ^ rotr(x, sigma0.1) ^ (x &>> 3)
            let s1 = rotr(y, sigma1.0) ^ rotr(y, sigma1.1) ^ (y &>> 10)
            w[t] = w[t - 16] &+ s0 &+ w[t - 7] &+ s1
        }
        var (a, b, c, d, e, f, g, h) = state
        SHA256.k.withUnsafeBufferPointer { k in
            for t in 0..<64 {
                let s1 =
                    rotr(e, bigSigma1.0) ^ rotr(e, bigSigma1.1) ^ rotr(e, bigSigma1.2)
                let t1 = h &+ s1 &+ (g ^ (e & (f ^ g))) &+ Lanes(repeating: k[t]) &+ w[t]
                let s0 =
                    rotr(a, bigSigma0.0) ^ rotr(a, bigSigma0.1) ^ rotr(a, bigSigma0.2)
                let t2 = s0 &+ ((a & b) | (c & (a | b)))
                (h, g, f, e, d, c, b, a) = (g, f, e, d &+ t1, c, b, a, t1 &+ t2)
            }
        }
        state = (
            state.0 &+ a, state.1 &+ b, state.2 &+ c, state.3 &+ d, state.4 &+ e, state.5 &+ f, state.6 &+ g,
            state.7 &+ h
        )
    }
}
