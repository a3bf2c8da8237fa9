/// The Merkle–Damgård padding both hashes share: 0x80, zeros, then the bit length in 8 bytes, to 64-byte blocks.
/// Full blocks are read in place; only the padded tail is copied (to the stack), so hashing allocates nothing.
enum MessagePadding {
    static func forEachBlock(_ m: UnsafeBufferPointer<UInt8>, _ body: (UnsafePointer<UInt8>) -> Void) {
        var offset = 0
        while offset + 64 <= m.count {
            body(m.baseAddress! + offset)  // a non-empty buffer: only then is offset + 64 <= count
            offset += 64
        }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 128) { tail in
            let length = padTail(m, into: tail.baseAddress!)
            body(UnsafePointer(tail.baseAddress!))
            if length == 128 { body(UnsafePointer(tail.baseAddress! + 64)) }
        }
    }

    /// 64-byte blocks of a padded message of `count` bytes: the bytes, 0x80 and the 8-byte length must fit.
    static func blockCount(of count: Int) -> Int { (count + 8) / 64 + 1 }

    /// The message's bytes past its whole blocks, 0x80, zeros and its length in bits (big-endian), written to `out`
    /// (room for 128 bytes); returns how many bytes that is: one block or two.
    @discardableResult
    static func padTail(_ m: UnsafeBufferPointer<UInt8>, into out: UnsafeMutablePointer<UInt8>) -> Int {
        let whole = m.count / 64 * 64
        let rest = m.count - whole
        if rest > 0 { out.initialize(from: m.baseAddress! + whole, count: rest) }
        out[rest] = 0x80
        let length = rest + 1 + 8 <= 64 ? 64 : 128
        (out + rest + 1).initialize(repeating: 0, count: length - rest - 1)
        let bits = UInt64(m.count) &* 8
        for i in 0..<8 { out[length - 1 - i] = UInt8(truncatingIfNeeded: bits >> (UInt64(i) * 8)) }
        return length
    }
}

extension UInt32 {
    @inline(__always) func rotatedLeft(_ n: UInt32) -> UInt32 { (self << n) | (self >> (32 - n)) }
    @inline(__always) func rotatedRight(_ n: UInt32) -> UInt32 { (self >> n) | (self << (32 - n)) }
}
