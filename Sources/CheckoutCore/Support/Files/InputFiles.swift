#if canImport(Glibc)
    import Glibc
#endif

/// The file operations on inbox files, by the bytes of their names (`InputPath`), so that a name that is not
/// valid UTF-8 is opened and moved as it is (SPEC §8).
extension FileSystem {
    /// What a path names right now.
    enum Kind: Sendable, Equatable {
        case regularFile
        /// A link, a folder, a FIFO, …: never followed or read.
        case other
        case missing
    }

    static func kind(_ path: InputPath) -> Kind {
        var st = stat()
        guard path.withCString({ lstat($0, &st) }) == 0 else { return errno == ENOENT ? .missing : .other }
        return (st.st_mode & S_IFMT) == S_IFREG ? .regularFile : .other
    }

    /// Which file a path names now, or nil when it cannot be seen.
    static func identity(_ path: InputPath) -> FileIdentity? {
        var st = stat()
        guard path.withCString({ stat($0, &st) }) == 0 else { return nil }
        return FileIdentity(
            device: UInt64(st.st_dev), inode: UInt64(st.st_ino), size: Int64(st.st_size),
            modified: Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec))
    }

    /// Size in bytes and modification time in nanoseconds, or (-1, -1) when the path cannot be seen: what a
    /// watcher compares to tell a file still changing.
    static func sizeAndModification(_ path: InputPath) -> (Int64, Int64) {
        identity(path).map { ($0.size, $0.modified) } ?? (-1, -1)
    }

    public static func size(_ path: InputPath) -> Int64 { identity(path)?.size ?? 0 }

    /// Moves an input into `folder` under its own name — `<name>.2`, `<name>.3`… when that is taken, never over an
    /// earlier file — and returns where it went. A name too long for a suffix loses its last bytes instead.
    static func moveInput(_ path: InputPath, into folder: String) throws(FileSystemError) -> InputPath {
        var target = InputPath(folder: folder, name: path.name)
        var n = 1
        while kind(target) != .missing {
            n += 1
            let suffix = Array(".\(n)".utf8)
            let room = max(1, 255 - suffix.count)
            target = InputPath(folder: folder, name: InputName(bytes: Array(path.name.bytes.prefix(room)) + suffix))
        }
        let result = path.withCString { from in target.withCString { to in rename(from, to) } }
        if result != 0 { throw FileSystemError("move \(path.description) to", target.description, errno: errno) }
        return target
    }
}

/// Tells one file from another of the same name: a restart resumes an input only if it is still the same file
/// (`CommitProgress`). A file replaced in place with the same inode, size and time to the nanosecond is not told
/// apart; writers replace files by renaming a new one in, which changes the inode.
struct FileIdentity: Sendable, Equatable {
    var device: UInt64
    var inode: UInt64
    var size: Int64
    var modified: Int64
}
