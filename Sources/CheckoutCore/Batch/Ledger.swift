#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// One converted cart, as the ledger remembers it: the commit point of SPEC §10.
struct LedgerRecord: Sendable {
    var reference: String
    /// SHA-256 of the cart's canonical content, to tell a duplicate from a conflicting resubmission.
    var digest: String
    var orderId: String
    var createdAt: Timestamp
    /// Stock taken, by sku.
    var stock: [(sku: String, quantity: Int64)]

    /// The journal line. The reference (well-formed, SPEC §11), digest, id and time need no escaping; a sku may.
    /// The journal line of this record alone.
    func line() -> [UInt8] {
        var out = ByteBuffer(capacity: 256)
        appendLine(to: &out, createdAtText: createdAt.rfc3339)
        return out.array
    }

    /// `createdAtText` is `createdAt` in RFC 3339 (a group of records shares one time; formatted once).
    func appendLine(to out: inout ByteBuffer, createdAtText: String) {
        out.append("{\"reference\":\"")
        out.append(string: reference)
        out.append("\",\"digest\":\"")
        out.append(string: digest)
        out.append("\",\"order_id\":\"")
        out.append(string: orderId)
        out.append("\",")
        LedgerRecord.appendTimeAndStock(createdAt, text: createdAtText, stock, to: &out)
        out.append("}\n")
    }

    /// `"created_at":"…","nanos":…,"stock":[["sku",quantity],…]`: how a record, and a checkpoint's moment, write
    /// when stock was taken and how much. `text` is `moment` in RFC 3339.
    static func appendTimeAndStock(
        _ moment: Timestamp, text: String, _ stock: [(sku: String, quantity: Int64)], to out: inout ByteBuffer
    ) {
        out.append("\"created_at\":\"")
        out.append(string: text)
        out.append("\",\"nanos\":")
        ByteBuffer.appendDecimal(Int64(moment.nanoseconds), to: &out)
        out.append(",\"stock\":[")
        for (i, s) in stock.enumerated() {
            if i > 0 { out.append(0x2C) }
            out.append(0x5B)
            ByteBuffer.appendQuoted(s.sku, to: &out)
            out.append(0x2C)
            ByteBuffer.appendDecimal(s.quantity, to: &out)
            out.append(0x5D)
        }
        out.append(0x5D)
    }

    /// What `appendTimeAndStock` wrote, read back from a parsed line; nil when it is not there whole.
    static func timeAndStock(_ node: DocNode) -> (Timestamp, [(sku: String, quantity: Int64)])? {
        guard case .string(let created)? = node["created_at"]?.value, var moment = Timestamp(rfc3339: created),
            case .array(let pairs)? = node["stock"]?.value
        else { return nil }
        if case .number(let n)? = node["nanos"]?.value, let nanos = Int32(n) { moment.nanoseconds = nanos }
        var stock: [(sku: String, quantity: Int64)] = []
        for entry in pairs {
            guard case .array(let pair) = entry.value, pair.count == 2, case .string(let sku) = pair[0].value,
                case .number(let q) = pair[1].value, let quantity = Int64(q)
            else { return nil }
            stock.append((sku, quantity))
        }
        return (moment, stock)
    }

    init(
        reference: String, digest: String, orderId: String, createdAt: Timestamp,
        stock: [(sku: String, quantity: Int64)]
    ) {
        self.reference = reference
        self.digest = digest
        self.orderId = orderId
        self.createdAt = createdAt
        self.stock = stock
    }

    init?(_ node: DocNode) {
        guard case .string(let reference)? = node["reference"]?.value,
            case .string(let digest)? = node["digest"]?.value,
            case .string(let orderId)? = node["order_id"]?.value,
            let (createdAt, stock) = LedgerRecord.timeAndStock(node)
        else { return nil }
        self.init(reference: reference, digest: digest, orderId: orderId, createdAt: createdAt, stock: stock)
    }
}

/// The run state in `outbox/.ledger/` (SPEC §10): an append-only journal of converted carts — the commit point —
/// an index of it by reference, and the workspace lock. Never edited by hand (SPEC §1).
///
/// Memory stays flat however long the journal grows: the journal is read line by line at start, and lookups go
/// through `LedgerIndex`, a hash table in a file.
final class Ledger {
    let folder: String
    private var journal: FileDescriptor?
    /// Held open while the run lasts: closing it (or dying) releases the flock.
    private var lockFile: FileDescriptor?
    private var index: LedgerIndex?
    /// The journal's length in bytes: where the next record goes.
    private var journalLength = 0
    /// Converted carts in the journal.
    private(set) var count = 0
    /// Where the inputs of the last committed group stood (`CommitProgress`): what a restart resumes.
    private(set) var lastProgress: CommitProgress?
    /// Stock taken by moment, kept up to date so the checkpoint can be written and a new catalogue's stock worked out
    /// without reading the journal again.
    private var stock = LedgerCheckpoint.StockByTime()
    /// For a read-only look (`check`): the journal's references and digests, held in memory instead of an index
    /// file, since nothing may be written.
    private var readOnlyDigests: [String: String]?

    var journalPath: String { folder + "/journal.ndjson" }
    var lockPath: String { folder + "/lock" }
    var indexPath: String { folder + "/index" }

    init(folder: String) {
        self.folder = folder
    }

    /// Takes the workspace lock (SPEC §10): an `flock` the kernel releases when the process dies; the file
    /// stays. Throws `.locked` naming the holder when another process has it.
    func lock() throws(RunFailure) {
        let file: FileDescriptor
        do {
            try FileSystem.makeDirectories(folder)
            file = try FileDescriptor.open(lockPath, O_RDWR | O_CREAT)
        } catch {
            throw .io(error)
        }
        if flock(file.raw, LOCK_EX | LOCK_NB) != 0 {
            let holder = (try? FileSystem.readAll(lockPath)).map { String(decoding: $0, as: UTF8.self) } ?? ""
            let who = holder.trimmingWhitespace.isEmpty ? "another process" : "process \(holder.trimmingWhitespace)"
            throw .locked("\(who) holds the workspace lock \(lockPath); wait for it to finish")
        }
        // Who holds it, for the message a second process prints; a failure here only loses that courtesy.
        try? file.truncate(to: 0)
        try? file.write(Array("\(getpid())\n".utf8), at: 0)
        lockFile = file
    }

    /// Reads the journal line by line and returns the stock taken by carts converted after `asOf` (SPEC §6).
    /// What was never committed — a last line or group cut short by a crash — is cut off. The index is used when
    /// it was left clean over exactly this journal, and rebuilt from the journal otherwise (after a crash, say).
    func load(stockTakenAfter asOf: Timestamp?) throws(RunFailure) -> [String: Int64] {
        var taken: [String: Int64] = [:]
        do throws(FileSystemError) {
            let existed = FileSystem.exists(journalPath)
            let journal = try FileDescriptor.open(journalPath, O_RDWR | O_CREAT | O_APPEND)
            self.journal = journal
            if !existed {
                // A new journal starts with an empty group, so its first real group is committed whole or not at
                // all (`JournalScan`); and its own name must survive a crash too.
                var header = ByteBuffer(capacity: 32)
                CommitProgress(entries: []).appendLine(to: &header)
                try journal.write(header.array)
                try journal.sync()
                try FileSystem.syncDirectory(folder)
            }
            let size = Int(try journal.size())
            let trusted = try LedgerIndex.openTrusted(path: indexPath, journalLength: size)
            let index: LedgerIndex
            if let trusted { index = trusted } else { index = try LedgerIndex.create(path: indexPath) }
            self.index = index

            // A clean finish left a checkpoint over exactly this journal: nothing to read (issue 18).
            if trusted != nil, let checkpoint = LedgerCheckpoint.read(in: folder), checkpoint.journalLength == size,
                let fromCheckpoint = checkpoint.stock.taken(after: asOf)
            {
                count = checkpoint.count
                lastProgress = checkpoint.lastProgress
                stock = checkpoint.stock
                journalLength = size
                return fromCheckpoint
            }
            let lines = LineReader(try FileDescriptor.open(journalPath, O_RDONLY, operation: "read"))
            let scan = try JournalScan.scan(lines, path: journalPath) { (record, offset) throws(FileSystemError) in
                if let asOf, record.createdAt > asOf {
                    for (sku, quantity) in record.stock { taken[sku, default: 0] &+= quantity }
                }
                if trusted == nil { try index.insert(record.reference, offset: UInt64(offset)) }
                stock.add(record)
                count += 1
            }
            if size > scan.committedEnd { try journal.truncate(to: scan.committedEnd, operation: "repair") }
            journalLength = scan.committedEnd
            lastProgress = scan.lastProgress
        } catch {
            throw .io(error)
        }
        return taken
    }

    /// The stock taken after `asOf` by the carts in the journal, for a new catalogue's inventory (`watch`): from
    /// what the ledger keeps in memory, or read from the journal when that gave up. Changes nothing in the ledger.
    func stockTaken(after asOf: Timestamp?) throws(RunFailure) -> [String: Int64] {
        if journal != nil, let taken = stock.taken(after: asOf) { return taken }
        return try Ledger(folder: folder).loadReadOnly(stockTakenAfter: asOf)
    }

    /// Reads the journal without writing anything — no index, no repair of a torn tail — for `check`.
    /// A clean finish's index and checkpoint are used as they are, read-only; otherwise the journal's references and
    /// digests are read into memory.
    func loadReadOnly(stockTakenAfter asOf: Timestamp?) throws(RunFailure) -> [String: Int64] {
        var taken: [String: Int64] = [:]
        guard FileSystem.exists(journalPath) else {
            readOnlyDigests = [:]
            return taken
        }
        if let journal = try? FileDescriptor.open(journalPath, O_RDONLY, operation: "read"),
            let size = try? journal.size(), let checkpoint = LedgerCheckpoint.read(in: folder),
            checkpoint.journalLength == Int(size), let fromCheckpoint = checkpoint.stock.taken(after: asOf),
            let index = try? LedgerIndex.openTrusted(path: indexPath, journalLength: Int(size), readOnly: true)
        {
            self.journal = journal
            self.index = index
            count = checkpoint.count
            return fromCheckpoint
        }
        var digests: [String: String] = [:]
        defer { readOnlyDigests = digests }
        do throws(FileSystemError) {
            let lines = LineReader(try FileDescriptor.open(journalPath, O_RDONLY, operation: "read"))
            _ = try JournalScan.scan(lines, path: journalPath) { (record, _) throws(FileSystemError) in
                if let asOf, record.createdAt > asOf {
                    for (sku, quantity) in record.stock { taken[sku, default: 0] &+= quantity }
                }
                digests[record.reference] = record.digest
                count += 1
            }
        } catch {
            throw .io(error)
        }
        return taken
    }

    /// The record of a converted reference, read from the journal line the index points at.
    func record(for reference: String) throws(FileSystemError) -> LedgerRecord? {
        if let readOnlyDigests {
            return readOnlyDigests[reference].map {
                LedgerRecord(
                    reference: reference, digest: $0, orderId: OrderIdMaker.orderId(reference: reference),
                    createdAt: Timestamp(seconds: 0), stock: [])
            }
        }
        guard let index else { return nil }
        var found: LedgerRecord?
        try index.candidates(reference) { (offset: UInt64) throws(FileSystemError) -> Bool in
            guard let record = try self.record(at: Int(offset)), record.reference == reference else { return false }
            found = record
            return true
        }
        return found
    }

    private func record(at offset: Int) throws(FileSystemError) -> LedgerRecord? {
        guard let journal else { return nil }
        var size = 512
        while true {
            var buffer = [UInt8](repeating: 0, count: size)
            let n = try journal.read(into: &buffer, at: offset)
            if let nl = buffer[0..<n].firstIndex(of: 0x0A) {
                return (try? JSONParser.parse(Array(buffer[0..<nl]))).flatMap(LedgerRecord.init)
            }
            if n < size { return nil }
            size *= 4
        }
    }

    /// Appends a group's records and its progress line and makes them durable: the commit point. After this
    /// returns, those carts count as converted and the inputs stand where `progress` says.
    func commit(_ new: [LedgerRecord], progress: CommitProgress) throws(FileSystemError) {
        var lines = ByteBuffer(capacity: 256 * new.count + 128 * progress.entries.count + 16)
        var offsets: [Int] = []
        offsets.reserveCapacity(new.count)
        var time: (Timestamp, String)?
        // By index: `for r in new` copied each record, retaining its five references (issue 18).
        for k in new.indices {
            offsets.append(journalLength + lines.count)
            if time?.0 != new[k].createdAt { time = (new[k].createdAt, new[k].createdAt.rfc3339) }
            new[k].appendLine(to: &lines, createdAtText: time!.1)
        }
        progress.appendLine(to: &lines)
        let bytes = lines.array
        guard let journal else { preconditionFailure("commit before load") }
        try journal.write(bytes)
        try journal.sync()
        journalLength += bytes.count
        count += new.count
        lastProgress = progress
        stock.add(new)
        for k in new.indices { try index?.insert(new[k].reference, offset: UInt64(offsets[k])) }
    }

    /// Leaves the index clean over the journal, so the next run can trust it instead of rebuilding it, and writes the
    /// checkpoint that lets it start without reading the journal.
    func seal() throws(FileSystemError) {
        guard let index else { return }
        try index.seal(journalLength: journalLength)
        let checkpoint = LedgerCheckpoint.path(in: folder)
        if stock.overflowed {
            try FileSystem.remove(checkpoint)
        } else {
            try FileSystem.writeAtomically(
                checkpoint,
                LedgerCheckpoint(journalLength: journalLength, count: count, lastProgress: lastProgress, stock: stock)
                    .render())
        }
        try FileSystem.syncDirectory(folder)
    }
}
