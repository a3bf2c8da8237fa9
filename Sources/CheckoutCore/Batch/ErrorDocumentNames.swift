/// The error documents the outbox may hold (`errors/` and `errors/inputs/`), so that clearing a reference's or an
/// input's old outcome costs an `unlink` only when there is one to clear (SPEC §11: the outbox shows the latest
/// outcome). Issue 18: every converted cart and every input read cleanly cleared one blind, two failed lookups per
/// one-cart file on the committing thread, each leaving a negative entry in the kernel's name cache.
///
/// The folders are listed once, when first asked, and the list is then kept by the session that writes and removes
/// error documents (it holds the workspace's lock). A document put into `errors/` by hand while a watcher runs is
/// not known to it and stays; one removed by hand is unlinked again, harmlessly. An outbox that has gathered more
/// than `limit` error documents over its life is cleared blind, as before: the list would cost more memory than
/// the lookups it saves.
struct ErrorDocumentNames {
    /// ~10 MB of names at most.
    static let limit = 100_000

    private let folders: [String]
    private let limit: Int
    /// Nil until listed.
    private var known: Set<String>?
    /// More than `limit`: every clear is tried.
    private var tooMany = false
    /// How many of `known` are an input's (`errors/inputs/`): nearly always none, and then an input read cleanly
    /// has nothing to look up, not even its document's path to make (issue 18: ~1.2k instructions a one-cart file).
    private var inputDocuments = 0
    private let inputsPrefix: String

    init(workspace: Workspace, limit: Int = ErrorDocumentNames.limit) {
        folders = [workspace.errors, workspace.inputErrors]
        inputsPrefix = workspace.inputErrors + "/"
        self.limit = limit
    }

    /// Whether `path` may name an error document now; it is forgotten, as its caller removes it.
    mutating func takeIfPresent(_ path: String) throws(FileSystemError) -> Bool {
        if known == nil && !tooMany { try list() }
        if tooMany { return true }
        guard known?.remove(path) != nil else { return false }
        if isInputs(path) { inputDocuments -= 1 }
        return true
    }

    /// Whether an input's error document (`errors/inputs/`) may be there now.
    mutating func mayHoldInputDocuments() throws(FileSystemError) -> Bool {
        if known == nil && !tooMany { try list() }
        return tooMany || inputDocuments > 0
    }

    /// `path` was written: an error document is there now.
    mutating func wrote(_ path: String) { remember(path) }

    /// The folders' entries, as paths; none past `limit` (`tooMany`).
    private mutating func list() throws(FileSystemError) {
        known = []
        for folder in folders {
            let whole = try FileSystem.forEachName(in: folder) { name in
                guard known!.count < limit else { return false }
                remember(folder + "/" + String(decoding: name, as: UTF8.self))
                return true
            }
            if !whole {
                tooMany = true
                known = nil
                inputDocuments = 0
                return
            }
        }
    }

    /// Notes that an error document is at `path`, once listed.
    private mutating func remember(_ path: String) {
        if known?.insert(path).inserted == true && isInputs(path) { inputDocuments += 1 }
    }

    private func isInputs(_ path: String) -> Bool { path.hasPrefix(inputsPrefix) }
}
