#if canImport(Glibc)
    import Glibc
#endif

/// `outbox/.ledger/index`: which journal line holds each converted reference, as an open-addressing hash table in
/// a file, mapped into memory. A lookup and an insert per cart are then memory reads and writes, not six `pread`s
/// and `pwrite`s on the committing thread (issue 18). The mapping is file-backed: its pages (16 bytes a slot, at
/// most 4 slots per converted cart) live in the page cache, which the kernel can write back and drop.
///
/// It is derived data. Slots hold a 64-bit hash and a journal offset; every lookup reads the journal line it
/// points at and compares the reference, so a hash collision costs a probe, never a wrong answer. The file is
/// trusted only when its header says it was closed cleanly and covers exactly the journal as it is; otherwise the
/// ledger rebuilds it from the journal.
final class LedgerIndex {
    let path: String
    private var table: MappedFile
    private var file: FileDescriptor { table.file }
    private(set) var slotCount: Int
    private(set) var used: Int
    /// Per-table random key mixed into every hash, so references cannot be chosen to collide.
    private var key: UInt64

    static let magic: UInt64 = 0x3130_3058_4449_4243  // "CBIDX001", little-endian
    static let headerSize = 64
    static let slotSize = 16
    static let minimumSlots = 1 << 12

    private init(path: String, table: MappedFile, slotCount: Int, used: Int, key: UInt64) {
        self.path = path
        self.table = table
        self.slotCount = slotCount
        self.used = used
        self.key = key
    }

    /// Opens the index if it was closed cleanly over exactly `journalLength` bytes of journal, and marks it in use;
    /// `readOnly` (`check`) only looks things up and leaves the file as it is.
    static func openTrusted(
        path: String, journalLength: Int, readOnly: Bool = false
    ) throws(FileSystemError) -> LedgerIndex? {
        guard let file = try? FileDescriptor.open(path, readOnly ? O_RDONLY : O_RDWR) else { return nil }
        var header = [UInt64](repeating: 0, count: 8)
        let n = (try? file.read(into: &header, at: 0)) ?? 0
        guard n == headerSize, header[0] == magic, header[4] == 1, header[3] == UInt64(journalLength),
            header[1] >= UInt64(minimumSlots), header[1].nonzeroBitCount == 1, header[1] < 1 << 40,
            let size = try? file.size(), size == Int64(headerSize) + Int64(header[1]) * Int64(slotSize)
        else {
            return nil
        }
        // An index an earlier version left sparse gets its blocks now (see `makeTable`).
        let failed = posix_fallocate(file.raw, 0, off_t(size))
        if failed != 0 { throw FileSystemError("size", path, errno: failed) }
        let table = try MappedFile(file, bytes: Int(size))
        let index = LedgerIndex(
            path: path, table: table, slotCount: Int(header[1]), used: Int(header[2]), key: header[5])
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
        let bytes = headerSize + slots * slotSize
        // Every block allocated now, so a full disk is an error here, never a SIGBUS when a mapped page is written.
        let failed = posix_fallocate(file.raw, 0, off_t(bytes))
        if failed != 0 { throw FileSystemError("size", path, errno: failed) }
        let table = try MappedFile(file, bytes: bytes)
        return LedgerIndex(path: path, table: table, slotCount: slots, used: 0, key: key)
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

    private func slot(_ i: Int) -> (hash: UInt64, offset: UInt64) {
        let at = table.base + LedgerIndex.headerSize + i * LedgerIndex.slotSize
        return (at.loadUnaligned(as: UInt64.self), at.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
    }

    private func setSlot(_ i: Int, hash: UInt64, offset: UInt64) {
        let at = table.base + LedgerIndex.headerSize + i * LedgerIndex.slotSize
        at.storeBytes(of: hash, as: UInt64.self)
        at.storeBytes(of: offset, toByteOffset: 8, as: UInt64.self)
    }

    /// Journal offsets whose hash matches `reference`, in probe order; the caller checks each line.
    func candidates(_ reference: String, _ visit: (UInt64) throws(FileSystemError) -> Bool) throws(FileSystemError) {
        let h = hash(reference)
        var i = Int(h & UInt64(slotCount - 1))
        while true {
            let s = slot(i)
            if s.hash == 0 { return }
            if s.hash == h, try visit(s.offset) { return }
            i = (i + 1) & (slotCount - 1)
        }
    }

    /// Adds a reference that is not in the table yet (the ledger converts a reference at most once).
    func insert(_ reference: String, offset: UInt64) throws(FileSystemError) {
        if (used + 1) * 2 > slotCount { try grow() }
        place(hash: hash(reference), offset: offset)
        used += 1
    }

    private func place(hash h: UInt64, offset: UInt64) {
        var i = Int(h & UInt64(slotCount - 1))
        while slot(i).hash != 0 { i = (i + 1) & (slotCount - 1) }
        setSlot(i, hash: h, offset: offset)
    }

    /// Doubles the table: a new file beside this one, every slot placed again, then renamed over it.
    private func grow() throws(FileSystemError) {
        let next = try LedgerIndex.makeTable(path: path + ".grow", slots: slotCount * 2, key: key)
        for i in 0..<slotCount {
            let s = slot(i)
            if s.hash != 0 { next.place(hash: s.hash, offset: s.offset) }
        }
        next.used = used
        try next.writeHeader(journalLength: 0, clean: false)
        if rename(next.path, path) != 0 { throw FileSystemError("replace", path, errno: errno) }
        table = next.table  // the old table is unmapped and closed when its last reference goes
        slotCount = next.slotCount
    }
}

/// A file mapped into memory, shared with the page cache, for as long as this lives.
final class MappedFile {
    let file: FileDescriptor
    let base: UnsafeMutableRawPointer
    let bytes: Int

    init(_ file: FileDescriptor, bytes: Int, writable: Bool = true) throws(FileSystemError) {
        let mapped = mmap(nil, bytes, writable ? PROT_READ | PROT_WRITE : PROT_READ, MAP_SHARED, file.raw, 0)
        guard let mapped, mapped != UnsafeMutableRawPointer(bitPattern: -1) else {
            throw FileSystemError("map", file.path, errno: errno)
        }
        self.file = file
        self.base = mapped
        self.bytes = bytes
    }

    deinit { munmap(base, bytes) }
}
