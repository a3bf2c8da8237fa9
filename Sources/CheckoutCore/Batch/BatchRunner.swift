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
            let next = if let prefetcher { prefetcher.next() } else { groups.next() }
            guard let prepared = next else { break }
            // Asked to stop before this group: what is committed stays; the input stays in the inbox and is finished
            // next time. An input read to its end is always finished (moved), so no committed input is left behind.
            if shouldStop() { return }
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
