import Foundation
import Testing

@testable import CheckoutCore

/// A JSON cart is decoded from its `JSONTape`; tests and XML carts decode a `DocNode` tree. One decoder reads both,
/// so the two must give the same draft, field by field, location by location, for every JSON cart the golden
/// fixtures hold and for the spellings that take the tape's slower paths (escapes, non-ASCII, wrong types).
@Suite("JSON carts decoded from the tape as from a tree")
struct JSONTapeTests {
    static let spellings = [
        #"{"reference": "r-1", "currency": "EUR", "items": [{"sku": "a", "quantity": 2}]}"#,
        #"{"r\u0065ference": "r-\u00e9\"", "curr\u0065ncy": "EU\u0052", "items": [{"s\u006bu": "a\/b", "quantity": 1}]}"#,
        #"{"reference": "Zoë ☃", "customer": {"name": "Ünal", "email": null}, "items": []}"#,
        #"{"reference": 12, "currency": true, "items": {"sku": "a"}, "promotion_codes": "X"}"#,
        #"{"reference": "r", "items": [1, "two", null, [], {"type": "gift"}, {"type": 3}, {"quantity": "2"}]}"#,
        #"{"reference": "r", "items": [{"quantity": 1.5}, {"quantity": -1}, {"quantity": 1e400}, {"quantity": 2.0}]}"#,
        #"{"items": [{"type": "custom_item", "name": "n", "price": {"amount": 1.5, "includes_tax": "yes"}, "shippable": 1}]}"#,
        #"{"payment": {"status": "pending", "amount": -3, "currency": "EUR"}, "updated_at": "yesterday"}"#,
        #"{"payment": {"amount": 99999999999999999999}, "billing_address": {"postcode": 75001, "country": "FR"}}"#,
        #"{"billing_address": [], "shipping_address": {"line_1": {"a": 1}, "phone_number": "+1"}, "x": {"y": [1]}}"#,
        #"{"promotion_codes": ["A", 5, null, "B"], "shipping_method": null, "customer": "c"}"#,
        "[1, 2]",
        "\"a cart?\"",
    ]

    @Test("hand-written spellings", arguments: spellings)
    func spelling(_ text: String) throws {
        try Self.expectSameDraft(Array(text.utf8), at: 0, line: 1, lineStart: 0, in: "spelling")
    }

    @Test("every JSON cart of the golden fixtures and samples")
    func fixtures() throws {
        var carts = 0
        for (path, full) in Self.fixtureInputs(endingWith: [".json", ".ndjson"]) {
            let format: InputFormat = path.hasSuffix(".json") ? .json : .ndjson
            let stream = InputReader.open(full, name: path, format: format)
            while let cart = stream.next() {
                switch cart {
                case .json(let text):
                    try Self.expectSameDraft(
                        text.bytes, at: text.offset, line: text.line, lineStart: text.lineStart, in: path)
                case .parsedJSON(let tape):
                    // A document's first cart, read by the first pass: it was read without an error, so where its
                    // line starts (only ever a column of an error) does not matter.
                    let root = tape.entries[JSONTape.root]
                    try Self.expectSameDraft(tape.bytes, at: root.start, line: root.line, lineStart: 0, in: path)
                default: continue
                }
                carts += 1
            }
        }
        #expect(carts > 100)
    }

    /// The inbox files of the golden fixtures and the samples whose names end with one of `suffixes`: each one's
    /// path within its folder, and its full path.
    static func fixtureInputs(endingWith suffixes: [String]) -> [(path: String, full: String)] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../..")
            .standardized
        var inputs: [(path: String, full: String)] = []
        for folder in ["Fixtures", "samples"] {
            let base = root.appendingPathComponent(folder)
            guard let walk = FileManager.default.enumerator(atPath: base.path) else { continue }
            for case let path as String in walk
            where path.contains("inbox/") && suffixes.contains(where: { path.hasSuffix($0) }) {
                inputs.append((path, base.appendingPathComponent(path).path))
            }
        }
        return inputs
    }

    /// Decodes the cart at `offset` both ways and compares every stored field of the two drafts; a cart that is not
    /// JSON must fail both ways with the same error.
    static func expectSameDraft(_ bytes: [UInt8], at offset: Int, line: Int, lineStart: Int, in name: String) throws {
        let limits = JSONParser.CartLimits()
        let tape = Result { () throws(JSONParser.SyntaxError) in
            try JSONParser.tape(bytes, at: offset, line: line, lineStart: lineStart, shape: .cart, limits: limits)
        }
        let node = bytes.withUnsafeBufferPointer { b in
            Result { () throws(JSONParser.SyntaxError) in
                try JSONParser.parseValue(
                    in: b, at: offset, line: line, lineStart: lineStart, shape: .cart, limits: limits
                ).node
            }
        }
        switch (tape, node) {
        case (.success(let tape), .success(let node)):
            let fromTape = CartDecoder.decode(tape)
            let fromTree = CartDecoder.decode(node)
            #expect(describe(fromTape) == describe(fromTree), "\(name), line \(line)")
            #expect(fromTape.shape.errors == fromTree.shape.errors, "\(name), line \(line)")
        case (.failure(let a), .failure(let b)):
            #expect(a == b, "\(name), line \(line)")
        default:
            Issue.record("\(name), line \(line): read one way and not the other")
        }
    }

    /// Every stored field, but the set of covered paths (its order is the hash's; the errors it is made of are
    /// compared on their own).
    static func describe(_ draft: CartDraft) -> String {
        String(describing: draft).replacing(/covered: Set\(\[[^\]]*\]\)/, with: "")
    }
}
