/// The Merkle–Damgård padding both hashes share: 0x80, zeros, then the bit length in 8 bytes, to 64-byte blocks.
/// Full blocks are read in place; only the padded tail is copied (to the stack), so hashing allocates nothing.
enum MessagePadding {
    static func forEachBlock(_ m: UnsafeBufferPointer<UInt8>, _ body: (UnsafePointer<UInt8>) -> Void) {
        do {
            var offset = 0
            while offset + 64 <= m.count {
                body(m.baseAddress! + offset)  // a non-empty buffer: only then is offset + 64 <= count
                offset += 64
            }
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 128) { tail in
                let rest = m.count - offset
                if rest > 0 { tail.baseAddress!.initialize(from: m.baseAddress! + offset, count: rest) }
                tail[rest] = 0x80
                let length = rest + 1 + 8 <= 64 ? 64 : 128
                for i in (rest + 1)..<length { tail[i] = 0 }
                let bits = UInt64(m.count) &* 8
                for i in 0..<8 { tail[length - 1 - i] = UInt8(truncatingIfNeeded: bits >> (UInt64(i) * 8)) }
                body(UnsafePointer(tail.baseAddress!))
                if length == 128 { body(UnsafePointer(tail.baseAddress! + 64)) }
            }
        }
    }
}

extension UInt32 {
    @inline(__always) func rotatedLeft(_ n: UInt32) -> UInt32 { (self << n) | (self >> (32 - n)) }
    @inline(__always) func rotatedRight(_ n: UInt32) -> UInt32 { (self >> n) | (self << (32 - n)) }
}
