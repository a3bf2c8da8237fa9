import Synchronization

/// SHA-256 of up to four messages at once, side by side in the lanes of `SIMD4<UInt32>` (as `SHA1Lanes` does for
/// ids): every priced cart's canonical content is hashed for its ledger record, ~13 blocks at ~2,400 instructions
/// each (issue 18). Messages may differ in length: every lane runs as many blocks as the longest, and a lane's state
/// is taken after its own last block. The digests are those of `SHA256.words`.
enum SHA256Lanes {
    private typealias Lanes = SIMD4<UInt32>

    /// The 64 hex digits of each message's digest, in the order given (one to four messages).
    static func hex(_ messages: [UnsafeBufferPointer<UInt8>]) -> [String] {
        precondition((1...4).contains(messages.count), "one to four messages at a time")
        let blocks = (0..<4).map { lane in SHA1Lanes.blockCount(of: messages[min(lane, messages.count - 1)].count) }
        let longest = blocks.max()!
        var digests: [(UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32)] = Array(
            repeating: (0, 0, 0, 0, 0, 0, 0, 0), count: 4)
        // Scratch: 16 interleaved words, the 64-word schedule, and each lane's padded tail (two blocks at most).
        withUnsafeTemporaryAllocation(of: Lanes.self, capacity: 16 + 64 + 32) { scratch in
            let words = scratch.baseAddress!
            let schedule = words + 16
            let tails = UnsafeMutableRawPointer(schedule + 64)
            for lane in 0..<4 {
                padTail(messages[min(lane, messages.count - 1)], into: tails + lane * 128)
            }
            var state = SHA256Lanes.initial
            for block in 0..<longest {
                for lane in 0..<4 {
                    let message = messages[min(lane, messages.count - 1)]
                    let full = message.count / 64
                    // A lane past its last block reads its tail again; its state is no longer looked at.
                    let source =
                        block < full
                        ? UnsafeRawPointer(message.baseAddress! + block * 64)
                        : UnsafeRawPointer(tails + lane * 128 + min(block - full, 1) * 64)
                    interleave(source, lane: lane, into: words)
                }
                compress(&state, UnsafePointer(words), schedule: schedule)
                for lane in 0..<4 where block == blocks[lane] - 1 {
                    digests[lane] = (
                        state.0[lane], state.1[lane], state.2[lane], state.3[lane], state.4[lane], state.5[lane],
                        state.6[lane], state.7[lane]
                    )
                }
            }
        }
        return (0..<messages.count).map { SHA256.hex(words: digests[$0]) }
    }

    private static let initial: (Lanes, Lanes, Lanes, Lanes, Lanes, Lanes, Lanes, Lanes) = (
        Lanes(repeating: 0x6a09_e667), Lanes(repeating: 0xbb67_ae85), Lanes(repeating: 0x3c6e_f372),
        Lanes(repeating: 0xa54f_f53a), Lanes(repeating: 0x510e_527f), Lanes(repeating: 0x9b05_688c),
        Lanes(repeating: 0x1f83_d9ab), Lanes(repeating: 0x5be0_cd19)
    )

    /// The message's last bytes (past its whole blocks), 0x80, zeros and its length in bits, in one or two blocks.
    private static func padTail(_ message: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableRawPointer) {
        let full = message.count / 64 * 64
        let rest = message.count - full
        let bytes = out.bindMemory(to: UInt8.self, capacity: 128)
        if rest > 0 { bytes.initialize(from: message.baseAddress! + full, count: rest) }
        bytes[rest] = 0x80
        let length = rest + 1 + 8 <= 64 ? 64 : 128
        (bytes + rest + 1).initialize(repeating: 0, count: length - rest - 1)
        let bits = UInt64(message.count) &* 8
        for i in 0..<8 { bytes[length - 1 - i] = UInt8(truncatingIfNeeded: bits >> (UInt64(i) * 8)) }
    }

    /// One lane's block as big-endian words into the interleaved block (word `t` of lane `i` at `t * 4 + i`).
    /// Never inlined, for the reason `SHA1Lanes.interleave` gives.
    @inline(never)
    private static func interleave(_ block: UnsafeRawPointer, lane: Int, into words: UnsafeMutablePointer<Lanes>) {
        let out = UnsafeMutableRawPointer(words)
        for t in 0..<16 {
            let word = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: t * 4, as: UInt32.self))
            out.storeBytes(of: word, toByteOffset: (t * 4 + lane) * 4, as: UInt32.self)
        }
    }

    /// The rotation counts of FIPS 180-4 §4.1.2, read at run time for the reason `SHA1Lanes.rotations` gives.
    private struct Rotations {
        var bigSigma0: (UInt32, UInt32, UInt32)
        var bigSigma1: (UInt32, UInt32, UInt32)
        var sigma0: (UInt32, UInt32)
        var sigma1: (UInt32, UInt32)

        /// Σ0 2, 13, 22; Σ1 6, 11, 25; σ0 7, 18; σ1 17, 19: five bits each.
        static let packed = Atomic<UInt64>(
            [2, 13, 22, 6, 11, 25, 7, 18, 17, 19].enumerated().reduce(0) { $0 | UInt64($1.element) << ($1.offset * 5) })

        static var current: Rotations {
            let p = packed.load(ordering: .relaxed)
            func count(_ i: Int) -> UInt32 { UInt32(truncatingIfNeeded: p >> (i * 5)) & 31 }
            return Rotations(
                bigSigma0: (count(0), count(1), count(2)), bigSigma1: (count(3), count(4), count(5)),
                sigma0: (count(6), count(7)), sigma1: (count(8), count(9)))
        }
    }

    /// FIPS 180-4 §6.2.2 on one interleaved block of four messages.
    private static func compress(
        _ state: inout (Lanes, Lanes, Lanes, Lanes, Lanes, Lanes, Lanes, Lanes), _ words: UnsafePointer<Lanes>,
        schedule w: UnsafeMutablePointer<Lanes>
    ) {
        let r = Rotations.current
        for t in 0..<16 { w[t] = UnsafeRawPointer(words).load(fromByteOffset: t * 16, as: Lanes.self) }
        for t in 16..<64 {
            let x = w[t - 15]
            let y = w[t - 2]
            let s0 = rotatedRight(x, r.sigma0.0) ^ rotatedRight(x, r.sigma0.1) ^ (x &>> 3)
            let s1 = rotatedRight(y, r.sigma1.0) ^ rotatedRight(y, r.sigma1.1) ^ (y &>> 10)
            w[t] = w[t - 16] &+ s0 &+ w[t - 7] &+ s1
        }
        var (a, b, c, d, e, f, g, h) = state
        SHA256.k.withUnsafeBufferPointer { k in
            for t in 0..<64 {
                let s1 =
                    rotatedRight(e, r.bigSigma1.0) ^ rotatedRight(e, r.bigSigma1.1) ^ rotatedRight(e, r.bigSigma1.2)
                let t1 = h &+ s1 &+ (g ^ (e & (f ^ g))) &+ Lanes(repeating: k[t]) &+ w[t]
                let s0 =
                    rotatedRight(a, r.bigSigma0.0) ^ rotatedRight(a, r.bigSigma0.1) ^ rotatedRight(a, r.bigSigma0.2)
                let t2 = s0 &+ ((a & b) | (c & (a | b)))
                (h, g, f, e, d, c, b, a) = (g, f, e, d &+ t1, c, b, a, t1 &+ t2)
            }
        }
        state = (
            state.0 &+ a, state.1 &+ b, state.2 &+ c, state.3 &+ d, state.4 &+ e, state.5 &+ f, state.6 &+ g,
            state.7 &+ h
        )
    }

    @inline(__always)
    private static func rotatedRight(_ x: Lanes, _ n: UInt32) -> Lanes { (x &>> n) | (x &<< (32 - n)) }
}
