/// The inputs of a run: files in the inbox with a cart extension (any case), not a writer's unfinished file,
/// sorted by the bytes of their names (SPEC §1, §10).
public enum Inbox {
    public enum Format: Sendable, Equatable {
        case json
        case ndjson
        case xml
    }

    /// The format a file name says it holds, or nil when the file is not an input.
    public static func format(of name: String) -> Format? {
        if name.hasPrefix(".") || name.hasPrefix("~") { return nil }
        let lower = name.lowercased()
        for unfinished in [".tmp", ".part", ".partial"] where lower.hasSuffix(unfinished) { return nil }
        if lower.hasSuffix(".json") { return .json }
        if lower.hasSuffix(".ndjson") || lower.hasSuffix(".jsonl") { return .ndjson }
        if lower.hasSuffix(".xml") { return .xml }
        return nil
    }

    public static func format(of name: InputName) -> Format? { format(of: name.text) }

    /// The inputs in `folder`, by the bytes of their names.
    public static func inputs(in folder: String) throws(FileSystemError) -> [InputName] {
        try FileSystem.listNames(folder).map(InputName.init(bytes:)).filter { format(of: $0) != nil }
    }
}
