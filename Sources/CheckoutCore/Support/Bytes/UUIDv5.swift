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
        var at = 0
        /// The last `count` hex digits of `value`.
        func hex(_ value: UInt32, _ count: Int) {
            for i in 0..<count { out[at + i] = digits[Int(value >> UInt32(4 * (count - 1 - i)) & 0xF)] }
            at += count
        }
        func dash() {
            out[at] = 0x2D
            at += 1
        }
        hex(w0, 8)
        dash()
        hex(w1 >> 16, 4)
        dash()
        hex(w1 & 0x0FFF | 0x5000, 4)  // version 5
        dash()
        hex(w2 >> 16 & 0x3FFF | 0x8000, 4)  // variant 10
        dash()
        hex(w2 & 0xFFFF, 4)
        hex(w3, 8)
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
