import Synchronization

/// Reads a list of inputs as commit groups: up to `groupSize` carts, from as many inputs as it takes, each group
/// prepared on `jobs` threads. A group says where each input starts and ends, so the committing thread can finish
/// an input (move it) once every cart of it is committed. Used by one thread at a time (the run's, or its
/// prefetcher's).
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
        var carts: [PreparedCart]
        /// How far into the input still open at the group's end the run has read (progress).
        var bytesRead: Int64?

        /// Removes the documents staged for a group that will not be committed (a stop, a failure).
        func discardStaged() {
            for cart in carts { if let staged = cart.staged { try? FileSystem.remove(staged.temporary) } }
        }
    }

    private let inputs: [InputName]
    private let inbox: String
    private let catalogue: Catalogue
    private let clock: RunClock
    private let jobs: Int
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
        inputs: [InputName], inbox: String, catalogue: Catalogue, clock: RunClock, jobs: Int, renders: Bool,
        resume: CommitProgress? = nil, stage: Workspace? = nil
    ) {
        self.resume = resume
        self.stage = stage
        self.inputs = inputs
        self.inbox = inbox
        self.catalogue = catalogue
        self.clock = clock
        self.jobs = jobs
        self.renders = renders
    }

    /// The next group, or nil when every input has been read. A group ends after `groupSize` carts or with the last
    /// input, never on a timer: its bounds are in the journal, the same for any `--jobs`.
    func nextGroup() -> Group? {
        var parts: [Part] = []
        // Each cart names its validator by index: a validator holds the catalogue, and copying one per cart
        // retained each of its ~50 tables (issue 18). In `run` a group has one; in `watch`, one per moment.
        // The carts read, handed out to the preparing threads without a copy (`Handout`).
        let read = Handout<(cart: InputCart, file: String, mirror: String, position: Int, validator: Int)>(
            capacity: GroupReader.groupSize)
        var groupValidators: [CartValidator] = []
        while read.count < GroupReader.groupSize {
            guard open != nil else {
                if openNext(into: &parts) { continue } else { break }
            }
            if let cart = open!.stream.next() {
                open!.position += 1
                // A cart is read only from an input `openNext` gave a validator.
                if groupValidators.isEmpty || groupValidators[groupValidators.count - 1].now != validator?.now {
                    groupValidators.append(validator!)
                }
                parts.append(.cart(index: read.count))
                let name = open!.taken.name
                read.append((cart, name.text, name.mirror, open!.position, groupValidators.count - 1))
            } else {
                parts.append(.ended(breakOff: open!.stream.breakOff))
                open = nil
            }
        }
        if parts.isEmpty { return nil }
        let (validators, renders) = (groupValidators, self.renders)
        // The stage's folders once per group: a copy of the workspace per cart retained each of its paths.
        let stage = self.stage.map { (staging: $0.staging + "/p-", orders: $0.orders, errors: $0.errors) }
        var prepared = parallelMap(count: read.count, jobs: jobs) { i in
            // Moved to the preparing thread and taken apart at once: fields read off the tuple later were copied
            // out of it, each through Swift's generic tuple copy (~700 instructions a cart).
            let (cart, file, mirror, position, validator) = read.take(i)
            let temporary = stage.map {
                (
                    orders: $0.orders, errors: $0.errors,
                    temporary: $0.staging + String(GroupReader.stagedCount.add(1, ordering: .relaxed).newValue)
                )
            }
            return PreparedCart(
                cart, file: file, mirror: mirror, position: position, validator: validators[validator],
                renders: renders, stage: temporary)
        }
        PreparedCart.hashPriced(&prepared, jobs: jobs)
        return Group(parts: parts, carts: prepared, bytesRead: open?.stream.position)
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
