import Synchronization

/// SHA-1 of several messages at once, four side by side in the lanes of `SIMD4<UInt32>`: an order needs a dozen or
/// more UUIDs (SPEC §7), each one SHA-1 of a short name, and one vector instruction does the work of four scalar
/// ones (issue 18: ~2,100 instructions a UUID). The digests are those of `SHA1.digest`.
enum SHA1Lanes {
    private typealias Lanes = SIMD4<UInt32>

    /// The digest of each of `messages` (ranges of `bytes`), handed to `body` with the message's index, in an order
    /// of its own. Messages with as many blocks go four at a time; a group short of four repeats its first message
    /// in the spare lanes.
    static func digests(
        of messages: [Range<Int>], in bytes: UnsafeBufferPointer<UInt8>, _ body: (Int, SHA1.Digest) -> Void
    ) {
        let blocks = messages.map { blockCount(of: $0.count) }
        var order = Array(messages.indices)
        order.sort { (blocks[$0], $0) < (blocks[$1], $1) }
        let widest = blocks.max() ?? 0
        // One scratch for every group: the interleaved words, the message schedule (80 words), and one padded
        // message (`interleave`). A temporary allocation per group cost a malloc each.
        let wordCount = 16 * max(widest, 1)
        withUnsafeTemporaryAllocation(of: Lanes.self, capacity: wordCount + 80 + 4 * max(widest, 1)) { scratch in
            let words = scratch.baseAddress!
            let schedule = words + wordCount
            let padded = UnsafeMutableRawPointer(schedule + 80).bindMemory(to: UInt8.self, capacity: 64 * widest)
            var start = 0
            while start < order.count {
                let n = blocks[order[start]]
                var filled = 1
                while filled < 4, start + filled < order.count, blocks[order[start + filled]] == n { filled += 1 }
                /// The message in `lane`: a spare lane repeats the group's first.
                func message(_ lane: Int) -> Int { order[start + (lane < filled ? lane : 0)] }
                let ranges = (messages[message(0)], messages[message(1)], messages[message(2)], messages[message(3)])
                interleave(bytes, ranges, blocks: n, into: words, padding: padded)
                let h = hash(UnsafePointer(words), blocks: n, schedule: schedule)
                for lane in 0..<filled {
                    body(message(lane), SHA1.Digest(words: (h.0[lane], h.1[lane], h.2[lane], h.3[lane], h.4[lane])))
                }
                start += filled
            }
        }
    }

    /// 64-byte blocks of a padded message of `count` bytes: the bytes, 0x80 and the 8-byte length must fit.
    static func blockCount(of count: Int) -> Int { (count + 8) / 64 + 1 }

    /// Four padded messages (FIPS 180-4 §5.1.1) as big-endian words, word `t` of lane `i` at `t * 4 + i`. Never
    /// inlined: where the optimiser saw the four words of a vector built from scalars, it made the whole hash
    /// scalar again, four times over.
    @inline(never)
    private static func interleave(
        _ bytes: UnsafeBufferPointer<UInt8>, _ ranges: (Range<Int>, Range<Int>, Range<Int>, Range<Int>), blocks: Int,
        into words: UnsafeMutablePointer<Lanes>, padding out: UnsafeMutablePointer<UInt8>
    ) {
        let lanes = UnsafeMutableRawPointer(words)
        for lane in 0..<4 {
            let range = lane == 0 ? ranges.0 : lane == 1 ? ranges.1 : lane == 2 ? ranges.2 : ranges.3
            if !range.isEmpty { out.initialize(from: bytes.baseAddress! + range.lowerBound, count: range.count) }
            out[range.count] = 0x80
            let length = blocks * 64
            (out + range.count + 1).initialize(repeating: 0, count: length - range.count - 1)
            let bits = UInt64(range.count) &* 8
            for i in 0..<8 { out[length - 1 - i] = UInt8(truncatingIfNeeded: bits >> (UInt64(i) * 8)) }
            let raw = UnsafeRawPointer(out)
            for t in 0..<(blocks * 16) {
                let word = UInt32(bigEndian: raw.loadUnaligned(fromByteOffset: t * 4, as: UInt32.self))
                lanes.storeBytes(of: word, toByteOffset: (t * 4 + lane) * 4, as: UInt32.self)
            }
        }
    }

    /// FIPS 180-4 §6.1.2 on four interleaved padded messages of `blocks` blocks each.
    private static func hash(
        _ words: UnsafePointer<Lanes>, blocks: Int, schedule w: UnsafeMutablePointer<Lanes>
    ) -> (Lanes, Lanes, Lanes, Lanes, Lanes) {
        var h: (Lanes, Lanes, Lanes, Lanes, Lanes) = (
            Lanes(repeating: 0x6745_2301), Lanes(repeating: 0xEFCD_AB89), Lanes(repeating: 0x98BA_DCFE),
            Lanes(repeating: 0x1032_5476), Lanes(repeating: 0xC3D2_E1F0)
        )
        let packed = rotations.load(ordering: .relaxed)
        let (r1, r5, r30) = (packed >> 16, packed >> 8 & 0xFF, packed & 0xFF)
        do {
            for block in 0..<blocks {
                for t in 0..<16 { w[t] = words[block * 16 + t] }
                for t in 16..<80 { w[t] = rotatedLeft(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], r1) }
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
        }
        return h
    }

    /// The rotation counts (1, 5 and 30), read at run time. A rotation by a constant the optimiser can see is
    /// lowered to a scalar `rol` per lane (baseline x86-64, SSE2, has no vector rotate), which made this four scalar
    /// hashes; by a count it cannot see, it stays two vector shifts and an or.
    private static let rotations = Atomic<UInt32>(1 << 16 | 5 << 8 | 30)

    @inline(__always)
    private static func rotatedLeft(_ x: Lanes, _ n: UInt32) -> Lanes { (x &<< n) | (x &>> (32 - n)) }

    /// `SHA1.round`, lane by lane.
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
        e = rotatedLeft(a, r5) &+ f &+ e &+ Lanes(repeating: k) &+ w
        b = rotatedLeft(b, r30)
    }
}
