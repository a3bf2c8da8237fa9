/// The inputs of a run: files in the inbox with a cart extension (any case), not a writer's unfinished file,
/// sorted by the bytes of their names (SPEC §1, §10).
public enum Inbox {
    static func format(of name: InputName) -> InputFormat? { InputFormat(fileName: name.text) }

    /// The inputs in `folder`, by the bytes of their names.
    public static func inputs(in folder: String) throws(FileSystemError) -> [InputName] {
        try FileSystem.listNames(folder).map(InputName.init(bytes:)).filter { format(of: $0) != nil }
    }
}
