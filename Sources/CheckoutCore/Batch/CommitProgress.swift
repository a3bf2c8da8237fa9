/// Where the inputs of a commit group stood when it was committed: the journal line that ends each group (issue 18).
///
/// A group spans inputs, and an input is moved out of the inbox only after its group is committed. Killed in
/// between, a run would otherwise redo committed carts on restart — harmless for a converted cart (a duplicate),
/// but not for a rejected one whose reference a later cart of the group converted: redone, it would now conflict.
/// So the restart resumes instead of redoing: an input this line calls finished is moved without being read again,
/// and the one still open skips the carts already committed. Only the journal's last such line can matter: every
/// input it does not name was finished and moved before that group was committed.
///
/// The line also makes a group's commit atomic: records after the journal's last progress line are a group whose
/// append was cut short, and are cut off with it (`JournalScan`).
struct CommitProgress: Sendable, Equatable {
    struct Entry: Sendable, Equatable {
        var name: InputName
        /// Which file this was: a later file of the same name is a new input.
        var identity: FileIdentity
        /// Carts of the input committed so far, counted from its start.
        var carts: Int
        /// Where it goes once finished: `archive` or `rejected`; nil while it is still being read.
        var finishedTo: String?
    }

    var entries: [Entry]

    static let prefix = Array("{\"progress\":[".utf8)

    /// One journal line, newline included. Names are written as hex: they are bytes, not always UTF-8 (SPEC §8).
    func appendLine(to out: inout ByteBuffer) {
        out.append(CommitProgress.prefix)
        for (i, e) in entries.enumerated() {
            if i > 0 { out.append(0x2C) }
            out.append("{\"input\":\"")
            out.appendHex(e.name.bytes)
            out.append("\",\"device\":")
            ByteBuffer.appendDecimal(Int64(bitPattern: e.identity.device), to: &out)
            out.append(",\"inode\":")
            ByteBuffer.appendDecimal(Int64(bitPattern: e.identity.inode), to: &out)
            out.append(",\"size\":")
            ByteBuffer.appendDecimal(e.identity.size, to: &out)
            out.append(",\"modified\":")
            ByteBuffer.appendDecimal(e.identity.modified, to: &out)
            out.append(",\"carts\":")
            ByteBuffer.appendDecimal(Int64(e.carts), to: &out)
            if let to = e.finishedTo {
                out.append(",\"finished\":")
                ByteBuffer.appendQuoted(to, to: &out)
            }
            out.append(0x7D)
        }
        out.append("]}\n")
    }

    static func isProgressLine(_ line: [UInt8]) -> Bool { line.starts(with: prefix) }

    init(entries: [Entry]) {
        self.entries = entries
    }

    /// Reads a line `appendLine` wrote; nil when it is not one.
    init?(line: [UInt8]) {
        guard case .array(let list)? = (try? JSONParser.parse(line))?["progress"]?.value else { return nil }
        var entries: [Entry] = []
        for node in list {
            guard case .string(let hex)? = node["input"]?.value, let name = Hex.decode(hex),
                let device = node.int64("device"), let inode = node.int64("inode"), let size = node.int64("size"),
                let modified = node.int64("modified"), let carts = node.int64("carts")
            else { return nil }
            var finishedTo: String?
            if case .string(let to)? = node["finished"]?.value { finishedTo = to }
            entries.append(
                Entry(
                    name: InputName(bytes: name),
                    identity: FileIdentity(
                        device: UInt64(bitPattern: device), inode: UInt64(bitPattern: inode), size: size,
                        modified: modified),
                    carts: Int(carts), finishedTo: finishedTo))
        }
        self.entries = entries
    }
}
