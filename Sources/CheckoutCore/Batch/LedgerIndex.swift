#if canImport(Glibc)
    import Glibc
#endif

/// `outbox/.ledger/index`: which journal line holds each converted reference, as an open-addressing hash table in
/// a file, read and written with `pread`/`pwrite`. It keeps memory flat however many carts the ledger holds: the
/// table lives in the page cache, not in the process.
///
/// It is derived data. Slots hold a 64-bit hash and a journal offset; every lookup reads the journal line it
/// points at and compares the reference, so a hash collision costs a probe, never a wrong answer. The file is
/// trusted only when its header says it was closed cleanly and covers exactly the journal as it is; otherwise the
/// ledger rebuilds it from the journal.
final class LedgerIndex {
    let path: String
    private var file: FileDescriptor
    private(set) var slotCount: Int
    private(set) var used: Int
    /// Per-table random key mixed into every hash, so references cannot be chosen to collide.
    private var key: UInt64

    static let magic: UInt64 = 0x3130_3058_4449_4243  // "CBIDX001", little-endian
    static let headerSize = 64
    static let slotSize = 16
    static let minimumSlots = 1 << 12

    private init(path: String, file: FileDescriptor, slotCount: Int, used: Int, key: UInt64) {
        self.path = path
        self.file = file
        self.slotCount = slotCount
        self.used = used
        self.key = key
    }

    /// Opens the index if it was closed cleanly over exactly `journalLength` bytes of journal, and marks it in use.
    static func openTrusted(path: String, journalLength: Int) throws(FileSystemError) -> LedgerIndex? {
        guard let file = try? FileDescriptor.open(path, O_RDWR) else { return nil }
        var header = [UInt64](repeating: 0, count: 8)
        let n = (try? file.read(into: &header, at: 0)) ?? 0
        guard n == headerSize, header[0] == magic, header[4] == 1, header[3] == UInt64(journalLength),
            header[1] >= UInt64(minimumSlots), header[1].nonzeroBitCount == 1
        else {
            return nil
        }
        let index = LedgerIndex(path: path, file: file, slotCount: Int(header[1]), used: Int(header[2]), key: header[5])
        try index.writeHeader(journalLength: journalLength, clean: false)
        try file.sync()
        return index
    }

    /// A new, empty index, replacing any file at `path`.
    static func create(path: String, slots: Int = minimumSlots) throws(FileSystemError) -> LedgerIndex {
        let key = UInt64.random(in: .min ... .max)
        let index = try makeTable(path: path, slots: slots, key: key)
        try index.writeHeader(journalLength: 0, clean: false)
        return index
    }

    private static func makeTable(path: String, slots: Int, key: UInt64) throws(FileSystemError) -> LedgerIndex {
        let file = try FileDescriptor.open(path, O_RDWR | O_CREAT | O_TRUNC, operation: "create")
        try file.truncate(to: headerSize + slots * slotSize, operation: "size")
        return LedgerIndex(path: path, file: file, slotCount: slots, used: 0, key: key)
    }

    func writeHeader(journalLength: Int, clean: Bool) throws(FileSystemError) {
        let header: [UInt64] = [
            LedgerIndex.magic, UInt64(slotCount), UInt64(used), UInt64(journalLength), clean ? 1 : 0, key, 0, 0,
        ]
        try file.write(header, at: 0)
    }

    /// Makes the table durable, then records that it is clean and covers `journalLength` bytes of journal.
    func seal(journalLength: Int) throws(FileSystemError) {
        try file.sync()
        try writeHeader(journalLength: journalLength, clean: true)
        try file.sync()
    }

    /// FNV-1a over the table's key and the reference, finished with a SplitMix64 mix; never 0 (0 marks an empty slot).
    func hash(_ reference: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ key
        for b in reference.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        h = (h ^ (h >> 30)) &* 0xbf58_476d_1ce4_e5b9
        h = (h ^ (h >> 27)) &* 0x94d0_49bb_1331_11eb
        h ^= h >> 31
        return h == 0 ? 1 : h
    }

    private func slot(_ i: Int) throws(FileSystemError) -> (hash: UInt64, offset: UInt64) {
        var pair: (UInt64, UInt64) = (0, 0)
        let at = LedgerIndex.headerSize + i * LedgerIndex.slotSize
        let n = try file.readValue(into: &pair, at: at)
        if n != LedgerIndex.slotSize {
            throw FileSystemError("read", path, reason: "the index ends early; it is rebuilt on the next start")
        }
        return pair
    }

    private func setSlot(_ i: Int, hash: UInt64, offset: UInt64) throws(FileSystemError) {
        let pair = (hash, offset)
        let at = LedgerIndex.headerSize + i * LedgerIndex.slotSize
        try file.writeValue(pair, at: at)
    }

    /// Journal offsets whose hash matches `reference`, in probe order; the caller checks each line.
    func candidates(_ reference: String, _ visit: (UInt64) throws(FileSystemError) -> Bool) throws(FileSystemError) {
        let h = hash(reference)
        var i = Int(h & UInt64(slotCount - 1))
        while true {
            let s = try slot(i)
            if s.hash == 0 { return }
            if s.hash == h, try visit(s.offset) { return }
            i = (i + 1) & (slotCount - 1)
        }
    }

    /// Adds a reference that is not in the table yet (the ledger converts a reference at most once).
    func insert(_ reference: String, offset: UInt64) throws(FileSystemError) {
        if (used + 1) * 2 > slotCount { try grow() }
        try place(hash: hash(reference), offset: offset)
        used += 1
    }

    private func place(hash h: UInt64, offset: UInt64) throws(FileSystemError) {
        var i = Int(h & UInt64(slotCount - 1))
        while try slot(i).hash != 0 { i = (i + 1) & (slotCount - 1) }
        try setSlot(i, hash: h, offset: offset)
    }

    /// Doubles the table: a new file beside this one, every slot placed again, then renamed over it.
    private func grow() throws(FileSystemError) {
        let next = try LedgerIndex.makeTable(path: path + ".grow", slots: slotCount * 2, key: key)
        let batch = 4096
        var buffer = [UInt64](repeating: 0, count: batch * 2)
        var first = 0
        while first < slotCount {
            let count = min(batch, slotCount - first)
            let bytes = count * LedgerIndex.slotSize
            let n = try file.read(
                into: &buffer, byteCount: bytes, at: LedgerIndex.headerSize + first * LedgerIndex.slotSize)
            if n != bytes {
                throw FileSystemError("read", path, reason: "the index ends early; it is rebuilt on the next start")
            }
            for k in 0..<count where buffer[2 * k] != 0 {
                try next.place(hash: buffer[2 * k], offset: buffer[2 * k + 1])
            }
            first += count
        }
        next.used = used
        try next.writeHeader(journalLength: 0, clean: false)
        if rename(next.path, path) != 0 { throw FileSystemError("replace", path, errno: errno) }
        file = next.file  // the old table closes when its last reference goes
        slotCount = next.slotCount
    }
}
