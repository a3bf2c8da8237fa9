#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// An operational failure on a file: what was attempted, on which path, and the system's reason.
public struct FileSystemError: Error, Sendable, CustomStringConvertible {
    var operation: String
    var path: String
    var reason: String
    /// The system's error number, when the system gave one (0 otherwise).
    var code: Int32 = 0

    init(_ operation: String, _ path: String, errno code: Int32) {
        self.operation = operation
        self.path = path
        self.reason = String(cString: strerror(code))
        self.code = code
    }

    init(_ operation: String, _ path: String, reason: String) {
        self.operation = operation
        self.path = path
        self.reason = reason
    }

    public var description: String { "cannot \(operation) \(path): \(reason)" }
}

/// The few file operations the batch needs, done with POSIX calls so that writes are atomic and durable
/// (SPEC §10): Foundation's atomic write leaves stray temp files and never syncs the folder.
public enum FileSystem {
    static func exists(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0
    }

    static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    static func isRegularFile(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG
    }

    /// The device id of a path, to check that workspace folders share one filesystem (renames stay atomic).
    static func device(_ path: String) -> UInt64? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return UInt64(st.st_dev)
    }

    static func readAll(_ path: String) throws(FileSystemError) -> [UInt8] {
        try readAll(try FileDescriptor.open(path, O_RDONLY | O_NOFOLLOW, operation: "read"))
    }

    /// Reads an open regular file to its end; more than `limit` bytes is an error, found before anything is read.
    /// The bytes go straight into a result sized by the file — no zeroed chunk copied over (issue 18) — with room
    /// for one byte more, so the end is seen without growing: a regular file reads short only at its end, so one
    /// `read` does for a file that stays as `fstat` saw it; one that grows while it is read is read on. `size`: what
    /// the caller's `fstat` of this regular file said, so it is not asked again.
    static func readAll(_ file: FileDescriptor, limit: Int64 = .max, size known: Int64? = nil) throws(FileSystemError)
        -> [UInt8]
    {
        let size: Int64
        if let known { size = known } else { size = try file.size(regularOnly: true) }
        guard size <= limit else { throw FileSystemError("read", file.path, reason: "larger than \(limit) bytes") }
        var failure: FileSystemError?
        var atEnd = false
        var result = [UInt8](unsafeUninitializedCapacity: Int(size) + 1) { buffer, count in
            let raw = UnsafeMutableRawBufferPointer(buffer)
            while count < raw.count {
                do throws(FileSystemError) {
                    let wanted = raw.count - count
                    let n = try file.read(into: UnsafeMutableRawBufferPointer(rebasing: raw[count...]))
                    count += n
                    // Short with every byte `fstat` saw read: the end (a long read is cut at 2 GiB, not ended).
                    if n == 0 || (n < wanted && count >= raw.count - 1) {
                        atEnd = true
                        return
                    }
                } catch {
                    failure = error
                    return
                }
            }
        }
        if let failure { throw failure }
        if atEnd { return result }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            // A file that grows while it is read is held to the same limit.
            if Int64(result.count) > limit {
                throw FileSystemError("read", file.path, reason: "larger than \(limit) bytes")
            }
            let n = try file.read(into: &chunk)
            if n == 0 { return result }
            result.append(contentsOf: chunk[0..<n])
        }
    }

    /// Creates a folder and its parents.
    static func makeDirectories(_ path: String) throws(FileSystemError) {
        if isDirectory(path) { return }
        let parent = parentOf(path)
        if !parent.isEmpty && parent != path { try makeDirectories(parent) }
        if mkdir(path, 0o755) != 0 && errno != EEXIST { throw FileSystemError("create folder", path, errno: errno) }
    }

    static func parentOf(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    static func baseName(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// Writes `bytes` to a temporary name (`.tmp-<name>` in the same folder unless `temporary` names another place
    /// on the same filesystem), syncs it, and renames it into place: a reader sees the old file or the whole new
    /// one, never half of it.
    static func writeAtomically(
        _ path: String, _ bytes: [UInt8], sync: Bool = true, temporary: String? = nil
    ) throws(FileSystemError) {
        let tmp = temporary ?? parentOf(path) + "/.tmp-" + baseName(path)
        do throws(FileSystemError) {
            let file = try FileDescriptor.open(tmp, O_WRONLY | O_CREAT | O_TRUNC, operation: "write", reportedAs: path)
            try file.write(bytes)
            if sync { try file.sync() }
            try file.close()
        } catch {
            unlink(tmp)
            throw error
        }
        if rename(tmp, path) != 0 {
            let e = errno
            unlink(tmp)
            throw FileSystemError("write", path, errno: e)
        }
    }

    /// Writes `bytes` to a new file at `path` (replacing one there), unsynced: a document staged under a temporary
    /// name, renamed into place later.
    static func writeFile(_ path: String, _ bytes: [UInt8]) throws(FileSystemError) {
        try bytes.withUnsafeBytes { raw in Result { () throws(FileSystemError) in try writeFile(path, raw) } }.get()
    }

    static func writeFile(_ path: String, _ bytes: UnsafeRawBufferPointer) throws(FileSystemError) {
        do throws(FileSystemError) {
            let file = try FileDescriptor.open(path, O_WRONLY | O_CREAT | O_TRUNC, operation: "write")
            try file.write(bytes)
            try file.close()
        } catch {
            unlink(path)
            throw error
        }
    }

    /// Makes a folder's entries (new names, renames, removals) durable.
    static func syncDirectory(_ path: String) throws(FileSystemError) {
        let folder = try FileDescriptor.open(path, O_RDONLY | O_DIRECTORY, operation: "open folder")
        do { try folder.sync() } catch  where error.code != EINVAL {
            throw FileSystemError("sync folder", path, errno: error.code)
        } catch {}
    }

    static func move(_ from: String, to: String) throws(FileSystemError) {
        // `withCString` lends the Strings' own bytes; passing them copied each into a new array (issue 18).
        let result = from.withCString { f in to.withCString { t in rename(f, t) } }
        if result != 0 { throw FileSystemError("move \(from) to", to, errno: errno) }
    }

    /// Removes a file if it is there.
    static func remove(_ path: String) throws(FileSystemError) {
        if path.withCString({ unlink($0) }) != 0 && errno != ENOENT {
            throw FileSystemError("remove", path, errno: errno)
        }
    }

    /// The names in a folder sorted by their bytes (SPEC §10), without `.` and `..`. Names that are not valid
    /// UTF-8 come back with U+FFFD in them: use `listNames` where such names must be handled as they are.
    static func list(_ path: String) throws(FileSystemError) -> [String] {
        try listNames(path).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The names in a folder as their bytes, sorted (SPEC §10), without `.` and `..`.
    static func listNames(_ path: String) throws(FileSystemError) -> [[UInt8]] {
        var names: [[UInt8]] = []
        try forEachName(in: path) {
            names.append($0)
            return true
        }
        names.sort { $0.lexicographicallyPrecedes($1) }
        return names
    }

    /// Hands each name in a folder to `body` as its bytes, in the folder's own order, without `.` and `..`, until
    /// `body` says stop (false); returns whether every name was handed over.
    @discardableResult
    static func forEachName(in path: String, _ body: ([UInt8]) -> Bool) throws(FileSystemError) -> Bool {
        guard let dir = opendir(path) else { throw FileSystemError("list", path, errno: errno) }
        defer { closedir(dir) }
        while let entry = readdir(dir) {
            // The name's bytes up to its NUL, copied whole (issue 18: byte by byte, and `.` and `..` compared as
            // arrays made for each entry, the listing of 5,000 one-cart files cost ~700 instructions a name).
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw -> [UInt8] in
                let length = strnlen(raw.baseAddress!.assumingMemoryBound(to: CChar.self), raw.count)
                return Array(UnsafeRawBufferPointer(rebasing: raw[..<length]))
            }
            if name.first == 46 && (name.count == 1 || (name.count == 2 && name[1] == 46)) { continue }
            if !body(name) { return false }
        }
        return true
    }
}
