import Testing

@testable import CheckoutCore

@Suite("Strict JSON reader")
struct JSONParserTests {
    func syntaxError(_ text: String) -> JSONParser.SyntaxError? {
        do {
            _ = try JSONParser.parse(text)
            return nil
        } catch { return error }
    }

    @Test func positionsAreKept() throws {
        let node = try JSONParser.parse("{\n  \"a\": 1,\n  \"b\": {\n    \"c\": [true, null]\n  }\n}")
        #expect(node["a"]?.line == 2)
        #expect(node["b"]?.line == 3)
        #expect(node["b"]?["c"]?.line == 4)
    }

    @Test func numbersKeepTheirText() throws {
        let node = try JSONParser.parse(#"{"r": 0.20, "big": 123456789012345678901234567890}"#)
        guard case .number("0.20")? = node["r"]?.value else {
            Issue.record("rate lost its text")
            return
        }
        guard case .number("123456789012345678901234567890")? = node["big"]?.value else {
            Issue.record("big number changed")
            return
        }
    }

    @Test func syntaxErrorsSayWhere() {
        #expect(syntaxError("{\n  \"a\": 1\n  \"b\": 2}")?.description == "Expected ',' or '}' at line 3, column 3")
        #expect(syntaxError("")?.description == "Expected a value, found the end of the document at line 1, column 1")
        #expect(syntaxError("[1, 2")?.message == "Expected ',' or ']', found the end of the document")
        #expect(syntaxError("{\"a\": tru}")?.message == "Invalid literal, expected 'true'")
        #expect(syntaxError("{\"a\": 01}")?.message == "A number may not start with 0")
        #expect(syntaxError("{} {}")?.message == "Unexpected '{' after the document")
    }

    @Test func duplicateKeysAreRejected() {
        let e = syntaxError("{\"data\": {\"sku\": \"a\",\n \"sku\": \"b\"}}")
        #expect(e?.message == "Duplicate key 'sku'")
        #expect(e?.line == 2)
    }

    /// Keys are compared by length and first eight bytes before the rest (issue 18): keys that share those still
    /// differ, and a key spelled with escapes repeats the same key spelled plainly.
    @Test(arguments: [
        (#"{"abcdefghij": 1, "abcdefghij": 2}"#, true), (#"{"abcdefghiX": 1, "abcdefghiY": 2}"#, false),
        (#"{"abcdefgh": 1, "abcdefghi": 2}"#, false), (#"{"abcdefghij": 1, "abcdefghij": 2}"#, true),
        (#"{"a": 1, "a": 2}"#, true), (#"{"b": 1, "a": 2}"#, false), (#"{"": 1, "": 2}"#, true),
        (#"{"ab": 1, "a": 2}"#, false), (#"{"é": 1, "é": 2}"#, true),
    ])
    func repeatedKeysAreFoundByTheirText(text: String, repeated: Bool) {
        #expect((syntaxError(text)?.message.hasPrefix("Duplicate key") ?? false) == repeated, "\(text)")
    }

    /// A cart's shape keeps what `CartDecoder` reads and nothing else (SPEC §11): members it names, nested as it
    /// says, told from keys of the same length and first eight bytes, or spelled with escapes; an array's elements
    /// in the element's shape; a scalar's place keeps an object found there, empty.
    @Test func aCartKeepsWhatItsShapeNames() throws {
        let text = #"""
            {"reference": "r", "shipping_addresX": {"country": "FR"}, "shipping_address": {"country": "DE", "x": 1},
             "items": [{"sku": "a", "price": {"amount": 1, "other": 2}, "unknown": [1]}, {"sku": "b"}],
             "promotion_codes": ["A", {"z": 1}], "curr\u0065ncy": "EUR", "type": {"deep": {"er": 1}}, "zzz": 5}
            """#
        let root = try JSONParser.parse(Array(text.utf8), shape: .cart)
        guard case .object(let members) = root.value else {
            Issue.record("the root is no object")
            return
        }
        #expect(
            members.map(\.key) == ["reference", "shipping_address", "items", "promotion_codes", "currency", "type"])
        guard case .object(let address)? = root["shipping_address"]?.value else {
            Issue.record("the address was not kept")
            return
        }
        #expect(address.map(\.key) == ["country"])
        guard case .array(let items)? = root["items"]?.value, items.count == 2,
            case .object(let first) = items[0].value, case .object(let price)? = items[0]["price"]?.value
        else {
            Issue.record("the items were not kept")
            return
        }
        #expect(first.map(\.key) == ["sku", "price"] && price.map(\.key) == ["amount"])
        guard case .array(let codes)? = root["promotion_codes"]?.value, case .object(let empty) = codes[1].value,
            case .object(let type)? = root["type"]?.value
        else {
            Issue.record("the codes were not kept")
            return
        }
        #expect(codes.count == 2 && empty.isEmpty && type.isEmpty)
        // Everything kept for `.all`, unknown members and all.
        let all = try JSONParser.parse(Array(text.utf8), shape: .all)
        guard case .array(let allItems)? = all["items"]?.value else {
            Issue.record("the items were not kept")
            return
        }
        #expect(all["zzz"] != nil && all["shipping_addresX"]?["country"] != nil && allItems[0]["unknown"] != nil)
    }

    /// A string's end is looked for eight bytes at a time (issue 18): its quote, an escape, a byte beyond ASCII or a
    /// control character is found at any place in a word, and when the string ends the document.
    @Test func stringsAreReadWhereverTheirSpecialBytesFall() throws {
        for n in 0..<20 {
            let plain = String(repeating: "x", count: n)
            for (literal, text) in [(plain, plain), (plain + "\\n", plain + "\n"), (plain + "é", plain + "é")] {
                let last = try JSONParser.parse("\"\(literal)\"")
                let inside = try JSONParser.parse("{\"k\": \"\(literal)\", \"m\": 1}")
                guard case .string(let a) = last.value, case .string(let b)? = inside["k"]?.value else {
                    Issue.record("no string for \(literal)")
                    continue
                }
                #expect(a == text && b == text, "\(literal)")
            }
            #expect(syntaxError("\"\(plain)\u{1}\"")?.message == "Unescaped control character in a string")
            #expect(syntaxError("\"\(plain)")?.message == "Unterminated string")
            let invalid = Array("{\"k\": \"\(plain)".utf8) + [0xC3, 0x28] + Array("\", \"m\": 1}".utf8)
            #expect(throws: JSONParser.SyntaxError(message: "Invalid UTF-8 in a string", line: 1, column: 8)) {
                try JSONParser.parse(invalid)
            }
        }
    }

    @Test func hostileInputIsAnErrorNotACrash() {
        #expect(syntaxError(String(repeating: "[", count: 100_000))?.message == "Nesting deeper than 256 levels")
        #expect(syntaxError("{\"a\": \"\u{0}\"}")?.message == "Unescaped control character in a string")
        #expect(syntaxError("\"\\ud800\"")?.message == "Unpaired surrogate in a \\u escape")
        let invalidUTF8: [UInt8] = [0x22, 0xC3, 0x28, 0x22]
        #expect(throws: JSONParser.SyntaxError.self) { try JSONParser.parse(invalidUTF8) }
    }

    @Test func escapesAndBOM() throws {
        let node = try JSONParser.parse([0xEF, 0xBB, 0xBF] + Array(#"{"s": "a\u00e9\ud83d\ude00\/\n"}"#.utf8))
        guard case .string(let s)? = node["s"]?.value else {
            Issue.record("no string")
            return
        }
        #expect(s == "aé😀/\n")
    }

    /// The first pass over a `.json` input keeps nothing and only scans plain strings and numbers (issue 18): it must
    /// refuse exactly what a full read refuses, with the same error at the same place, and accept the rest.
    @Test(arguments: [
        #"{"data": {"a": "x\qy"}}"#, #"{"data": {"a": "\u12"}}"#, "{\"data\": {\"a\": \"x\u{1}\"}}",
        #"{"data": {"a": "\ud800x"}}"#, #"{"data": {"a": "unterminated}}"#, #"{"data": {"a": -}}"#,
        #"{"data": {"a": 1.}}"#, #"{"data": {"a": 1e}}"#, #"{"data": {"a": 012}}"#, #"{"data": {"a": [1, 2,]}}"#,
        #"{"data": {"a": "é\n", "b": -0.5e+3, "c": "\ud83d\ude00"}}"#, #"{"data": 1, "z": "\/"}"#,
        #"{"data": {"a\u0062": 1, "ab": 2}}"#, #"{"x": {"k": 1, "k": 2}, "data": {}}"#,
        #"{"x": {"a": 1, "\u0061": 2}, "data": {}}"#, #"{"x": {"\u0061": 1, "a": 2}, "data": {}}"#,
        #"{"x": {"é": 1, "\u00e9": 2}, "data": {}}"#, #"{"x": {"ab": 1, "a": 2, "abc": 3}, "data": {}}"#,
        "{\"x\": {" + (0..<20).map { "\"k\($0)\": \($0), " }.joined() + "\"k3\": 0}, \"data\": {}}",
        "{\"x\": {" + (0..<20).map { "\"k\($0)\": \($0)" }.joined(separator: ", ") + "}, \"d\\u0061ta\": {}}",
    ])
    func aPassThatKeepsNothingRefusesWhatAFullReadRefuses(text: String) {
        let bytes = Array(text.utf8)
        let full = Result { () throws(JSONParser.SyntaxError) in try JSONParser.parse(bytes) }
        let pass = Result { () throws(JSONParser.SyntaxError) in
            try bytes.withUnsafeBufferPointer { (b) throws(JSONParser.SyntaxError) in
                try JSONParser.validate(b, envelopeKey: "data")
            }
        }
        switch (full, pass) {
        case (.failure(let a), .failure(let b)): #expect(a == b)
        case (.success(let node), .success(let envelope)):
            // The envelope is found however its key is spelled.
            #expect((envelope.member != nil) == (node["data"] != nil))
        default: Issue.record("a full read and the first pass disagree on \(text)")
        }
        let invalidUTF8: [UInt8] = Array(#"{"data": {"a": ""#.utf8) + [0xC3, 0x28] + Array(#""}}"#.utf8)
        #expect(throws: JSONParser.SyntaxError.self) {
            try invalidUTF8.withUnsafeBufferPointer { (b) throws(JSONParser.SyntaxError) in
                try JSONParser.validate(b, envelopeKey: "data")
            }
        }
    }
}

/// The first pass over a `.json` input reads its first cart when that is an object (issue 18: a one-cart document
/// was read twice): the cart must be what a preparing thread reads from the same place, entry for entry, refused
/// with the same error, and a document's own syntax error must still be the document's.
@Suite("A JSON document's first cart, read by the first pass")
struct JSONFirstCartTests {
    static let deep = String(repeating: "[", count: 70) + String(repeating: "]", count: 70)
    static let long = "1" + String(repeating: "0", count: 70)

    @Test(arguments: [
        #"{"data": {"reference": "r1", "items": [{"sku": "a", "quantity": 2}], "x": {"y": [1, "é"]}}, "meta": 1}"#,
        #"{"meta": {"x": [1, 2]}, "data": [{"reference": "r1", "\u0074ype": "cart"}, {"reference": "r2"}]}"#,
        "{\"data\": [\n  {\"reference\": \"r1\",\n   \"currency\": \"EUR\"}\n]}",
        "{\"data\": {\"reference\": \"r1\",\n \"x\": \(deep)}}", "{\"data\": [{\"amount\": \(long)}, {}]}",
    ])
    func theFirstCartIsReadAsAPreparingThreadReadsIt(text: String) throws {
        let bytes = Array(text.utf8)
        let envelope = try bytes.withUnsafeBufferPointer { (b) throws(JSONParser.SyntaxError) in
            try JSONParser.validate(b, envelopeKey: "data", readingCart: true)
        }
        let start = try #require(envelope.elements?.first ?? envelope.member)
        let alone = JSONCartText(
            bytes: bytes, offset: start.offset, line: start.line, lineStart: start.lineStart, wholeLine: false
        ).parse()
        switch (envelope.cart, alone) {
        case (.success(let read)?, .parsedJSON(let tape)):
            #expect(read.entries.map(Self.describe) == tape.entries.map(Self.describe))
            #expect(read.escapedKeys == tape.escapedKeys)
        case (.failure(let error)?, .unreadable(let refused)):
            #expect(
                refused.detail == error.description && refused.line == error.line,
                "\(refused.detail) vs \(error.description)")
        default: Issue.record("the first pass and a preparing thread disagree on \(text)")
        }
    }

    @Test func aDocumentSyntaxErrorAfterARefusedCartIsTheDocuments() {
        let text = "{\"data\": {\"amount\": \(Self.long)},\n \"z\": tru}"
        let error = #expect(throws: JSONParser.SyntaxError.self) {
            try Array(text.utf8).withUnsafeBufferPointer { (b) throws(JSONParser.SyntaxError) in
                _ = try JSONParser.validate(b, envelopeKey: "data", readingCart: true)
            }
        }
        #expect(error?.message == "Invalid literal, expected 'true'" && error?.line == 2)
    }

    static func describe(_ e: JSONTape.Entry) -> String {
        "\(e.kind) \(e.start) \(e.end) \(e.line) \(e.order) \(e.next) \(e.keyStart) \(e.keyCount)"
    }
}
