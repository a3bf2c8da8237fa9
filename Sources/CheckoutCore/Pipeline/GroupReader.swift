import Synchronization

/// Reads a list of inputs as commit groups: up to `groupSize` carts, from as many inputs as it takes, each group
/// prepared on the session's `WorkerPool`. A group says where each input starts and ends, so the committing thread
/// can finish an input (move it) once every cart of it is committed. Used by one thread at a time (the run's, or
/// its prefetcher's).
final class GroupReader: @unchecked Sendable {
    /// At most this many carts go into one commit group: the durability point of SPEC §10. One-cart files share a
    /// group, so a drop folder of small files pays one sync per group, not one per file (issue 18).
    static let groupSize = 256

    /// One input of the list, as taken: where it is, which file it is, and the moment its orders are stamped with.
    struct Taken: Sendable {
        var name: InputName
        var path: InputPath
        var identity: FileIdentity?
        var now: Timestamp
        /// Carts a killed run committed of this file, read past now.
        var committedBefore = 0
    }

    /// What a group holds, in input order.
    enum Part: Sendable {
        /// An input was opened (`bytes` for progress displays), or it was gone before it could be (`vanished`).
        case opened(Taken, bytes: Int64, vanished: Bool)
        /// The group's `carts[index]`, of the input opened last.
        case cart(index: Int)
        /// The input opened last was read to its end, or broke off with this error (SPEC §11).
        case ended(breakOff: CheckoutError?)
        /// An input a killed run finished and committed but did not move: it goes to `archive` or `rejected`
        /// without being read again (`CommitProgress`).
        case finishedBefore(Taken, to: String)
    }

    struct Group: Sendable {
        var parts: [Part]
        /// Prepared on the pool's threads while the committing thread takes them in order; all of them at once
        /// without a pool.
        var carts: GroupCarts
        /// How far into the input still open at the group's end the run has read (progress).
        var bytesRead: Int64?

        /// Removes the documents staged for a group that will not be committed (a stop, a failure).
        func discardStaged() { carts.discardStaged() }
    }

    /// Carts go to the preparing threads this many at a time: few enough that the committing thread soon has a
    /// group's first ones, enough to fill the four lanes of `SHA256Lanes` with their ledger digests.
    static let chunkSize = 64

    private let inputs: [InputName]
    private let inbox: String
    private let catalogue: Catalogue
    private let clock: RunClock
    /// The session's preparing threads; nil with one job (the carts are then prepared on the reading thread).
    private let pool: WorkerPool?
    /// Whether documents are rendered ahead (not in `check`, which writes none).
    private let renders: Bool
    private var next = 0
    private var open: (stream: any CartStream, taken: Taken, position: Int)?
    /// The open input's validator: one per moment (in `run` every input shares the run clock's).
    private var validator: CartValidator?
    /// Where the inputs of the last committed group stood: those still here are resumed, not redone.
    private let resume: CommitProgress?
    /// The workspace whose `.staging/` documents are written to ahead of the commit, on the preparing threads; nil
    /// when nothing is written (`check`).
    private let stage: Workspace?
    /// Numbers the staged documents' temporary names, unique in the process.
    private static let stagedCount = Atomic<Int>(0)

    /// Each input's clock is read as it is opened: the run clock's one moment in `run`, the moment it is taken
    /// in `watch`.
    init(
        inputs: [InputName], inbox: String, catalogue: Catalogue, clock: RunClock, pool: WorkerPool?, renders: Bool,
        resume: CommitProgress? = nil, stage: Workspace? = nil
    ) {
        self.resume = resume
        self.stage = stage
        self.inputs = inputs
        self.inbox = inbox
        self.catalogue = catalogue
        self.clock = clock
        self.pool = pool
        self.renders = renders
    }

    /// The next group, or nil when every input has been read. A group ends after `groupSize` carts or with the last
    /// input, never on a timer: its bounds are in the journal, the same for any `--jobs`. Its carts are prepared
    /// on the pool's threads as they are read, `chunkSize` at a time; without a pool, here.
    func nextGroup() -> Group? {
        var parts: [Part] = []
        let carts = GroupCarts(capacity: GroupReader.groupSize)
        var count = 0
        var chunk: Chunk?
        func submit() {
            guard let reads = chunk else { return }
            chunk = nil
            let (start, stage, renders) = (count - reads.count, stage, renders)
            let prepare = { @Sendable in
                carts.fill(from: start, count: reads.count) { GroupReader.prepare(reads, stage, renders, into: $0) }
            }
            guard let pool else { return prepare() }
            letSpentGo()
            pool.submit { [spent] in
                prepare()
                spent.append(reads)
            }
        }
        while count < GroupReader.groupSize {
            guard open != nil else {
                if openNext(into: &parts) { continue } else { break }
            }
            if let cart = open!.stream.next() {
                open!.position += 1
                parts.append(.cart(index: count))
                let name = open!.taken.name
                // A cart is read only from an input `openNext` gave a validator. A chunk's carts share one: a new one
                // is made for each moment (in `watch`, each input's).
                if let current = chunk, current.validator.now != open!.taken.now { submit() }
                if chunk == nil { chunk = Chunk(validator: validator!) }
                chunk!.append((cart, name.text, name.mirror, open!.position))
                count += 1
                if chunk!.count == GroupReader.chunkSize { submit() }
            } else {
                parts.append(.ended(breakOff: open!.stream.breakOff))
                open = nil
            }
        }
        submit()
        if parts.isEmpty { return nil }
        carts.seal(count: count)
        return Group(parts: parts, carts: carts, bytesRead: open?.stream.position)
    }

    /// Chunks prepared on the pool, handed back to be let go here: what a cart was read into (a document's nodes, a
    /// feed's bytes) was allocated on this thread. Let go on the preparing threads, each free took this thread's
    /// malloc arena lock while it read the next carts (issue 18, as `GroupCarts.release` for prepared carts).
    private let spent = SpentChunks()

    private final class SpentChunks: Sendable {
        private let chunks = Mutex<[Chunk]>([])
        func append(_ chunk: Chunk) { chunks.withLock { $0.append(chunk) } }
        /// The chunks handed back so far, taken out under the lock and let go by the caller outside it.
        func takeAll() -> [Chunk] {
            chunks.withLock { chunks in
                defer { chunks = [] }
                return chunks
            }
        }
    }

    private func letSpentGo() { _ = spent.takeAll() }

    /// A cart read, with what preparing it needs.
    private typealias Read = (cart: InputCart, file: String, mirror: String, position: Int)

    /// Carts read at one moment, handed to a preparing thread together with their validator (it holds the
    /// catalogue, and a copy per cart retained each of its ~50 tables; issue 18). Moved in as they are read, moved
    /// out by the thread that prepares them and back again, never copied (a copy retained each field, ~1k
    /// instructions a cart), so that the reading thread lets them go.
    private final class Chunk: @unchecked Sendable {
        let validator: CartValidator
        private let reads = UnsafeMutablePointer<Read>.allocate(capacity: GroupReader.chunkSize)
        private(set) var count = 0

        init(validator: CartValidator) { self.validator = validator }

        deinit {
            reads.deinitialize(count: count)
            reads.deallocate()
        }

        /// By the reading thread, before the chunk is handed over.
        func append(_ read: consuming Read) {
            (reads + count).initialize(to: read)
            count += 1
        }

        /// By the preparing thread: cart `k`, moved out, to be given back once prepared (lent through a closure, it
        /// was copied, payload and all).
        func take(_ k: Int) -> Read { (reads + k).move() }

        func giveBack(_ k: Int, _ read: consuming Read) { (reads + k).initialize(to: read) }
    }

    /// Prepares a chunk of carts read into their slots, and hashes the priced ones' ledger content together.
    private static func prepare(
        _ chunk: Chunk, _ workspace: Workspace?, _ renders: Bool,
        into slots: UnsafeMutableBufferPointer<PreparedCart?>
    ) {
        // The stage's folders once per chunk: a copy of the workspace per cart retained each of its paths. A pool
        // thread stages in a folder of its own, the reading thread in `.staging/`.
        let stage = workspace.map {
            (
                staging: (WorkerPool.currentThread.map($0.staging(ofThread:)) ?? $0.staging) + "/p-",
                orders: $0.orders, errors: $0.errors
            )
        }
        for k in 0..<chunk.count {
            let temporary = stage.map {
                (
                    orders: $0.orders, errors: $0.errors,
                    temporary: $0.staging + String(GroupReader.stagedCount.add(1, ordering: .relaxed).newValue)
                )
            }
            // Taken apart at once: fields read off the tuple later were copied out of it.
            let (cart, file, mirror, position) = chunk.take(k)
            slots[k] = PreparedCart(
                cart, file: file, mirror: mirror, position: position, validator: chunk.validator, renders: renders,
                stage: temporary)
            chunk.giveBack(k, (cart, file, mirror, position))
        }
        PreparedCart.hashPriced(slots)
    }

    /// Opens the next input of the list, noting it in `parts`; false when none is left.
    private func openNext(into parts: inout [Part]) -> Bool {
        guard next < inputs.count else { return false }
        let name = inputs[next]
        next += 1
        let path = InputPath(folder: inbox, name: name)
        let opened = FileSystem.openInput(path)
        var taken = Taken(
            name: name, path: path, identity: opened?.identity ?? FileSystem.identity(path), now: clock.now())
        // The same file a killed run committed carts of: finished, it is only moved; else its committed carts are
        // read past.
        let committed = resume?.entries.first {
            $0.name == name && $0.identity == taken.identity && taken.identity != nil
        }
        if let to = committed?.finishedTo {
            parts.append(.finishedBefore(taken, to: to))
            return true
        }
        let format = Inbox.format(of: name)!
        let stream =
            opened.map {
                InputReader.open($0.file, size: $0.identity.size, displayName: name.text, format: format)
            } ?? InputReader.open(taken.path, format: format)
        // Gone before it could be opened (SPEC §11): noted, and the run goes on.
        if stream.vanished {
            parts.append(.opened(taken, bytes: 0, vanished: true))
            return true
        }
        var position = 0
        while position < committed?.carts ?? 0, stream.next() != nil { position += 1 }
        taken.committedBefore = position
        parts.append(.opened(taken, bytes: taken.identity?.size ?? 0, vanished: false))
        if validator?.now != taken.now { validator = CartValidator(catalogue: catalogue, now: taken.now) }
        open = (stream, taken, position)
        return true
    }
}
