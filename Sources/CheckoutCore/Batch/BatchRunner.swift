#if canImport(Glibc)
import Glibc
#endif

/// One batch over everything in the inbox (SPEC §1 `run`): read, validate and price carts on every core, then
/// allocate stock, write documents and commit to the ledger in input order, then move each input away once all
/// its carts are durable.
public final class BatchRunner {
    public let options: RunOptions
    private var workspace: Workspace { options.workspace }
    /// Told what happens as it happens (files, carts, the end of the run); called on the committing thread.
    public var onEvent: ((RunEvent) -> Void)?
    /// Carts are committed to the ledger in groups of this size: the durability point of SPEC §10.
    static let commitGroup = 256

    public init(options: RunOptions) {
        self.options = options
    }

    public func run() throws(RunFailure) -> RunReport {
        var state = try open()
        let inputs: [InputName]
        do { inputs = try Inbox.inputs(in: workspace.inbox) } catch { throw .io(error) }
        for name in inputs { try process(name, state: &state, now: state.report.startedAt) }
        let report = try finish(&state, asOf: state.report.startedAt)
        onEvent?(.runFinished(report))
        return report
    }

    /// What a run holds between inputs: the catalogue, the ledger (and so the lock), the stock, the report.
    struct State {
        var catalogue: Catalogue
        let ledger: Ledger
        var session: CommitSession
        var report: RunReport
    }

    /// Checks the workspace, loads and checks the catalogue (exit 78 before any cart is touched), takes the lock,
    /// recovers what a killed run left, and reads the ledger.
    func open() throws(RunFailure) -> State {
        try workspace.checkInputs()
        let catalogue: Catalogue
        do { catalogue = try CatalogueLoader.load(folder: workspace.catalogue) } catch { throw .invalidCatalogue(error.problems) }
        let ledger = Ledger(folder: workspace.ledger)
        let taken: [String: Int64]
        if options.dryRun {
            taken = try ledger.loadReadOnly(stockTakenAfter: catalogue.inventory?.asOf)
        } else {
            try workspace.prepareOutputs(keepInputs: options.keepInputs)
            try ledger.lock()
            try workspace.removeLeftovers()
            taken = try ledger.load(stockTakenAfter: catalogue.inventory?.asOf)
        }
        let now = options.now ?? RunOptions.systemClock()
        var session = CommitSession(workspace: workspace, ledger: ledger, now: now,
                                    stock: StockLedger(inventory: catalogue.inventory, taken: taken), catalogue: catalogue,
                                    dryRun: options.dryRun)
        session.onEvent = onEvent
        return State(catalogue: catalogue, ledger: ledger, session: session,
                     report: RunReport(runId: runId(now), startedAt: now, finishedAt: now))
    }

    /// Handles one input of the inbox at the clock `now`: the run clock in `run`, the moment it is taken in `watch`.
    func process(_ name: InputName, state: inout State, now: Timestamp, shouldStop: () -> Bool = { false }) throws(RunFailure) {
        state.session.now = now
        let validator = CartValidator(catalogue: state.catalogue, now: now)
        try process(name, validator: validator, session: &state.session, report: &state.report, shouldStop: shouldStop)
    }

    /// Puts a new catalogue in force from the next input on (`watch`): its stock is its inventory less what the
    /// ledger took after that inventory's `as_of` (SPEC §6), as a run started now would have it.
    func replaceCatalogue(_ state: inout State, with catalogue: Catalogue) throws(RunFailure) {
        let taken = try state.ledger.loadReadOnly(stockTakenAfter: catalogue.inventory?.asOf)
        state.catalogue = catalogue
        state.session.catalogue = catalogue
        state.session.stock = StockLedger(inventory: catalogue.inventory, taken: taken)
    }

    /// Writes what is left in stock (SPEC §6), as of a moment no earlier than the allocations it reflects.
    func writeInventory(_ state: State, asOf: Timestamp) throws(RunFailure) {
        do {
            try FileSystem.writeAtomically(workspace.inventory, InventoryRenderer.render(state.session.stock.remaining, asOf: asOf))
            try FileSystem.syncDirectory(workspace.outbox)
        } catch {
            throw .io(error)
        }
    }

    /// Writes the report so far and starts a new one, so a watcher that runs for weeks keeps a bounded report
    /// in memory (and operators get one report per stretch of work rather than one at the very end).
    func rotateReport(_ state: inout State, now: Timestamp) throws(RunFailure) {
        state.report.finishedAt = now
        state.report.skusOutOfStock = state.session.stock.skusOutOfStock
        do { try writeReport(state.report) } catch { throw .io(error) }
        state.report = RunReport(runId: runId(now), startedAt: now, finishedAt: now)
    }

    /// Writes the inventory and the run report, and seals the ledger index for the next run.
    func finish(_ state: inout State, asOf: Timestamp) throws(RunFailure) -> RunReport {
        state.report.finishedAt = options.now ?? RunOptions.systemClock()
        state.report.skusOutOfStock = state.session.stock.skusOutOfStock
        state.report.stockRemaining = state.session.stock.remaining
        guard !options.dryRun else { return state.report }
        try writeInventory(state, asOf: asOf)
        do {
            try writeReport(state.report)
            try state.ledger.seal()
        } catch {
            throw .io(error)
        }
        return state.report
    }

    /// The JSON report and its HTML page, made durable together.
    private func writeReport(_ report: RunReport) throws(FileSystemError) {
        try FileSystem.writeAtomically(workspace.reports + "/\(report.runId).json", report.render())
        try FileSystem.writeAtomically(workspace.reports + "/\(report.runId).html", HTMLReport.render(report))
        try FileSystem.syncDirectory(workspace.reports)
    }

    /// `20261121T020000Z`, with `-2`, `-3`… when a report of that name exists (SPEC §9).
    private func runId(_ now: Timestamp) -> String {
        let base = now.compact
        var id = base
        var n = 1
        while FileSystem.exists(workspace.reports + "/\(id).json") {
            n += 1
            id = "\(base)-\(n)"
        }
        return id
    }

    private func process(_ input: InputName, validator: CartValidator, session: inout CommitSession,
                         report: inout RunReport, shouldStop: () -> Bool) throws(RunFailure) {
        let path = InputPath(folder: workspace.inbox, name: input)
        let name = input.text
        var outcome = RunReport.InputOutcome(file: name, outcome: options.keepInputs ? "kept" : "archived")
        let stream = InputReader.open(path, format: Inbox.format(of: input)!)
        // Gone before it could be opened (SPEC §11): noted, and the run goes on.
        if stream.vanished {
            outcome.outcome = "vanished"
            report.inputs.append(outcome)
            onEvent?(.fileFinished(outcome))
            return
        }
        onEvent?(.fileStarted(file: name, bytes: FileSystem.size(path)))
        // Carts go through in groups: read, evaluated in parallel, committed in order, then made durable. With more
        // than one job, the next groups are prepared on other threads while this one commits.
        let groups = GroupReader(stream: stream, input: input, validator: validator, jobs: options.jobs,
                                 renders: !options.dryRun)
        let prefetcher = options.jobs > 1 ? Prefetcher(depth: 2) { groups.next() } : nil
        defer { prefetcher?.cancel() }
        while true {
            // Asked to stop: what is committed stays; the input stays in the inbox and is finished next time.
            if shouldStop() { return }
            let next = if let prefetcher { prefetcher.next() } else { groups.next() }
            guard let prepared = next else { break }
            do {
                for cart in prepared { try session.commit(cart, outcome: &outcome, report: &report) }
                try session.flush()
            } catch { throw .io(error) }
        }
        // The input's own error document (SPEC §8), beside those of its carts without a reference.
        let inputErrors = "inputs/" + input.mirror
        // An input that broke off keeps the carts before the break and goes to rejected/ with what broke (SPEC §11).
        if let error = stream.breakOff {
            outcome.outcome = options.keepInputs ? "kept" : "rejected"
            report.inputsRejected += 1
            report.record(error, name: inputErrors, file: name)
            do {
                try session.writeErrors([error], name: inputErrors, file: name)
                try session.flush()
            } catch { throw .io(error) }
            try finishInput(path, moveTo: workspace.rejected, outcome: &outcome, report: &report)
            return
        }
        // Like a reference's, an input's outbox entry shows its latest outcome: a clean pass clears an old break.
        if !options.dryRun {
            do { try FileSystem.remove(workspace.errors + "/\(inputErrors).json") } catch { throw .io(error) }
        }
        try finishInput(path, moveTo: workspace.archive, outcome: &outcome, report: &report)
    }

    /// Moves a handled input out of the inbox, never over an earlier file of the same name, and records its
    /// outcome. An input unlinked while it was read (SPEC §11) has had its carts committed; it is noted as vanished.
    private func finishInput(_ path: InputPath, moveTo folder: String, outcome: inout RunReport.InputOutcome,
                             report: inout RunReport) throws(RunFailure) {
        defer {
            report.inputs.append(outcome)
            onEvent?(.fileFinished(outcome))
        }
        guard !options.keepInputs, !options.dryRun else { return }
        do {
            _ = try FileSystem.moveInput(path, into: folder)
            try FileSystem.syncDirectory(folder)
            try FileSystem.syncDirectory(workspace.inbox)
        } catch {
            if error.code == ENOENT && FileSystem.kind(path) == .missing {
                outcome.outcome = "vanished"
                return
            }
            throw .io(error)
        }
    }
}

/// Reads an input's carts in commit groups and prepares each group on `jobs` threads. Used by one thread at a
/// time (the run's, or its prefetcher's).
final class GroupReader: @unchecked Sendable {
    private let stream: any CartStream
    private let file: String
    /// The name the errors of carts without a usable reference are written under (SPEC §8).
    private let mirror: String
    private let validator: CartValidator
    private let jobs: Int
    /// Whether documents are rendered ahead (not in `check`, which writes none).
    private let renders: Bool
    private var position = 0

    init(stream: any CartStream, input: InputName, validator: CartValidator, jobs: Int, renders: Bool) {
        self.stream = stream
        self.file = input.text
        self.mirror = input.mirror
        self.validator = validator
        self.jobs = jobs
        self.renders = renders
    }

    func next() -> [PreparedCart]? {
        var group: [InputCart] = []
        while group.count < BatchRunner.commitGroup, let cart = stream.next() { group.append(cart) }
        if group.isEmpty { return nil }
        let first = position
        let (carts, file, mirror, validator, renders) = (group, self.file, self.mirror, self.validator, self.renders)
        position += carts.count
        return parallelMap(count: carts.count, jobs: jobs) { i in
            PreparedCart(carts[i], file: file, mirror: mirror, position: first + i + 1, validator: validator, renders: renders)
        }
    }
}

/// A cart after the parallel stages: its evaluation, and what the commit stage needs to know of it.
struct PreparedCart: Sendable {
    enum Body: Sendable {
        case unreadable(CheckoutError)
        case evaluated(CartEvaluation)
    }

    var body: Body
    var position: Int
    var file: String
    /// The input's name as error documents mirror it (SPEC §8).
    var mirror: String
    /// The reference when it is well-formed (it then names the output files).
    var reference: String?
    var referenceLocation: Location
    /// The canonical content, hashed only when needed: for a priced cart (its ledger record), or for a rejected one
    /// whose reference was converted before (duplicate or conflict). A 50 MB field is then never hashed for nothing.
    private var canonical: [UInt8]
    private var precomputedDigest: String?
    /// The document this cart writes if the ledger and the stock agree, rendered here, on any core, so the
    /// sequential commit stage only writes bytes: the order of a priced cart, the error document of a rejected
    /// one. A duplicate, a conflict or a stock shortage discards it (and renders the outcome it got instead).
    var document: [UInt8]?
    var orderId: String?

    var digest: String { precomputedDigest ?? SHA256.hex(canonical) }

    init(_ cart: InputCart, file: String, mirror: String, position: Int, validator: CartValidator, renders: Bool) {
        self.file = file
        self.mirror = mirror
        self.position = position
        switch cart {
        case .unreadable(let error):
            body = .unreadable(error)
            reference = nil
            referenceLocation = Location(source: "data.reference", line: error.line, order: 0)
            canonical = []
        case .node(let node):
            let draft = CartDecoder.decode(node)
            body = .evaluated(validator.evaluate(draft))
            reference = draft.reference.map(\.value).flatMap { ReferenceCheck.isWellFormed($0) ? $0 : nil }
            referenceLocation = draft.reference?.location ?? draft.location.missing("reference")
            canonical = draft.canonical
        }
        switch body {
        case .unreadable(let error):
            if renders { document = ErrorRenderer.render([error], file: file) }
        case .evaluated(.rejected(let rejection)):
            if renders { document = ErrorRenderer.render(rejection.errors, file: file) }
        case .evaluated(.priced(let priced)):
            precomputedDigest = SHA256.hex(canonical)
            let id = OrderIdMaker.orderId(reference: priced.cart.reference)
            orderId = id
            if renders { document = OrderRenderer.render(OrderMaker.make(priced, orderId: id, timestamp: validator.nowText)) }
        }
    }

    /// The output name under `errors/`: the reference, or `inputs/<file>.<position>` when the cart has no usable
    /// one (SPEC §8).
    var outputName: String { reference ?? "inputs/\(mirror).\(position)" }
}
