import Foundation
import Testing

@testable import CheckoutCore

@Suite("Ledger and its index")
struct LedgerTests {
    static func folder() -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func record(_ n: Int, day: Int = 21) -> LedgerRecord {
        LedgerRecord(
            reference: "ref-\(n)", digest: String(repeating: "a", count: 63) + String(n % 10),
            orderId: OrderIdMaker.orderId(reference: "ref-\(n)"),
            createdAt: Timestamp(rfc3339: "2026-11-\(day)T02:00:00Z")!, stock: [("sku-\(n % 3)", Int64(n % 5 + 1))])
    }

    @Test("many references, across several growths of the table, are found; others are not")
    func manyReferences() throws {
        let dir = Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let ledger = Ledger(folder: dir)
        _ = try ledger.load(stockTakenAfter: nil)
        for batch in stride(from: 0, to: 20_000, by: 500) {
            try ledger.commit((batch..<(batch + 500)).map { Self.record($0) })
        }
        #expect(ledger.count == 20_000)
        for n in [0, 1, 4095, 4096, 12_345, 19_999] {
            #expect(try ledger.record(for: "ref-\(n)")?.digest.hasSuffix(String(n % 10)) == true)
        }
        #expect(try ledger.record(for: "ref-20000") == nil)
        #expect(try ledger.record(for: "") == nil)
        try ledger.seal()
    }

    @Test("a sealed index is reused; a dirty, stale or damaged one is rebuilt from the journal")
    func reopen() throws {
        let dir = Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        do {
            let ledger = Ledger(folder: dir)
            _ = try ledger.load(stockTakenAfter: nil)
            try ledger.commit((0..<100).map { Self.record($0, day: $0 < 50 ? 19 : 21) })
            try ledger.seal()
        }
        let sealed = try Data(contentsOf: URL(fileURLWithPath: dir + "/index"))
        // Reused: the same file, and stock taken after as_of counts only the later records.
        let asOf = Timestamp(rfc3339: "2026-11-20T00:00:00Z")!
        var expected: [String: Int64] = [:]
        for n in 50..<100 { expected["sku-\(n % 3)", default: 0] += Int64(n % 5 + 1) }
        do {
            let ledger = Ledger(folder: dir)
            #expect(try ledger.load(stockTakenAfter: asOf) == expected)
            #expect(try ledger.record(for: "ref-77") != nil)
            try ledger.seal()
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/index")) == sealed)
        // A run that died (index left dirty), then a journal line written after the seal, then a damaged index.
        for damage in ["dirty", "stale", "garbage"] {
            let ledger = Ledger(folder: dir)
            _ = try ledger.load(stockTakenAfter: nil)
            switch damage {
            case "dirty": break  // never sealed
            case "stale":
                try ledger.commit([Self.record(100 + ledger.count)])
                try ledger.seal()
                var extra = ByteBuffer(capacity: 512)
                extra.append(Self.record(500).line())
                CommitProgress(entries: []).appendLine(to: &extra)
                let h = FileHandle(forWritingAtPath: dir + "/journal.ndjson")!
                h.seekToEndOfFile()
                h.write(Data(extra.array))
                h.closeFile()
            default:
                try ledger.seal()
                try Data(repeating: 0x5A, count: 4096).write(to: URL(fileURLWithPath: dir + "/index"))
            }
            let reopened = Ledger(folder: dir)
            _ = try reopened.load(stockTakenAfter: nil)
            #expect(try reopened.record(for: "ref-3") != nil, "\(damage)")
            #expect(try reopened.record(for: "ref-99") != nil, "\(damage)")
            if damage == "stale" { #expect(try reopened.record(for: "ref-500") != nil) }
            try reopened.seal()
        }
    }

    @Test("a journal line cut short by a crash was never committed and is cut off")
    func tornTail() throws {
        let dir = Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        do {
            let ledger = Ledger(folder: dir)
            _ = try ledger.load(stockTakenAfter: nil)
            try ledger.commit([Self.record(1), Self.record(2)])
        }
        let journal = dir + "/journal.ndjson"
        let whole = try Data(contentsOf: URL(fileURLWithPath: journal))
        try (whole + Data(Self.record(3).line().prefix(40))).write(to: URL(fileURLWithPath: journal))
        let ledger = Ledger(folder: dir)
        _ = try ledger.load(stockTakenAfter: nil)
        #expect(ledger.count == 2)
        #expect(try ledger.record(for: "ref-3") == nil)
        #expect(try Data(contentsOf: URL(fileURLWithPath: journal)) == whole)
        // A damaged line in the middle is not guessed at: the run stops.
        try (Data("{\"oops\n".utf8) + whole).write(to: URL(fileURLWithPath: journal))
        #expect(throws: RunFailure.self) { _ = try Ledger(folder: dir).load(stockTakenAfter: nil) }
    }

    @Test("a group is committed whole or not at all: records after the last progress line are cut off")
    func tornGroup() throws {
        let dir = Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let name = InputName(bytes: Array("feed-\u{e9}.ndjson".utf8) + [0xFF])
        let progress = CommitProgress(entries: [
            .init(
                name: name, identity: FileIdentity(device: 2049, inode: 123_456, size: 9_999, modified: -5),
                carts: 256, finishedTo: nil),
            .init(
                name: InputName("a.json"), identity: FileIdentity(device: 1, inode: 2, size: 3, modified: 4), carts: 1,
                finishedTo: "rejected"),
        ])
        do {
            let ledger = Ledger(folder: dir)
            _ = try ledger.load(stockTakenAfter: nil)
            try ledger.commit([Self.record(1), Self.record(2)], progress: progress)
        }
        let journal = dir + "/journal.ndjson"
        let whole = try Data(contentsOf: URL(fileURLWithPath: journal))
        // Two whole record lines of a group whose progress line never made it.
        let torn = Data(Self.record(3).line() + Self.record(4).line())
        try (whole + torn).write(to: URL(fileURLWithPath: journal))
        let ledger = Ledger(folder: dir)
        _ = try ledger.load(stockTakenAfter: nil)
        #expect(ledger.count == 2)
        #expect(try ledger.record(for: "ref-2") != nil)
        #expect(try ledger.record(for: "ref-3") == nil)
        #expect(ledger.lastProgress == progress)  // names that are not UTF-8 included
        #expect(try Data(contentsOf: URL(fileURLWithPath: journal)) == whole)
    }

    @Test("a journal written before progress lines existed counts every whole record line")
    func journalWithoutProgressLines() throws {
        let dir = Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let journal = dir + "/journal.ndjson"
        try Data((1...3).flatMap { Self.record($0).line() }).write(to: URL(fileURLWithPath: journal))
        let ledger = Ledger(folder: dir)
        let taken = try ledger.load(stockTakenAfter: Timestamp(rfc3339: "2026-11-01T00:00:00Z"))
        #expect(ledger.count == 3)
        #expect(taken == ["sku-1": 2, "sku-2": 3, "sku-0": 4])
        #expect(ledger.lastProgress == nil)
        try ledger.commit([Self.record(4)])
        #expect(ledger.count == 4)
    }
    @Test(
        "a clean finish leaves a checkpoint: the next start reads no journal line and gets the same stock, count and progress"
    )
    func checkpoint() throws {
        let dir = Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let progress = CommitProgress(entries: [
            .init(
                name: InputName("feed.ndjson"), identity: FileIdentity(device: 1, inode: 2, size: 3, modified: 4),
                carts: 7, finishedTo: nil)
        ])
        do {
            let ledger = Ledger(folder: dir)
            _ = try ledger.load(stockTakenAfter: nil)
            try ledger.commit((0..<60).map { Self.record($0, day: 10 + $0 / 20) }, progress: progress)
            try ledger.seal()
        }
        let journal = dir + "/journal.ndjson"
        let whole = try Data(contentsOf: URL(fileURLWithPath: journal))
        // Every moment's stock, worked out here from the records: days 10, 11 and 12, 20 records each.
        func expected(after day: Int) -> [String: Int64] {
            var taken: [String: Int64] = [:]
            for n in 0..<60 where 10 + n / 20 > day { taken["sku-\(n % 3)", default: 0] += Int64(n % 5 + 1) }
            return taken
        }
        // The journal's lines made unreadable at the same length: only a start that reads none of them works.
        var damaged = whole
        damaged.replaceSubrange(60..<70, with: Data(repeating: 0x21, count: 10))
        try damaged.write(to: URL(fileURLWithPath: journal))
        for day in [9, 10, 11, 12] {
            let ledger = Ledger(folder: dir)
            let asOf = Timestamp(rfc3339: "2026-11-\(day < 10 ? "0" : "")\(day)T12:00:00Z")!
            #expect(try ledger.load(stockTakenAfter: asOf) == expected(after: day))
            #expect(ledger.count == 60)
            #expect(ledger.lastProgress == progress)
            try ledger.seal()
        }
        // A journal that grew after the checkpoint (a run that died) is read whole, checkpoint or not.
        var grown = ByteBuffer(capacity: 512)
        grown.append(Self.record(60, day: 12).line())
        CommitProgress(entries: []).appendLine(to: &grown)
        try (whole + Data(grown.array)).write(to: URL(fileURLWithPath: journal))
        let ledger = Ledger(folder: dir)
        var more = expected(after: 10)
        more["sku-0", default: 0] += 1
        #expect(try ledger.load(stockTakenAfter: Timestamp(rfc3339: "2026-11-10T12:00:00Z")!) == more)
        #expect(ledger.count == 61)
    }

    @Test("a commit's records sum by moment as added one at a time: runs of a moment, records without stock, the limit")
    func stockByTimeOfACommit() {
        func record(_ n: Int, second: Int, stock: [(sku: String, quantity: Int64)]) -> LedgerRecord {
            LedgerRecord(
                reference: "ref-\(n)", digest: "", orderId: "",
                createdAt: moment(second), stock: stock)
        }
        func moment(_ second: Int) -> Timestamp {
            func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
            return Timestamp(rfc3339: "2026-11-21T\(two(second / 3600)):\(two(second / 60 % 60)):\(two(second % 60))Z")!
        }
        // Moments 1, 1, 2, 1 (a moment met again after another), a record without stock opening a moment.
        let records = [
            record(0, second: 1, stock: [("a", 2), ("b", 1)]), record(1, second: 1, stock: [("a", 3)]),
            record(2, second: 2, stock: []), record(3, second: 2, stock: [("b", 4)]),
            record(4, second: 1, stock: [("b", 5)]), record(5, second: 3, stock: []),
        ]
        var together = LedgerCheckpoint.StockByTime()
        together.add(records)
        #expect(together.sums == [moment(1): ["a": 5, "b": 6], moment(2): ["b": 4]])
        // Past the limit of moments it gives up, whether the moments come in one commit or in several.
        let many = (0..<LedgerCheckpoint.StockByTime.limit + 1).map { record($0, second: $0, stock: [("a", 1)]) }
        var apart = LedgerCheckpoint.StockByTime()
        together = LedgerCheckpoint.StockByTime()
        for r in many.dropLast() { apart.add(r) }
        together.add(Array(many.dropLast()))
        #expect(!apart.overflowed && !together.overflowed && apart.sums == together.sums)
        apart.add(many.last!)
        together.add([many.last!])
        #expect(apart.overflowed && together.overflowed && together.sums.isEmpty)
    }

    @Test(
        "a new catalogue's stock is worked out without touching the live ledger: carts committed later are still found")
    func stockForANewCatalogue() throws {
        let dir = Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let ledger = Ledger(folder: dir)
        _ = try ledger.load(stockTakenAfter: nil)
        try ledger.commit([Self.record(1, day: 20)])
        #expect(try ledger.stockTaken(after: Timestamp(rfc3339: "2026-11-19T00:00:00Z")!) == ["sku-1": 2])
        try ledger.commit([Self.record(2, day: 21)])
        #expect(try ledger.record(for: "ref-2") != nil)
        #expect(ledger.count == 2)
        #expect(try ledger.stockTaken(after: Timestamp(rfc3339: "2026-11-20T12:00:00Z")!) == ["sku-2": 3])
    }
}

extension Ledger {
    /// A group without inputs to resume.
    fileprivate func commit(_ records: [LedgerRecord]) throws {
        try commit(records, progress: CommitProgress(entries: []))
    }
}
