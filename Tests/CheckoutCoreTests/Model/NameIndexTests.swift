import Testing

@testable import CheckoutCore

/// `NameIndex` must answer exactly as the `Dictionary` it replaced: every name at its first place, nothing else.
@Suite("Name index")
struct NameIndexTests {
    @Test("every name found at its first place, against a Dictionary, with probes crossing the table's end")
    func agreesWithADictionary() {
        // 3,000 names in a table of 8,192: many share a slot and probe on, some past the last slot to the first.
        var names = (0..<3_000).map { "sku-\(String($0, radix: 7))" }
        names += ["", "K-1", "sku-0", "sku-1", String(repeating: "x", count: 40)]
        let queries = Array(Set(names)) + ["sku-", "SKU-0", "sku-00", "x", "sku-66666", "\u{212A}-1", "ｓku-0"]
        #expect(NameIndex(names)["sku-0"] == 0, "a repeated name keeps its first place")
        // With one name beyond ASCII the whole catalogue is looked up by `Dictionary`: same answers.
        for names in [names, names + ["é", "日本語", "a\u{301}"]] {
            let index = NameIndex(names)
            var expected: [String: Int] = [:]
            for (place, name) in names.enumerated() where expected[name] == nil { expected[name] = place }
            for name in queries + ["e\u{301}", "á", "日本語"] { #expect(index[name] == expected[name], "\(name)") }
        }
        // Canonical equivalence, as a Dictionary answers it: KELVIN SIGN is K, a decomposed é is é.
        #expect(NameIndex(names)["\u{212A}-1"] == names.firstIndex(of: "K-1"))
        #expect(NameIndex(["é"])["e\u{301}"] == 0)
    }

    @Test("names given with their places; an empty index finds nothing")
    func places() {
        let index = NameIndex(places: [("USD", 4), ("GBP", 2), ("USD", 9)])
        #expect(index["USD"] == 4 && index["GBP"] == 2 && index["EUR"] == nil)
        #expect(NameIndex([String]())["anything"] == nil)
    }
}
