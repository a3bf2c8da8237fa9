/// The scalars of JSON (RFC 8259): numbers kept as their text (exact decimals are read from it, never a binary
/// float), and strings decoded with their escapes, each error at its line and column.
extension JSONParser {
    mutating func parseNumber() throws(SyntaxError) -> String {
        let start = index
        try skipNumber()
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    }

    /// Reads a number's syntax (and its length limit) without keeping its text: a value not kept (issue 18).
    mutating func skipNumber() throws(SyntaxError) {
        let start = index

        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        func isDigit(_ i: Int) -> Bool { i < bytes.count && bytes[i] >= 48 && bytes[i] <= 57 }
        guard isDigit(index) else { throw error("Expected a digit") }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if isDigit(index) { throw error("A number may not start with 0") }
        } else {
            while isDigit(index) { index += 1 }
        }
        if index < bytes.count && bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard isDigit(index) else { throw error("Expected a digit after '.'") }
            while isDigit(index) { index += 1 }
        }
        if index < bytes.count && (bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E")) {
            index += 1
            if index < bytes.count && (bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")) {
                index += 1
            }
            guard isDigit(index) else { throw error("Expected a digit in the exponent") }
            while isDigit(index) { index += 1 }
        }
        // A longer literal is refused here, before anything turns it into a decimal (that would cost time
        // quadratic in its length).
        if let limit = limits?.maxNumberLiteral, index - start > limit {
            throw SyntaxError(
                message: "A number literal longer than \(limit) characters", line: line, column: start - lineStart + 1)
        }
    }

    /// Reads a string's syntax without keeping its text: a value not kept, as most of a document is in the first pass
    /// over a `.json` input (issue 18). Plain ASCII is only scanned; anything else is read as `parseString` reads it,
    /// so the same text is refused with the same error.
    mutating func skipString() throws(SyntaxError) {
        if let end = Self.plainStringEnd(bytes, from: index) { index = end + 1 } else { _ = try parseString() }
    }

    /// Where the string whose opening quote is at `quote` closes, when everything before is plain ASCII with no
    /// escape (nothing to decode or check); nil otherwise. Static, as the parser's other helpers (`same`).
    ///
    /// Looked at eight bytes at a time (issue 18: most of a cart's bytes are inside strings): in each word, the
    /// lowest byte that is a quote, a backslash, below 0x20 or beyond ASCII. Each test can also flag a byte above
    /// one it rightly flags (a borrow), never one below, so the lowest flagged byte is the first such byte.
    static func plainStringEnd(_ bytes: UnsafeBufferPointer<UInt8>, from quote: Int) -> Int? {
        var i = quote + 1
        let n = bytes.count
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            let ones: UInt64 = 0x0101_0101_0101_0101
            let highs: UInt64 = 0x8080_8080_8080_8080
            while i + 8 <= n {
                let x = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                let quote = x ^ (ones &* 0x22)
                let backslash = x ^ (ones &* 0x5C)
                let flagged =
                    ((quote &- ones) & ~quote | (backslash &- ones) & ~backslash | (x &- ones &* 0x20) & ~x | x)
                    & highs
                if flagged != 0 {
                    let at = i + flagged.trailingZeroBitCount / 8
                    return bytes[at] == UInt8(ascii: "\"") ? at : nil
                }
                i += 8
            }
        }
        while i < n {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") { return i }
            if b == UInt8(ascii: "\\") || b < 0x20 || b >= 0x80 { return nil }
            i += 1
        }
        return nil
    }

    mutating func parseString() throws(SyntaxError) -> String {
        index += 1  // opening quote
        let start = index
        // Fast path: no escapes.
        var high: UInt8 = 0
        while index < bytes.count {
            let b = bytes[index]
            if b == UInt8(ascii: "\"") {
                let raw = UnsafeBufferPointer(rebasing: bytes[start..<index])
                if high < 0x80 {  // ASCII: valid UTF-8 as it is
                    index += 1
                    return String(decoding: raw, as: UTF8.self)
                }
                guard let s = String(validating: raw, as: UTF8.self) else {
                    index = start
                    throw error("Invalid UTF-8 in a string")
                }
                index += 1
                return s
            }
            if b == UInt8(ascii: "\\") { break }
            if b < 0x20 { throw error(b == 0x0A ? "Unterminated string" : "Unescaped control character in a string") }
            high |= b
            index += 1
        }
        guard index < bytes.count else { throw error("Unterminated string") }
        var out: [UInt8] = Array(UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let b = bytes[index]
            if b == UInt8(ascii: "\"") {
                index += 1
                guard let s = String(validating: out, as: UTF8.self) else { throw error("Invalid UTF-8 in a string") }
                return s
            }
            if b < 0x20 { throw error(b == 0x0A ? "Unterminated string" : "Unescaped control character in a string") }
            if b != UInt8(ascii: "\\") {
                out.append(b)
                index += 1
                continue
            }
            index += 1
            guard index < bytes.count else { break }
            let e = bytes[index]
            index += 1
            switch e {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if (0xD800...0xDBFF).contains(scalar) {
                    guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"),
                        bytes[index + 1] == UInt8(ascii: "u")
                    else {
                        throw error("Unpaired surrogate in a \\u escape")
                    }
                    index += 2
                    let low = try hex4()
                    guard (0xDC00...0xDFFF).contains(low) else { throw error("Unpaired surrogate in a \\u escape") }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00...0xDFFF).contains(scalar) {
                    throw error("Unpaired surrogate in a \\u escape")
                }
                out.append(contentsOf: Array(String(Character(Unicode.Scalar(scalar)!)).utf8))
            default:
                index -= 1
                throw error("Invalid escape '\\\(Character(Unicode.Scalar(e)))'")
            }
        }
        throw error("Unterminated string")
    }

    private mutating func hex4() throws(SyntaxError) -> UInt32 {
        var v: UInt32 = 0
        for _ in 0..<4 {
            guard index < bytes.count else { throw error("Unterminated \\u escape") }
            let b = bytes[index]
            let d: UInt32
            switch b {
            case 48...57: d = UInt32(b - 48)
            case 65...70: d = UInt32(b - 55)
            case 97...102: d = UInt32(b - 87)
            default: throw error("Invalid \\u escape")
            }
            v = v * 16 + d
            index += 1
        }
        return v
    }
}
