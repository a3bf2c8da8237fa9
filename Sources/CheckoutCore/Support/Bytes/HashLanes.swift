import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// What `SHA1Lanes` and `SHA256Lanes` share: four messages fed to a hash side by side, block by block, in the
/// lanes of `SIMD4<UInt32>` (issue 18: one vector instruction does the work of four scalar ones). Messages may
/// differ in length: every lane runs as many blocks as the longest, and each lane is reported done after its own
/// last block, when its state is its digest.
///
/// Two things the optimiser must not see, or it turns the hash back into four scalar hashes (baseline x86-64, SSE2,
/// has no vector rotate): the message words built from scalars (`interleave` is never inlined) and constant
/// rotation counts (`opaque`).
enum HashLanes {
    typealias Lanes = SIMD4<UInt32>

    /// Room for `feed`'s work with a schedule of `schedule` words, lent to `body`: made once for a whole batch of
    /// messages. It is over the 1 KiB that `withUnsafeTemporaryAllocation` keeps on the stack, so each batch of four
    /// was a `posix_memalign` and a `free` (issue 18: ~500 instructions per four UUIDs); `malloc` aligns to 16
    /// bytes, all a vector needs, in less than half the instructions (`ByteBuffer`).
    static func withScratch<R>(schedule: Int, _ body: (UnsafeMutablePointer<Lanes>) -> R) -> R {
        guard let raw = malloc((16 + schedule + 4 * 8) * MemoryLayout<Lanes>.stride) else {
            fatalError("out of memory")
        }
        defer { free(raw) }
        return body(raw.bindMemory(to: Lanes.self, capacity: 16 + schedule + 4 * 8))
    }

    /// Feeds `count` messages (one to four; `message(lane)`) to `compress` a block at a time, the block's words
    /// interleaved (word `t` of lane `i` at `t * 4 + i`) with room for a `schedule` of that many words after them in
    /// `scratch` (`withScratch`); `finished` is told each lane whose last block that was. Spare lanes repeat the
    /// first message.
    @inline(__always)
    static func feed(
        count: Int, message: (Int) -> UnsafeBufferPointer<UInt8>, schedule: Int, scratch: UnsafeMutablePointer<Lanes>,
        compress: (_ words: UnsafePointer<Lanes>, _ schedule: UnsafeMutablePointer<Lanes>) -> Void,
        finished: (_ lane: Int) -> Void
    ) {
        precondition((1...4).contains(count), "one to four messages at a time")
        // Each lane's bytes and last block, looked up once: asked for per lane and block, they were ~1,000
        // instructions of closure calls per block of four.
        let lanes = (message(0), message(count > 1 ? 1 : 0), message(count > 2 ? 2 : 0), message(count > 3 ? 3 : 0))
        func lane(_ i: Int) -> UnsafeBufferPointer<UInt8> {
            i == 0 ? lanes.0 : i == 1 ? lanes.1 : i == 2 ? lanes.2 : lanes.3
        }
        let last = (
            MessagePadding.blockCount(of: lanes.0.count) - 1, MessagePadding.blockCount(of: lanes.1.count) - 1,
            MessagePadding.blockCount(of: lanes.2.count) - 1, MessagePadding.blockCount(of: lanes.3.count) - 1
        )
        func lastBlock(_ i: Int) -> Int { i == 0 ? last.0 : i == 1 ? last.1 : i == 2 ? last.2 : last.3 }
        let longest = max(last.0, last.1, last.2, last.3)
        // The block's words, the schedule, and each lane's padded tail (two blocks at most).
        let words = scratch
        let tails = UnsafeMutableRawPointer(words + 16 + schedule).bindMemory(to: UInt8.self, capacity: 512)
        for i in 0..<4 { MessagePadding.padTail(lane(i), into: tails + i * 128) }
        for block in 0...longest {
            for i in 0..<4 {
                // A lane past its last block reads that block again; its state is no longer looked at.
                let b = min(block, lastBlock(i))
                let bytes = lane(i)
                let whole = bytes.count / 64
                let source =
                    b < whole
                    ? UnsafeRawPointer(bytes.baseAddress! + b * 64)
                    : UnsafeRawPointer(tails + i * 128 + (b - whole) * 64)
                interleave(source, lane: i, into: words)
            }
            compress(UnsafePointer(words), words + 16)
            for i in 0..<count where block == lastBlock(i) { finished(i) }
        }
    }

    /// One lane's 64-byte block as big-endian words into the interleaved block. Never inlined: where the optimiser
    /// saw the four words of a vector built from scalars, it made the whole hash scalar again, four times over.
    @inline(never)
    private static func interleave(_ block: UnsafeRawPointer, lane: Int, into words: UnsafeMutablePointer<Lanes>) {
        let out = UnsafeMutableRawPointer(words)
        for t in 0..<16 {
            let word = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: t * 4, as: UInt32.self))
            out.storeBytes(of: word, toByteOffset: (t * 4 + lane) * 4, as: UInt32.self)
        }
    }

    /// `n`, read at run time. A rotation by a constant the optimiser can see is lowered to a scalar `rol` per lane;
    /// by a count it cannot see, it stays two vector shifts and an or.
    static func opaque(_ n: UInt32) -> UInt32 { n &+ zero.load(ordering: .relaxed) }
    private static let zero = Atomic<UInt32>(0)

    @inline(__always)
    static func rotatedLeft(_ x: Lanes, _ n: UInt32) -> Lanes { (x &<< n) | (x &>> (32 - n)) }

    @inline(__always)
    static func rotatedRight(_ x: Lanes, _ n: UInt32) -> Lanes { (x &>> n) | (x &<< (32 - n)) }
}
