/// The folders of one workspace (SPEC §1). Every path can be set on its own; the defaults hang off one folder.
public struct Workspace: Sendable, Equatable {
    public var inbox: String
    public var catalogue: String
    public var outbox: String { didSet { outboxFolders = OutboxFolders(outbox) } }
    public var archive: String
    public var rejected: String
    /// The outbox's folders, joined when the outbox is set rather than at every use (issue 18: each use joined a
    /// new string, several a cart).
    private var outboxFolders: OutboxFolders

    public init(root: String) {
        let base = root.hasSuffix("/") && root.count > 1 ? String(root.dropLast()) : root
        inbox = base + "/inbox"
        catalogue = base + "/catalogue"
        outbox = base + "/outbox"
        archive = base + "/archive"
        rejected = base + "/rejected"
        outboxFolders = OutboxFolders(outbox)
    }

    private struct OutboxFolders: Sendable, Equatable {
        let orders, errors, inputErrors, reports, responses, inputResponses, ledger, staging, inventory: String

        init(_ outbox: String) {
            orders = outbox + "/orders"
            errors = outbox + "/errors"
            inputErrors = outbox + "/errors/inputs"
            reports = outbox + "/reports"
            responses = outbox + "/responses"
            inputResponses = outbox + "/responses/inputs"
            ledger = outbox + "/.ledger"
            staging = outbox + "/.staging"
            inventory = outbox + "/inventory.json"
        }
    }

    var orders: String { outboxFolders.orders }
    var errors: String { outboxFolders.errors }
    /// Error documents of inputs and of carts without a usable reference (SPEC §8): a folder of their own, so
    /// their names never meet a reference's.
    var inputErrors: String { outboxFolders.inputErrors }
    var reports: String { outboxFolders.reports }
    /// Acknowledgements to partners (SPEC §13), and those of orders without a usable reference.
    var responses: String { outboxFolders.responses }
    var inputResponses: String { outboxFolders.inputResponses }
    var ledger: String { outboxFolders.ledger }
    /// Where documents are written under temporary names before they are renamed into place: one small folder, so
    /// clearing what a killed run left never lists `orders/` or `errors/`, which grow with history (issue 18).
    var staging: String { outboxFolders.staging }
    /// Where pool thread `thread` stages the documents it prepares: a folder of its own, because creating a file
    /// holds its folder's lock, and two threads creating files in one folder waited on each other (issue 18:
    /// `rwsem_spin_on_owner` under `openat` in `--jobs 2` profiles).
    func staging(ofThread thread: Int) -> String { staging + "/" + String(thread) }
    var inventory: String { outboxFolders.inventory }

    /// Checks that the inbox and the catalogue exist (exit 66 otherwise).
    func checkInputs() throws(RunFailure) {
        guard FileSystem.isDirectory(inbox) else {
            throw .missing("the inbox \(inbox) does not exist; create it or pass --inbox")
        }
        guard FileSystem.isDirectory(catalogue) else {
            throw .missing("the catalogue folder \(catalogue) does not exist; create it or pass --catalogue")
        }
    }

    /// Removes what a killed run can leave (call only while holding the workspace lock): documents written under a
    /// temporary name (never renamed into place, so never seen by a reader) and a ledger index caught growing.
    /// Everything else a killed run did is either committed (and skipped as a duplicate) or redone identically
    /// (SPEC §10). Documents are staged in `.staging/` and its pool threads' folders; the inventory and reports
    /// beside themselves (`.tmp-*`).
    func removeLeftovers() throws(RunFailure) {
        do {
            if FileSystem.isDirectory(staging) {
                for name in try FileSystem.list(staging) {
                    let path = staging + "/" + name
                    guard FileSystem.isDirectory(path) else {
                        try FileSystem.remove(path)
                        continue
                    }
                    for staged in try FileSystem.list(path) { try FileSystem.remove(path + "/" + staged) }
                }
            }
            for folder in [outbox, reports, ledger] where FileSystem.isDirectory(folder) {
                for name in try FileSystem.list(folder) where name.hasPrefix(".tmp-") {
                    try FileSystem.remove(folder + "/" + name)
                }
            }
            try FileSystem.remove(ledger + "/index.grow")
        } catch {
            throw .io(error)
        }
    }

    /// Creates the output folders and checks that inputs and outputs share one filesystem, so that every move
    /// is an atomic rename (SPEC §10).
    func prepareOutputs(keepInputs: Bool, poolThreads: Int) throws(RunFailure) {
        do {
            for folder in [orders, errors, inputErrors, responses, inputResponses, reports, ledger, staging] {
                try FileSystem.makeDirectories(folder)
            }
            for thread in 0..<poolThreads { try FileSystem.makeDirectories(staging(ofThread: thread)) }
            if !keepInputs { for folder in [archive, rejected] { try FileSystem.makeDirectories(folder) } }
        } catch {
            throw .io(error)
        }
        let folders = keepInputs ? [inbox, outbox] : [inbox, outbox, archive, rejected]
        let devices = Set(folders.compactMap { FileSystem.device($0) })
        if devices.count > 1 {
            throw .usage(
                "the workspace folders \(folders.joined(separator: ", ")) are on different filesystems; moves between them would not be atomic. Put them on one filesystem"
            )
        }
    }
}

extension Workspace {
    /// `folder/name.json`: the path of an order or error document, its bytes copied into one new String rather than
    /// appended piece by piece (a few per cart, on the committing thread; issue 18).
    static func document(_ name: String, in folder: String) -> String {
        // From the strings' own storage (see `ByteBuffer.append(string:)`).
        folder.utf8.withContiguousStorageIfAvailable { f in
            name.utf8.withContiguousStorageIfAvailable { n in document(n, in: f) }!
        }!
    }

    private static func document(_ n: UnsafeBufferPointer<UInt8>, in f: UnsafeBufferPointer<UInt8>) -> String {
        String(unsafeUninitializedCapacity: f.count + n.count + 6) { out in
            var at = out.initialize(fromContentsOf: f)
            out[at] = UInt8(ascii: "/")
            at += 1
            at = out[at...].initialize(fromContentsOf: n)
            for b in ".json".utf8 {
                out[at] = b
                at += 1
            }
            return at
        }
    }
}
