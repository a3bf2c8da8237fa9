import Testing

@testable import CheckoutCore

@Suite("JSON carts matched by the reader, parsed by the preparing thread")
struct JSONCartTextTests {
    /// Ends, lines and `type` as `skipValue` finds them, checked against the parser's own end and line.
    @Test(
        "skipValue ends each value where the parser does, counts lines, and reads only the cart's own plain type",
        arguments: [
            (#"{"a": "x\"}{", "type": "order"}"#, "order", false),
            (#"{"b": {"type": "cart"}, "type"  :  "cart_item"}"#, "cart_item", false),
            (#"{"type": {"x": 1}, "c": "order"}"#, nil, false),
            (#"{"typ\u0065": "order", "t": 1}"#, nil, true),
            (#"{"type": "ord\u0065r"}"#, nil, true),
            ("{\"items\": [1, 2.5e3, true, null, [\"]\"]],\n \"type\": \"custom\"\n}", "custom", false),
            ("12345", nil, false),
            (#""a \" string""#, nil, false),
        ] as [(String, String?, Bool)])
    func skip(_ text: String, _ type: String?, _ escaped: Bool) throws {
        let document = Array((text + " ,").utf8)
        let parsed = try document.withUnsafeBufferPointer { (b) throws(JSONParser.SyntaxError) in
            try JSONParser.parseValue(in: b, at: 0, line: 1, lineStart: 0, shape: .none, limits: nil)
        }
        let skipped = document.withUnsafeBufferPointer { JSONParser.skipValue($0, at: 0, line: 1) }
        #expect(skipped.end == parsed.end)
        #expect(skipped.line == parsed.line)
        #expect(skipped.plainType == type)
        #expect(skipped.escapedType == escaped)
    }

    @Test("a cart's text parses as the reader used to parse it: a tape, or an unreadable cart at its line")
    func parse() {
        let ok = JSONCartText(
            bytes: Array(#"[{"reference": "r"}]"#.utf8), offset: 1, line: 1, lineStart: 0, wholeLine: false)
        guard case .parsedJSON(let tape) = ok.parse(), case .string("r")? = tape.node()["reference"]?.value else {
            Issue.record("expected the cart")
            return
        }
        let deep = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        let line = JSONCartText(
            bytes: Array("{\"items\": \(deep)}".utf8), offset: 0, line: 7, lineStart: 0, wholeLine: true)
        guard case .unreadable(let error) = line.parse() else {
            Issue.record("expected an unreadable cart")
            return
        }
        #expect(error.line == 7)
    }

    /// A `type` key is only looked for where one could be: `false` sends the first cart to `skipValue`.
    @Test(
        "a cart's bytes cannot hold a type key only when they have neither \"type\" nor an escape from the offset on",
        arguments: [
            (#"{"reference": "r", "currency": "GBP", "city": "York"}"#, 0, true),
            (#"{"reference": "r", "type": "order"}"#, 0, false),
            (#"{"t\u0079pe": "order"}"#, 0, false),  // an escaped key might read `type`
            (#"{"name": "\"quoted\""}"#, 0, false),  // any escape: the walk decides
            (#"{"kind": "type"}"#, 0, false),  // a value spelled like the key: unsure, so the walk decides
            (#"{"type": 1}, {"reference": "r"}"#, 13, true),  // what stands before the offset does not count
            (#"{"ref": "typ"}"#, 0, true),
            (#""type""#, 0, false),  // at the very start and end of the bytes
            ("", 0, true),
        ])
    func cannotHoldType(text: String, offset: Int, expected: Bool) {
        let bytes = Array(text.utf8)
        #expect(bytes.withUnsafeBufferPointer { JSONParser.cannotHoldType($0, in: offset..<$0.count) } == expected)
    }
}
