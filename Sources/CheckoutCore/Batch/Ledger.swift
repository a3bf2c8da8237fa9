#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// One converted cart, as the ledger remembers it: the commit point of SPEC §10.
public struct LedgerRecord: Sendable {
    public var reference: String
    /// SHA-256 of the cart's canonical content, to tell a duplicate from a conflicting resubmission.
    public var digest: String
    public var orderId: String
    public var createdAt: Timestamp
    /// Stock taken, by sku.
    public var stock: [(sku: String, quantity: Int64)]

    func line() -> [UInt8] {
        var out = "{\"reference\":\"\(reference)\",\"digest\":\"\(digest)\",\"order_id\":\"\(orderId)\",\"created_at\":\"\(createdAt.rfc3339)\",\"nanos\":\(createdAt.nanoseconds),\"stock\":["
        for (i, s) in stock.enumerated() {
            if i > 0 { out += "," }
            out += "[" + jsonString(s.sku) + ",\(s.quantity)]"
        }
        out += "]}\n"
        return Array(out.utf8)
    }

    private func jsonString(_ s: String) -> String {
        var w = JSONWriter()
        w.string(s)
        return String(decoding: w.bytes, as: UTF8.self)
    }

    init(reference: String, digest: String, orderId: String, createdAt: Timestamp, stock: [(sku: String, quantity: Int64)]) {
        self.reference = reference
        self.digest = digest
        self.orderId = orderId
        self.createdAt = createdAt
        self.stock = stock
    }

    init?(_ node: DocNode) {
        guard case .string(let reference)? = node["reference"]?.value, case .string(let digest)? = node["digest"]?.value,
              case .string(let orderId)? = node["order_id"]?.value, case .string(let created)? = node["created_at"]?.value,
              var createdAt = Timestamp(rfc3339: created), case .array(let stock)? = node["stock"]?.value
        else { return nil }
        if case .number(let n)? = node["nanos"]?.value, let nanos = Int32(n) { createdAt.nanoseconds = nanos }
        var taken: [(sku: String, quantity: Int64)] = []
        for entry in stock {
            guard case .array(let pair) = entry.value, pair.count == 2, case .string(let sku) = pair[0].value,
                  case .number(let q) = pair[1].value, let quantity = Int64(q) else { return nil }
            taken.append((sku, quantity))
        }
        self.init(reference: reference, digest: digest, orderId: orderId, createdAt: createdAt, stock: taken)
    }
}

/// The run state in `outbox/.ledger/`: an append-only journal of converted carts, and the workspace lock.
/// Never edited by hand (SPEC §1).
public final class Ledger {
    public let folder: String
    public private(set) var records: [LedgerRecord] = []
    /// The record of each converted reference.
    private var byReference: [String: Int] = [:]
    private var journalFD: Int32 = -1
    private var lockFD: Int32 = -1

    public var journalPath: String { folder + "/journal.ndjson" }
    public var lockPath: String { folder + "/lock" }

    public init(folder: String) {
        self.folder = folder
    }

    deinit {
        if journalFD >= 0 { close(journalFD) }
        if lockFD >= 0 { close(lockFD) }  // releases the flock
    }

    /// Takes the workspace lock (SPEC §10): an `flock` the kernel releases when the process dies; the file
    /// stays. Throws `.locked` naming the holder when another process has it.
    public func lock() throws(RunFailure) {
        do { try FileSystem.makeDirectories(folder) } catch { throw .io(error) }
        let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .io(FileSystemError("open", lockPath, errno: errno)) }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let holder = (try? FileSystem.readAll(lockPath)).map { String(decoding: $0, as: UTF8.self) } ?? ""
            close(fd)
            let who = holder.trimmingWhitespace.isEmpty ? "another process" : "process \(holder.trimmingWhitespace)"
            throw .locked("\(who) holds the workspace lock \(lockPath); wait for it to finish")
        }
        _ = ftruncate(fd, 0)
        let pid = Array("\(getpid())\n".utf8)
        _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        lockFD = fd
    }

    /// Reads the journal. A last line cut short by a crash was never committed and is dropped.
    public func load() throws(RunFailure) {
        guard FileSystem.exists(journalPath) else { return }
        let bytes: [UInt8]
        do { bytes = try FileSystem.readAll(journalPath) } catch { throw .io(error) }
        var start = 0
        var lineNumber = 0
        var validEnd = 0
        while start < bytes.count {
            lineNumber += 1
            guard let nl = bytes[start...].firstIndex(of: 0x0A) else { break }  // torn tail
            let slice = Array(bytes[start..<nl])
            guard let node = try? JSONParser.parse(slice), let record = LedgerRecord(node) else {
                throw .io(FileSystemError("read", journalPath, reason: "line \(lineNumber) is damaged; restore the ledger from a backup"))
            }
            add(record)
            start = nl + 1
            validEnd = start
        }
        if validEnd < bytes.count {
            if truncate(journalPath, off_t(validEnd)) != 0 { throw .io(FileSystemError("repair", journalPath, errno: errno)) }
        }
    }

    private func add(_ record: LedgerRecord) {
        if let existing = byReference[record.reference] {
            records[existing] = record
        } else {
            byReference[record.reference] = records.count
            records.append(record)
        }
    }

    public func record(for reference: String) -> LedgerRecord? {
        byReference[reference].map { records[$0] }
    }

    /// Appends records and makes them durable: after this returns, those carts count as converted.
    public func commit(_ new: [LedgerRecord]) throws(FileSystemError) {
        guard !new.isEmpty else { return }
        if journalFD < 0 {
            journalFD = open(journalPath, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
            guard journalFD >= 0 else { throw FileSystemError("write", journalPath, errno: errno) }
            try FileSystem.syncDirectory(folder)
        }
        var bytes: [UInt8] = []
        for r in new { bytes += r.line() }
        try FileSystem.writeAll(journalFD, bytes, path: journalPath)
        if fsync(journalFD) != 0 { throw FileSystemError("sync", journalPath, errno: errno) }
        for r in new { add(r) }
    }
}

/// Why a run stopped before finishing, each with the exit code of SPEC §1.
public enum RunFailure: Error, CustomStringConvertible {
    case usage(String)
    case missing(String)
    case io(FileSystemError)
    case locked(String)
    case invalidCatalogue([CatalogueProblem])

    public var exitCode: Int32 {
        switch self {
        case .usage: return 64
        case .missing: return 66
        case .io: return 74
        case .locked: return 75
        case .invalidCatalogue: return 78
        }
    }

    public var description: String {
        switch self {
        case .usage(let m), .missing(let m), .locked(let m): return m
        case .io(let e): return "\(e); the run stopped and the inputs stay in the inbox, so fix this and run again"
        case .invalidCatalogue(let problems):
            let list = problems.map { "  " + $0.description }.joined(separator: "\n")
            return "the catalogue is invalid (\(problems.count) problem\(problems.count == 1 ? "" : "s")); no cart was touched. Fix these and run again:\n" + list
        }
    }
}
