/// Name-based UUIDs, version 5 (RFC 9562 §5.5): every id in the outbox is a function of the cart reference,
/// so the same inputs always give the same documents (SPEC §7).
public enum UUIDv5 {
    /// `6f3c1a52-9d7e-4b8a-a1c2-5e0d7b9f4c31`, the namespace SPEC §7 fixes.
    public static let checkoutNamespace: [UInt8] = [0x6f, 0x3c, 0x1a, 0x52, 0x9d, 0x7e, 0x4b, 0x8a,
                                                    0xa1, 0xc2, 0x5e, 0x0d, 0x7b, 0x9f, 0x4c, 0x31]

    public static func make(_ name: String, namespace: [UInt8] = checkoutNamespace) -> String {
        var hash = Array(SHA1.hash(namespace + Array(name.utf8)).prefix(16))
        hash[6] = (hash[6] & 0x0F) | 0x50
        hash[8] = (hash[8] & 0x3F) | 0x80
        let hex = hash.hexString
        let u = Array(hex.utf8)
        func part(_ a: Int, _ b: Int) -> String { String(decoding: u[a..<b], as: UTF8.self) }
        return "\(part(0, 8))-\(part(8, 12))-\(part(12, 16))-\(part(16, 20))-\(part(20, 32))"
    }

    /// Parses `xxxxxxxx-xxxx-…` into 16 bytes, for namespaces given as text.
    public static func bytes(of uuid: String) -> [UInt8]? {
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
