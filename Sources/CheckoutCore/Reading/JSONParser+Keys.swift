#if canImport(Glibc)
    import Glibc
#endif

/// An object's keys, and how a repeated one is found (SPEC §2.1: a repeated key is an error).
///
/// A key is a plain value: a range of the input when it is plain ASCII without escapes (nearly every key, and most
/// are never kept), else an index into the decoded keys of the objects being read. Its byte length and first eight
/// bytes travel with it, so two keys, or a key and a member a shape keeps, nearly always differ on one comparison of
/// two words (issue 18: keys as an enum with a String case were retained, released and switched over at every step).
extension JSONParser {
    struct Key {
        /// Where the key's bytes start in the input; for a key written with escapes, `-(i + 1)` for `keyTexts[i]`.
        var start: Int
        /// The byte length of its text (decoded, for a key written with escapes).
        var count: Int
        /// Its first eight bytes (fewer, zero-padded, for a shorter key), as a little-endian word.
        var prefix: UInt64

        var isEscaped: Bool { start < 0 }
    }

    /// The key at `index` (its opening quote).
    mutating func readKey() throws(SyntaxError) -> Key {
        if let end = Self.plainStringEnd(bytes, from: index) {
            defer { index = end + 1 }
            let start = index + 1
            let count = end - start
            return Key(
                start: start, count: count, prefix: Self.prefix(bytes.baseAddress! + start, count, bytes.count - start))
        }
        let text = try parseString()
        keyTexts.append(text)
        let (count, prefix) = text.utf8.withContiguousStorageIfAvailable { ($0.count, Self.prefix(of: $0)) }!
        return Key(start: -keyTexts.count, count: count, prefix: prefix)  // see `ByteBuffer.append(string:)`
    }

    /// `prefix` of a whole buffer (a decoded key, a shape's member name).
    static func prefix(of bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        guard let start = bytes.baseAddress else { return 0 }
        return prefix(start, bytes.count, bytes.count)
    }

    /// The first `min(count, 8)` bytes at `start` as a little-endian word, zero-padded. `readable`: how many bytes
    /// from `start` may be read (a word is loaded whole when eight are).
    @inline(__always) static func prefix(_ start: UnsafePointer<UInt8>, _ count: Int, _ readable: Int) -> UInt64 {
        if readable >= 8 || count >= 8 {
            let word = UnsafeRawPointer(start).loadUnaligned(as: UInt64.self)
            return count >= 8 ? word : word & ((1 &<< UInt64(count &* 8)) &- 1)
        }
        var word: UInt64 = 0
        for i in 0..<count { word |= UInt64(start[i]) &<< UInt64(i &* 8) }
        return word
    }

    /// The key's bytes, lent to `body`.
    static func withBytes<R>(
        of key: Key, in bytes: UnsafeBufferPointer<UInt8>, _ keyTexts: [String],
        _ body: (UnsafeBufferPointer<UInt8>) -> R
    ) -> R {
        if key.isEscaped { return keyTexts[-key.start - 1].utf8.withContiguousStorageIfAvailable(body)! }
        return body(UnsafeBufferPointer(start: bytes.baseAddress! + key.start, count: key.count))
    }

    /// The key as text, for messages and sets.
    func text(of key: Key) -> String {
        Self.withBytes(of: key, in: bytes, keyTexts) { String(decoding: $0, as: UTF8.self) }
    }

    /// Whether two keys spell the same text.
    ///
    /// This and the other helpers of the parser's loops are static, or `mutating`: calling a non-mutating method
    /// from a mutating one copied the whole parser (200 bytes) first, at every key and string (issue 18).
    static func same(_ a: Key, _ b: Key, in bytes: UnsafeBufferPointer<UInt8>, _ keyTexts: [String]) -> Bool {
        guard a.count == b.count, a.prefix == b.prefix else { return false }
        if a.count <= 8 { return true }
        return withBytes(of: a, in: bytes, keyTexts) { x in
            withBytes(of: b, in: bytes, keyTexts) { y in memcmp(x.baseAddress!, y.baseAddress!, a.count) == 0 }
        }
    }

    /// Whether the key spells `name`, a shape member's or the envelope's (`prefix`: its first eight bytes, worked
    /// out once).
    static func same(
        _ key: Key, _ name: UnsafeBufferPointer<UInt8>, prefix: UInt64, in bytes: UnsafeBufferPointer<UInt8>,
        _ keyTexts: [String]
    ) -> Bool {
        guard key.count == name.count, key.prefix == prefix else { return false }
        if key.count <= 8 { return true }
        return withBytes(of: key, in: bytes, keyTexts) { k in memcmp(k.baseAddress!, name.baseAddress!, key.count) == 0
        }
    }

    /// Throws when `key` repeats one of the object's keys (`keys[base..<keysUsed]`). A dozen keys or fewer — a
    /// cart's objects — are compared one by one; past 16 they are hashed (`seen`), so a huge object stays linear.
    mutating func checkRepeat(_ key: Key, from base: Int, seen: inout Set<String>, line: Int, column: Int)
        throws(SyntaxError)
    {
        var duplicate = false
        if keysUsed - base < 16 {
            for i in base..<keysUsed where Self.same(keys[i], key, in: bytes, keyTexts) {
                duplicate = true
                break
            }
        } else {
            if seen.isEmpty { seen = Set(keys[base..<keysUsed].map { text(of: $0) }) }
            duplicate = !seen.insert(text(of: key)).inserted
        }
        if duplicate { throw SyntaxError(message: "Duplicate key '\(text(of: key))'", line: line, column: column) }
    }
}
