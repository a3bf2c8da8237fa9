#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Making a whole commit group durable at once (issue 18). Documents are written to temporary names and renamed
/// into place without a sync each; one `syncfs` then writes back every file's data and every folder's entries of
/// the workspace's filesystem (all its folders share one, `Workspace.prepareOutputs`) and waits for them — one
/// journal commit on ext4 instead of one per file and folder. Measured with `Scripts/io-floor.c` against an
/// `fsync` of each file after all the writes: on ext4 each of those is a journal commit of its own.
extension FileSystem {
    /// `syncfs(2)`. Glibc declares it only under `_GNU_SOURCE`, which the Swift module does not see, so it is
    /// looked up by name once; without it, `sync(2)` (every filesystem, also waited for on Linux) does the job.
    private static let syncfsCall: (@convention(c) (Int32) -> Int32)? = {
        guard let symbol = dlsym(nil, "syncfs") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int32) -> Int32).self)
    }()

    /// Makes everything written on the filesystem holding `path` durable: file contents, new names, renames and
    /// removals. A write the kernel could not complete since the last sync is reported here (Linux ≥ 5.8).
    static func syncFilesystem(_ path: String) throws(FileSystemError) {
        guard let syncfs = syncfsCall else {
            sync()
            return
        }
        let folder = try FileDescriptor.open(path, O_RDONLY | O_DIRECTORY, operation: "open folder")
        while syncfs(folder.raw) != 0 {
            guard errno == EINTR else { throw FileSystemError("sync the filesystem of", path, errno: errno) }
        }
    }
}
