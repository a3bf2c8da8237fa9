import Testing

@testable import CheckoutCore

/// SPEC §1, §2: an inbox file's format is its name's extension, in any case; hidden names and a writer's unfinished
/// files are not inputs.
@Suite("An inbox file's format by its name")
struct InputFormatTests {
    @Test(
        arguments: [
            ("a.json", InputFormat.json), ("A.JSON", .json), ("b.NdJson", .ndjson), ("c.jsonl", .ndjson),
            ("d.XML", .xml), ("é.json", .json), ("x.tmp.json", .json), ("x.json.tmp", nil), ("x.json.PART", nil),
            ("x.partial", nil), (".hidden.json", nil), ("~lock.json", nil), ("x.txt", nil), ("json", nil), ("", nil),
            (".json", nil), ("x.jso\u{0301}n", nil), ("x.json\u{0301}", nil), ("x.JSONL", .ndjson), ("x.yml", nil),
        ] as [(String, InputFormat?)])
    func formatByName(name: String, format: InputFormat?) {
        #expect(InputFormat(fileName: name) == format, "\(name)")
    }
}
