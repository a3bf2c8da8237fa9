/// What an inbox file holds, by its name's extension in any case (SPEC §1, §2): a `.json` document, an NDJSON
/// stream (`.ndjson`, `.jsonl`) or XML. Names a writer uses for unfinished files hold nothing yet.
enum InputFormat: Sendable, Equatable {
    case json
    case ndjson
    case xml

    /// The format a file name says it holds, or nil when the file is not an input.
    init?(fileName name: String) {
        if name.hasPrefix(".") || name.hasPrefix("~") { return nil }
        let lower = name.lowercased()
        for unfinished in [".tmp", ".part", ".partial"] where lower.hasSuffix(unfinished) { return nil }
        if lower.hasSuffix(".json") {
            self = .json
        } else if lower.hasSuffix(".ndjson") || lower.hasSuffix(".jsonl") {
            self = .ndjson
        } else if lower.hasSuffix(".xml") {
            self = .xml
        } else {
            return nil
        }
    }
}
