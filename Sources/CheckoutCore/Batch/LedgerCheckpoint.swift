/// What start-up needs from the journal, written beside it (`.ledger/checkpoint`) when a run finishes cleanly, so a
/// workspace with millions of converted carts starts without reading them all (issue 18): how long the journal was,
/// how many records it held, its last progress line, and the stock taken, summed by the moment it was taken. Valid
/// only for a journal of exactly that length whose index was sealed with it; otherwise the journal is read as before.
struct LedgerCheckpoint {
    var journalLength: Int
    var count: Int
    var lastProgress: CommitProgress?
    var stock: StockByTime

    /// Stock taken by sku, summed per `created_at`: one moment per `run`, one per input in `watch`. The stock an
    /// inventory has left is its count less what was taken after its `as_of` (SPEC §6), for any `as_of`, from these
    /// sums alone. Past `limit` moments (a long-lived watcher's history) it gives up: start-up then reads the journal.
    struct StockByTime {
        static let limit = 4096
        private(set) var sums: [Timestamp: [String: Int64]] = [:]
        private(set) var overflowed = false

        mutating func add(_ record: LedgerRecord) { add(CollectionOfOne(record), at: record.createdAt) }

        /// A commit's records, as `add` each would: a group's records share their moment (one a run), hashed here
        /// once a run of them rather than once a sku, on the committing thread (issue 18).
        mutating func add(_ records: [LedgerRecord]) {
            var start = 0
            while start < records.count {
                let moment = records[start].createdAt
                var end = start + 1
                while end < records.count && records[end].createdAt == moment { end += 1 }
                add(records[start..<end], at: moment)
                start = end
            }
        }

        /// Records of one moment. A moment none of them took stock at is not noted.
        private mutating func add<Records: Collection<LedgerRecord>>(_ records: Records, at moment: Timestamp) {
            guard !overflowed, records.contains(where: { !$0.stock.isEmpty }) else { return }
            var skus: [String: Int64]
            if let known = sums.removeValue(forKey: moment) {
                skus = known
            } else if sums.count >= StockByTime.limit {
                overflowed = true
                sums = [:]
                return
            } else {
                skus = [:]
            }
            for k in records.indices {
                for (sku, quantity) in records[k].stock { skus[sku, default: 0] &+= quantity }
            }
            sums[moment] = skus
        }

        /// Stock taken after `asOf`, by sku; nil once overflowed.
        func taken(after asOf: Timestamp?) -> [String: Int64]? {
            guard !overflowed else { return nil }
            var taken: [String: Int64] = [:]
            guard let asOf else { return taken }
            for (moment, skus) in sums where moment > asOf {
                for (sku, quantity) in skus { taken[sku, default: 0] &+= quantity }
            }
            return taken
        }

        fileprivate mutating func set(_ moment: Timestamp, _ skus: [String: Int64]) { sums[moment] = skus }
    }

    static func path(in folder: String) -> String { folder + "/checkpoint" }

    /// Lines: the lengths, the last progress line (`{}` when none), then one line per moment, in time order.
    func render() -> [UInt8] {
        var out = ByteBuffer(capacity: 4096)
        out.append("{\"journal_length\":")
        ByteBuffer.appendDecimal(Int64(journalLength), to: &out)
        out.append(",\"count\":")
        ByteBuffer.appendDecimal(Int64(count), to: &out)
        out.append("}\n")
        if let lastProgress { lastProgress.appendLine(to: &out) } else { out.append("{}\n") }
        for (moment, skus) in stock.sums.sorted(by: { $0.key < $1.key }) {
            out.append(0x7B)
            let sorted = skus.sorted(by: { $0.key < $1.key }).map { (sku: $0.key, quantity: $0.value) }
            LedgerRecord.appendTimeAndStock(moment, text: moment.rfc3339, sorted, to: &out)
            out.append("}\n")
        }
        return out.array
    }

    /// The checkpoint in `folder`, or nil when there is none or it cannot be read whole.
    static func read(in folder: String) -> LedgerCheckpoint? {
        guard let bytes = try? FileSystem.readAll(path(in: folder)) else { return nil }
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map { Array($0) }
        guard lines.count >= 3, lines.removeLast().isEmpty, let head = try? JSONParser.parse(lines[0]),
            let journalLength = head.int64("journal_length"), let count = head.int64("count")
        else { return nil }
        var checkpoint = LedgerCheckpoint(
            journalLength: Int(journalLength), count: Int(count), lastProgress: nil, stock: StockByTime())
        if lines[1] != Array("{}".utf8) {
            guard let progress = CommitProgress(line: lines[1]) else { return nil }
            checkpoint.lastProgress = progress
        }
        for line in lines.dropFirst(2) {
            // A moment's line is a journal record's time and stock.
            guard let node = try? JSONParser.parse(line), let (moment, stock) = LedgerRecord.timeAndStock(node) else {
                return nil
            }
            checkpoint.stock.set(moment, Dictionary(stock, uniquingKeysWith: +))
        }
        return checkpoint
    }
}
