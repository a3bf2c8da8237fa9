#if canImport(Glibc)
    import Glibc
#endif

/// An open file that closes itself: the one place where descriptors are opened, read, written and synced. Every
/// call is retried when a signal interrupts it (`EINTR`: `watch` handles SIGINT and SIGTERM), and every failure
/// is a `FileSystemError` naming the file, so no caller handles `errno` itself.
final class FileDescriptor {
    private(set) var raw: Int32
    private let name: Name

    /// What failures name: a path, or an input, whose path is joined only for a message (issue 18: joined for every
    /// input opened, ~1,200 instructions a one-cart file, and nearly never shown).
    private enum Name {
        case path(String)
        case input(InputPath)
    }

    /// The path failures name: for a temporary file, the document it becomes.
    var path: String {
        switch name {
        case .path(let path): path
        case .input(let input): input.description
        }
    }

    /// Takes ownership of an open descriptor.
    init(adopting raw: Int32, path: String) {
        self.raw = raw
        name = .path(path)
    }

    private init(adopting raw: Int32, input: InputPath) {
        self.raw = raw
        name = .input(input)
    }

    deinit { if raw >= 0 { Glibc.close(raw) } }

    /// Opens `file`; a failure is reported as `operation` on `reportedAs` (default: `file`).
    static func open(
        _ file: String, _ flags: Int32, mode: mode_t = 0o644, operation: String = "open",
        reportedAs: String? = nil
    ) throws(FileSystemError) -> FileDescriptor {
        // `withCString` lends the String's own bytes; passing the String copied them into a new array (issue 18).
        let raw = try retrying(operation, reportedAs ?? file) {
            file.withCString { Glibc.open($0, flags | O_CLOEXEC, mode) }
        }
        return FileDescriptor(adopting: raw, path: reportedAs ?? file)
    }

    /// Opens an input by the bytes of its name (SPEC §8), never through a link; `flags` adds to read-only.
    static func open(_ input: InputPath, flags: Int32 = 0) throws(FileSystemError) -> FileDescriptor {
        let raw = try retrying("read", input.description) {
            input.withCString { Glibc.open($0, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | flags) }
        }
        return FileDescriptor(adopting: raw, input: input)
    }

    /// Reads up to `buffer.count` bytes; 0 at the end of the file.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(FileSystemError) -> Int {
        try FileDescriptor.retrying("read", path) { Glibc.read(raw, buffer.baseAddress, buffer.count) }
    }

    /// Reads up to `buffer.count` bytes into the start of `buffer`; 0 at the end of the file.
    func read(into buffer: inout [UInt8]) throws(FileSystemError) -> Int {
        try buffer.withUnsafeMutableBytes { raw in Result { () throws(FileSystemError) in try read(into: raw) } }.get()
    }

    /// Reads up to `buffer.count` bytes at `offset`, leaving the file position alone.
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws(FileSystemError) -> Int {
        try FileDescriptor.retrying("read", path) { pread(raw, buffer.baseAddress, buffer.count, off_t(offset)) }
    }

    /// Writes all of `bytes`.
    func write(_ bytes: UnsafeRawBufferPointer) throws(FileSystemError) {
        var done = 0
        while done < bytes.count {
            done += try FileDescriptor.retrying("write", path) {
                Glibc.write(raw, bytes.baseAddress! + done, bytes.count - done)
            }
        }
    }

    func write(_ bytes: [UInt8]) throws(FileSystemError) {
        try bytes.withUnsafeBytes { raw in Result { () throws(FileSystemError) in try write(raw) } }.get()
    }

    /// Writes the bytes of plain values (an index's header and slots) at `offset`.
    func write<T: BitwiseCopyable>(_ values: [T], at offset: Int) throws(FileSystemError) {
        try values.withUnsafeBytes { raw in Result { () throws(FileSystemError) in try write(raw, at: offset) } }.get()
    }

    /// Writes the bytes of one plain value (never an array: its bytes are a reference) at `offset`.
    func writeValue<T: BitwiseCopyable>(_ value: T, at offset: Int) throws(FileSystemError) {
        try withUnsafeBytes(of: value) { raw in Result { () throws(FileSystemError) in try write(raw, at: offset) } }
            .get()
    }

    /// Reads up to `byteCount` bytes (default: all of `values`) at `offset` into plain values; returns the bytes read.
    func read<T: BitwiseCopyable>(into values: inout [T], byteCount: Int? = nil, at offset: Int) throws(FileSystemError)
        -> Int
    {
        try values.withUnsafeMutableBytes { raw in
            Result { () throws(FileSystemError) in
                try read(into: UnsafeMutableRawBufferPointer(rebasing: raw[..<(byteCount ?? raw.count)]), at: offset)
            }
        }.get()
    }

    /// Reads the bytes of one plain value at `offset`; returns the bytes read.
    func readValue<T: BitwiseCopyable>(into value: inout T, at offset: Int) throws(FileSystemError) -> Int {
        try withUnsafeMutableBytes(of: &value) { raw in
            Result { () throws(FileSystemError) in try read(into: raw, at: offset) }
        }.get()
    }

    /// Writes all of `bytes` at `offset`, leaving the file position alone.
    func write(_ bytes: UnsafeRawBufferPointer, at offset: Int) throws(FileSystemError) {
        var done = 0
        while done < bytes.count {
            done += try FileDescriptor.retrying("write", path) {
                pwrite(raw, bytes.baseAddress! + done, bytes.count - done, off_t(offset + done))
            }
        }
    }

    /// Makes what was written durable (`fsync`).
    func sync() throws(FileSystemError) {
        _ = try FileDescriptor.retrying("sync", path) { fsync(raw) }
    }

    /// What `fstat` says of the file.
    func status() throws(FileSystemError) -> stat {
        var st = stat()
        _ = try FileDescriptor.retrying("read", path) { fstat(raw, &st) }
        return st
    }

    /// The file's size; `regularOnly` refuses anything but a regular file.
    func size(regularOnly: Bool = false) throws(FileSystemError) -> Int64 {
        let st = try status()
        if regularOnly && (st.st_mode & S_IFMT) != S_IFREG {
            throw FileSystemError("read", path, reason: "not a regular file")
        }
        return Int64(st.st_size)
    }

    func truncate(to length: Int, operation: String = "resize") throws(FileSystemError) {
        _ = try FileDescriptor.retrying(operation, path) { ftruncate(raw, off_t(length)) }
    }

    /// Closes now and reports a failure (a write the kernel could only fail at close); `deinit` then does nothing.
    func close() throws(FileSystemError) {
        let r = raw
        raw = -1
        if Glibc.close(r) != 0 && errno != EINTR { throw FileSystemError("write", path, errno: errno) }
    }

    /// Calls `body` until it is not interrupted by a signal; a negative result is the failure in `errno`.
    private static func retrying<R: BinaryInteger>(
        _ operation: String, _ path: @autoclosure () -> String,
        _ body: () -> R
    ) throws(FileSystemError) -> R {
        while true {
            let result = body()
            if result >= 0 { return result }
            let code = errno  // before the path is joined, which may call into the allocator
            if code != EINTR { throw FileSystemError(operation, path(), errno: code) }
        }
    }
}
