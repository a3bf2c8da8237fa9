import CHashInstructions

/// SHA-1 and SHA-256 with the processor's SHA extensions (`CHashInstructions`), when it has them (issue 18): a block
/// in ~130 and ~180 instructions, where the SSE2 lanes (`SHA1Lanes`, `SHA256Lanes`) take ~750 and ~2,400 for each of
/// their four messages — one order's ids and one priced cart's digest were a sixth of its instructions. The hashes
/// ask `available` and keep their own code for processors without the extensions, and for valgrind, which hides
/// them (callgrind therefore counts the lanes, not these).
enum HashInstructions {
    static let available = checkout_hash_instructions_available() != 0

    /// `SHA1.digest(message)`; only when `available`.
    static func sha1(_ message: UnsafeBufferPointer<UInt8>) -> SHA1.Digest {
        var state = SHA1.initialState
        withUnsafeMutableBytes(of: &state) { raw in
            let words = raw.baseAddress!.assumingMemoryBound(to: UInt32.self)
            compress(message) { checkout_sha1_blocks(words, $0, $1) }
        }
        return SHA1.Digest(words: state)
    }

    /// `SHA256.words(message)`; only when `available`.
    static func sha256(_ message: UnsafeBufferPointer<UInt8>) -> SHA256.Words {
        var state = SHA256.initialState
        withUnsafeMutableBytes(of: &state) { raw in
            let words = raw.baseAddress!.assumingMemoryBound(to: UInt32.self)
            compress(message) { checkout_sha256_blocks(words, $0, $1) }
        }
        return state
    }

    /// The message's whole blocks read in place, then its padded tail (`MessagePadding`) from the stack.
    @inline(__always)
    private static func compress(
        _ message: UnsafeBufferPointer<UInt8>, _ blocks: (UnsafePointer<UInt8>, Int) -> Void
    ) {
        if message.count >= 64 { blocks(message.baseAddress!, message.count / 64) }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 128) { tail in
            let length = MessagePadding.padTail(message, into: tail.baseAddress!)
            blocks(UnsafePointer(tail.baseAddress!), length / 64)
        }
    }
}
