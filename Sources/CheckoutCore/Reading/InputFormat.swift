/// What an inbox file holds, by its name's extension in any case (SPEC §1, §2): a `.json` document, an NDJSON
/// stream (`.ndjson`, `.jsonl`) or XML. Names a writer uses for unfinished files hold nothing yet.
enum InputFormat: Sendable, Equatable {
    case json
    case ndjson
    case xml

    /// The format a file name says it holds, or nil when the file is not an input.
    init?(fileName name: String) {
        // Its bytes, from the string's own storage (see `ByteBuffer.append(string:)`): lower-cased copies and
        // Unicode-aware suffix tests cost ~1,300 instructions an inbox file (issue 18).
        guard let format = name.utf8.withContiguousStorageIfAvailable({ Self.format(ofName: $0) })! else { return nil }
        self = format
    }

    private static func format(ofName name: UnsafeBufferPointer<UInt8>) -> InputFormat? {
        guard let first = name.first, first != UInt8(ascii: "."), first != UInt8(ascii: "~") else { return nil }
        func ends(_ suffix: StaticString) -> Bool {
            let n = suffix.utf8CodeUnitCount
            guard name.count >= n else { return false }
            for i in 0..<n {
                var b = name[name.count - n + i]
                if b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") { b += 0x20 }  // any case (SPEC §2)
                if b != suffix.utf8Start[i] { return false }
            }
            return true
        }
        if ends(".tmp") || ends(".part") || ends(".partial") { return nil }  // a writer's unfinished file
        if ends(".json") { return .json }
        if ends(".ndjson") || ends(".jsonl") { return .ndjson }
        if ends(".xml") { return .xml }
        return nil
    }
}
