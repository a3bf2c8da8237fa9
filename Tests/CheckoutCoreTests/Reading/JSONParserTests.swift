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
}
