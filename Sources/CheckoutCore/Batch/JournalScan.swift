/// Reads the ledger journal as committed groups (SPEC §10, issue 18): each group's records are followed by its
/// progress line (`CommitProgress`), written in one append and one sync. Records after the last progress line are a
/// group whose append was cut short and never committed, like a last line without its newline. A journal written
/// before progress lines existed has records alone; those count as they stand until the first progress line.
struct JournalScan {
    /// Where the committed part of the journal ends: anything after it was never committed.
    var committedEnd = 0
    /// The last group's progress line: where the inputs it names stood.
    var lastProgress: CommitProgress?

    /// Calls `each` with every committed record and the offset of its line, in journal order.
    static func scan(
        _ lines: LineReader, path: String,
        each: (LedgerRecord, _ offset: Int) throws(FileSystemError) -> Void
    ) throws(FileSystemError) -> JournalScan {
        var scan = JournalScan()
        var group: [(LedgerRecord, Int)] = []
        var grouped = false
        var lineNumber = 0
        var lineStart = 0
        func damaged() -> FileSystemError {
            FileSystemError("read", path, reason: "line \(lineNumber) is damaged; restore the ledger from a backup")
        }
        while let (line, terminated) = lines.next() {
            lineNumber += 1
            guard terminated else { break }  // a torn tail: never committed
            if CommitProgress.isProgressLine(line) {
                guard let progress = CommitProgress(line: line) else { throw damaged() }
                for (record, offset) in group { try each(record, offset) }
                group.removeAll(keepingCapacity: true)
                scan.lastProgress = progress
                scan.committedEnd = lines.offset
                grouped = true
            } else {
                guard let node = try? JSONParser.parse(line), let record = LedgerRecord(node) else { throw damaged() }
                if grouped {
                    group.append((record, lineStart))
                } else {
                    try each(record, lineStart)
                    scan.committedEnd = lines.offset
                }
            }
            lineStart = lines.offset
        }
        if let code = lines.failure { throw FileSystemError("read", path, errno: code) }
        return scan
    }
}
