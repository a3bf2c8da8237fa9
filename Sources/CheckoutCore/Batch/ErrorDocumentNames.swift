/// The error documents the outbox may hold (`errors/` and `errors/inputs/`), so that clearing a reference's or an
/// input's old outcome costs an `unlink` only when there is one to clear (SPEC §11: the outbox shows the latest
/// outcome). Issue 18: every converted cart and every input read cleanly cleared one blind, two failed lookups per
/// one-cart file on the committing thread, each leaving a negative entry in the kernel's name cache.
///
/// The folders are listed once, when first asked, and the list is then kept by the session that writes and removes
/// error documents (it holds the workspace's lock). A document put into `errors/` by hand while a watcher runs is
/// not known to it and stays; one removed by hand is unlinked again, harmlessly.
struct ErrorDocumentNames {
    private let folders: [String]
    private var known: Set<String>?

    init(workspace: Workspace) {
        folders = [workspace.errors, workspace.inputErrors]
    }

    /// Whether `path` may name an error document now; it is forgotten, as its caller removes it.
    mutating func takeIfPresent(_ path: String) throws(FileSystemError) -> Bool {
        if known == nil {
            var names = Set<String>()
            for folder in folders { for name in try FileSystem.list(folder) { names.insert(folder + "/" + name) } }
            known = names
        }
        return known?.remove(path) != nil
    }

    /// `path` was written: an error document is there now.
    mutating func wrote(_ path: String) {
        known?.insert(path)
    }
}
