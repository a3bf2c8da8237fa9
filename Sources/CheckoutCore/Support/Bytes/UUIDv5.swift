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
        let (w0, w1, w2, w3, _) = digest.words
        // 8-4-4-4-12, written eight digits at a time: the last four of each middle word then move one place right to
        // make room for the dash between them.
        Hex.write(w0, to: out)
        out[8] = 0x2D
        Hex.write(w1 & 0xFFFF_0FFF | 0x0000_5000, to: out + 9)  // version 5
        for i in (14...17).reversed() { out[i] = out[i - 1] }
        out[13] = 0x2D
        out[18] = 0x2D
        Hex.write(w2 & 0x3FFF_FFFF | 0x8000_0000, to: out + 19)  // variant 10
        for i in (24...27).reversed() { out[i] = out[i - 1] }
        out[23] = 0x2D
        Hex.write(w3, to: out + 28)
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
