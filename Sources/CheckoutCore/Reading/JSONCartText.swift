#if canImport(Glibc)
    import Glibc
#endif

/// A JSON cart's text, parsed by whichever thread prepares the cart rather than by the one reading the input (issue
/// 18): reading is serial, preparing is spread over `--jobs` threads, and parsing into a tree was most of the reading.
/// The bytes are the input's (shared, not copied) for a `.json` document, or the line for NDJSON.
struct JSONCartText: Sendable {
    let bytes: [UInt8]
    let offset: Int
    let line: Int
    let lineStart: Int
    /// An NDJSON line: the whole of `bytes`, its errors reported at the line as a whole.
    let wholeLine: Bool

    /// The cart as `JSONParser` reads it, with the limits of SPEC §11; past one, or not JSON, an unreadable cart.
    func parse() -> InputCart {
        if wholeLine {
            do {
                return .parsedJSON(
                    try JSONParser.tape(bytes, firstLine: line, shape: .cart, limits: JSONParser.CartLimits()))
            } catch {
                return .unreadable(.invalidDocument(error.description, line: line))
            }
        }
        do {
            return .parsedJSON(
                try JSONParser.tape(
                    bytes, at: offset, line: line, lineStart: lineStart, shape: .cart, limits: JSONParser.CartLimits()))
        } catch {
            return .unreadable(.invalidDocument(error.description, line: error.line))
        }
    }
}

extension JSONParser {
    /// True when no key `type` can stand in `range` (the first cart's bytes): they hold no `"type"` and no escape.
    /// Then the cart need not be walked for its `type` (`skipValue`): nearly every cart, and the walk was ~6,700
    /// instructions a one-cart file on the reading thread (issue 18). Found either, the walk decides.
    static func cannotHoldType(_ b: UnsafeBufferPointer<UInt8>, in range: Range<Int>) -> Bool {
        guard let base = b.baseAddress, !range.isEmpty else { return true }
        if memchr(base + range.lowerBound, 0x5C, range.count) != nil { return false }  // an escaped key might be `type`
        var at = range.lowerBound
        // `y` is rare in a cart's text, `"` is not: each `y` found, the bytes around it are compared with `"type"`.
        while at < range.upperBound, let hit = memchr(base + at, Int32(UInt8(ascii: "y")), range.upperBound - at) {
            let y = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if y >= range.lowerBound + 2, y + 3 < range.upperBound, b[y - 2] == 0x22, b[y - 1] == UInt8(ascii: "t"),
                b[y + 1] == UInt8(ascii: "p"), b[y + 2] == UInt8(ascii: "e"), b[y + 3] == 0x22
            {
                return false
            }
            at = y + 1
        }
        return true
    }

    /// Where the value at `offset` of a document `validate` accepted ends (just past it) and the line there, without
    /// building anything: strings and brackets are only matched. For an object, also its own `type` member's text when
    /// that is a string without escapes (`plainType`), or that escapes in its keys or `type` leave it unsure
    /// (`escapedType`): what the first cart of a document is asked (`DocumentKind.ofCart`).
    static func skipValue(
        _ b: UnsafeBufferPointer<UInt8>, at offset: Int, line: Int
    ) -> (end: Int, line: Int, plainType: String?, escapedType: Bool) {
        var i = offset
        var line = line
        var depth = 0
        let first = b[offset]
        if first != UInt8(ascii: "{") && first != UInt8(ascii: "[") && first != UInt8(ascii: "\"") {
            // A number or a literal: it ends where a separator or white space begins.
            while i < b.count, !",]} \t\r\n".utf8.contains(b[i]) { i += 1 }
            return (i, line, nil, false)
        }
        var plainType: String?
        var escapedType = false
        /// At depth 1 of an object, whether the next string is a key.
        var expectKey = false
        var lastKeyIsType = false
        repeat {
            let c = b[i]
            switch c {
            case UInt8(ascii: "{"):
                depth += 1
                expectKey = depth == 1
                i += 1
            case UInt8(ascii: "["):
                depth += 1
                i += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                i += 1
            case UInt8(ascii: ","):
                if depth == 1 { expectKey = true }
                i += 1
            case UInt8(ascii: ":"):
                i += 1
            case 0x0A:
                line += 1
                i += 1
            case UInt8(ascii: "\""):
                let start = i + 1
                var escaped = false
                i += 1
                while b[i] != UInt8(ascii: "\"") {
                    if b[i] == UInt8(ascii: "\\") {
                        escaped = true
                        i += 1
                    }
                    i += 1
                }
                let text = UnsafeBufferPointer(rebasing: b[start..<i])
                i += 1
                if depth == 1 && expectKey {
                    // An escaped key might spell `type`: the caller parses the cart to know.
                    if escaped { escapedType = true }
                    lastKeyIsType = !escaped && text.elementsEqual("type".utf8)
                    expectKey = false
                } else if depth == 1 && lastKeyIsType {
                    if escaped { escapedType = true } else { plainType = String(decoding: text, as: UTF8.self) }
                    lastKeyIsType = false
                }
            default:
                // Numbers, literals and white space: a value that is not a string ends the `type` question too.
                if depth == 1 && lastKeyIsType && c != 0x20 && c != 0x09 && c != 0x0D { lastKeyIsType = false }
                i += 1
            }
        } while depth > 0 && i < b.count
        return (i, line, plainType, escapedType)
    }
}
