#if canImport(Glibc)
    import Glibc
#endif

/// An object's keys, and how a repeated one is found (SPEC §2.1: a repeated key is an error).
///
/// A plain key (ASCII, no escape) stays a range of the input instead of becoming a String (issue 18): that is nearly
/// every key, and most are never kept; any other key is decoded, and the two are compared by their bytes.
extension JSONParser {
    enum Key {
        case raw(start: Int, count: Int)
        case text(String)
    }

    /// The key at `index` (its opening quote): a range when the key is plain, else its text.
    mutating func readKey() throws(SyntaxError) -> Key {
        if let end = plainStringEnd() {
            defer { index = end + 1 }
            return .raw(start: index + 1, count: end - index - 1)
        }
        return .text(try parseString())
    }

    /// The key as text, for messages and sets.
    func text(of key: Key) -> String {
        switch key {
        case .text(let s): return s
        case .raw(let start, let count):
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<(start + count)]), as: UTF8.self)
        }
    }

    /// Whether two keys spell the same text.
    func same(_ a: Key, _ b: Key) -> Bool {
        switch (a, b) {
        case (.text(let x), .text(let y)): return x == y
        case (.raw(let s1, let n1), .raw(let s2, let n2)):
            // Compared in place, not as slices through the generic `elementsEqual`.
            return n1 == n2 && (n1 == 0 || memcmp(bytes.baseAddress! + s1, bytes.baseAddress! + s2, n1) == 0)
        case (.raw(let s, let n), .text(let t)), (.text(let t), .raw(let s, let n)):
            return t.utf8.count == n && t.utf8.elementsEqual(bytes[s..<(s + n)])
        }
    }

    /// Throws when `key` repeats one of the object's keys (those from `base` on). A dozen keys or fewer — a cart's
    /// objects — are compared one by one; past 16 they are hashed (`seen`), so a huge object stays linear.
    func checkRepeat(_ key: Key, from base: Int, seen: inout Set<String>, line: Int, column: Int)
        throws(SyntaxError)
    {
        let duplicate: Bool
        if keys.count - base < 16 {
            duplicate = keys[base...].contains { same($0, key) }
        } else {
            if seen.isEmpty { seen = Set(keys[base...].map { text(of: $0) }) }
            duplicate = !seen.insert(text(of: key)).inserted
        }
        if duplicate { throw SyntaxError(message: "Duplicate key '\(text(of: key))'", line: line, column: column) }
    }
}
