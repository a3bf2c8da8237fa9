/// Name-based UUIDs, version 5 (RFC 9562 §5.5): every id in the outbox is a function of the cart reference,
/// so the same inputs always give the same documents (SPEC §7).
enum UUIDv5 {
    /// `6f3c1a52-9d7e-4b8a-a1c2-5e0d7b9f4c31`, the namespace SPEC §7 fixes.
    static let checkoutNamespace: [UInt8] = [
        0x6f, 0x3c, 0x1a, 0x52, 0x9d, 0x7e, 0x4b, 0x8a,
        0xa1, 0xc2, 0x5e, 0x0d, 0x7b, 0x9f, 0x4c, 0x31,
    ]

    static func make(_ name: String, namespace: [UInt8] = checkoutNamespace) -> String {
        var message = ByteBuffer(capacity: 16 + name.utf8.count)
        message.append(namespace)
        message.append(string: name)
        var text = ByteBuffer(capacity: 36)
        append(of: message, to: &text)
        return text.withBytes(from: 0) { String(decoding: $0, as: UTF8.self) }
    }

    /// The UUID text (36 bytes) of `message` — the namespace bytes then the name — appended to `out`.
    static func append(of message: borrowing ByteBuffer, to out: inout ByteBuffer) {
        let digest = message.withBytes(from: 0) { SHA1.digest($0) }
        out.appendUninitialized(36) { write(digest, to: $0) }
    }

    /// The UUID text (36 bytes) of a name's SHA-1: its first 16 bytes, big-endian, with the version (5) and
    /// variant (10) bits set.
    static func write(_ digest: SHA1.Digest, to out: UnsafeMutablePointer<UInt8>) {
        let digits = UnsafePointer<UInt8>(("0123456789abcdef" as StaticString).utf8Start)
        let (w0, w1, w2, w3, _) = digest.words
        /// The eight hex digits of `word` at `at`.
        @inline(__always) func put(_ word: UInt32, _ at: Int) {
            for i in 0..<8 { out[at + i] = digits[Int(word >> UInt32(28 - i * 4) & 0xF)] }
        }
        // 8-4-4-4-12 digits: the words are written whole, then the groups after the first moved right for dashes.
        put(w0, 0)
        put((w1 & 0xFFFF_0FFF) | 0x0000_5000, 9)  // version 5 in the third group's first digit
        put((w2 & 0x3FFF_FFFF) | 0x8000_0000, 19)  // variant 10 in the fourth group's first two bits
        put(w3, 28)
        // w1 is written at 9...16: its first four digits stay, the other four move to 14...17.
        for i in (0..<4).reversed() { out[14 + i] = out[13 + i] }
        // w2 at 19...26: the first four move to 19...22 (they are there), the rest to 24...27.
        for i in (0..<4).reversed() { out[24 + i] = out[23 + i] }
        // w3 at 28...35: they are where they go.
        out[8] = 0x2D
        out[13] = 0x2D
        out[18] = 0x2D
        out[23] = 0x2D
    }

    /// Parses `xxxxxxxx-xxxx-…` into 16 bytes, for namespaces given as text.
    static func bytes(of uuid: String) -> [UInt8]? {
        let hex = uuid.utf8.filter { $0 != UInt8(ascii: "-") }
        guard hex.count == 32 else { return nil }
        var out: [UInt8] = []
        var i = 0
        while i < 32 {
            guard let v = UInt8(String(decoding: hex[i..<(i + 2)], as: UTF8.self), radix: 16) else { return nil }
            out.append(v)
            i += 2
        }
        return out
    }
}
