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
        return FileIdentity(st)
    }

    /// An input opened to be read, with its identity, when it is a regular file; nil when it is anything else or
    /// cannot be opened — the caller then looks at it by its path (`kind`, `identity`) as before. Opened without
    /// following a link and without blocking (a FIFO would wait for a writer), then told by `fstat`: one open and
    /// one `fstat` where looking first cost a `stat`, an `lstat` and two `fstat`s (issue 18: one-cart files are
    /// opened one after another on the reading thread). A FIFO, folder or device found this way is closed unread.
    static func openInput(_ path: InputPath) -> (file: FileDescriptor, identity: FileIdentity)? {
        guard let file = try? FileDescriptor.open(path, flags: O_NONBLOCK),
            let st = try? file.status(), (st.st_mode & S_IFMT) == S_IFREG
        else { return nil }
        return (file, FileIdentity(st))
    }

    /// Size in bytes and modification time in nanoseconds, or (-1, -1) when the path cannot be seen: what a
    /// watcher compares to tell a file still changing.
    static func sizeAndModification(_ path: InputPath) -> (Int64, Int64) {
        identity(path).map { ($0.size, $0.modified) } ?? (-1, -1)
    }

    public static func size(_ path: InputPath) -> Int64 { identity(path)?.size ?? 0 }

    /// Moves an input into `folder` under its own name — `<name>.2`, `<name>.3`… when that is taken, never over an
    /// earlier file — and returns where it went. A name too long for a suffix loses its last bytes instead.
    /// Renames without replacing (`RENAME_NOREPLACE`) where the filesystem can, so a free name costs one call, not
    /// an `lstat` and a `rename` (issue 18: every one-cart file is moved on the committing thread).
    static func moveInput(_ path: InputPath, into folder: String) throws(FileSystemError) -> InputPath {
        var target = InputPath(folder: folder, name: path.name)
        var n = 1
        func nextName() {
            n += 1
            let suffix = Array(".\(n)".utf8)
            let room = max(1, 255 - suffix.count)
            target = InputPath(folder: folder, name: InputName(bytes: Array(path.name.bytes.prefix(room)) + suffix))
        }
        if let call = RenameNoReplace.call {
            renaming: while true {
                let result = path.withCString { from in
                    target.withCString { to in call(AT_FDCWD, from, AT_FDCWD, to, RenameNoReplace.flag) }
                }
                if result == 0 { return target }
                switch errno {
                case EEXIST: nextName()
                case EINVAL, ENOSYS: break renaming  // not on this filesystem or kernel: look, then rename
                case let code: throw FileSystemError("move \(path.description) to", target.description, errno: code)
                }
            }
        }
        while kind(target) != .missing { nextName() }
        let result = path.withCString { from in target.withCString { to in rename(from, to) } }
        if result != 0 { throw FileSystemError("move \(path.description) to", target.description, errno: errno) }
        return target
    }
}

/// `renameat2`, which Glibc declares only under `_GNU_SOURCE` (not set for Swift's `Glibc` module): looked up by
/// name once; nil where the C library has none.
private enum RenameNoReplace {
    typealias Call = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
    /// `RENAME_NOREPLACE` from `<linux/fs.h>`.
    static let flag: UInt32 = 1
    static let call: Call? = dlsym(nil, "renameat2").map { unsafeBitCast($0, to: Call.self) }
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

extension FileIdentity {
    init(_ st: stat) {
        self.init(
            device: UInt64(st.st_dev), inode: UInt64(st.st_ino), size: Int64(st.st_size),
            modified: Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec))
    }
}
