/// One run's hold on a workspace, from opening to finishing: the catalogue in force, the ledger (and so the lock),
/// the stock, and the report. `run` and `check` process every input once; `watch` processes inputs as they
/// become complete, may put a new catalogue in force between them, and rotates its report.
final class BatchSession {
    let options: RunOptions
    var workspace: Workspace { options.workspace }
    /// Told what happens as it happens (files, carts); called on the committing thread.
    let onEvent: ((RunEvent) -> Void)?
    private(set) var catalogue: Catalogue
    let ledger: Ledger
    var commits: CommitSession
    /// What this stretch of work did; `rotateReport` writes it and starts another.
    var report: RunReport
    /// In `watch`, the catalogue in force (its id), noted on each input's outcome.
    var catalogueId: String?
    /// With more than one job: the thread that reads the next groups while this one commits, for the session.
    let prefetcher: Prefetcher<GroupReader.Group>?
    /// With more than one job: the threads that prepare the carts read, for the session.
    let pool: WorkerPool?

    /// Checks the workspace, loads and checks the catalogue (exit 78 before any cart is touched), takes the lock,
    /// recovers what a killed run left, and reads the ledger. `check` (a dry run) takes no lock and writes nothing.
    init(options: RunOptions, onEvent: ((RunEvent) -> Void)? = nil) throws(RunFailure) {
        self.options = options
        self.onEvent = onEvent
        let workspace = options.workspace
        // With one job the reading thread prepares the carts itself: no pool, no thread staging on its own.
        let poolThreads = options.jobs > 1 ? options.jobs : 0
        try workspace.checkInputs()
        do { catalogue = try CatalogueLoader.load(folder: workspace.catalogue) } catch {
            throw .invalidCatalogue(error.problems)
        }
        ledger = Ledger(folder: workspace.ledger)
        let taken: [String: Int64]
        if options.dryRun {
            taken = try ledger.loadReadOnly(stockTakenAfter: catalogue.inventory?.asOf)
        } else {
            try workspace.prepareOutputs(keepInputs: options.keepInputs, poolThreads: poolThreads)
            try ledger.lock()
            try workspace.removeLeftovers()
            taken = try ledger.load(stockTakenAfter: catalogue.inventory?.asOf)
        }
        let now = options.clock.now()
        commits = CommitSession(
            workspace: workspace, ledger: ledger,
            stock: StockLedger(inventory: catalogue.inventory, taken: taken), catalogue: catalogue,
            dryRun: options.dryRun, onEvent: onEvent)
        report = RunReport(runId: BatchSession.runId(now, reports: workspace.reports), startedAt: now, finishedAt: now)
        prefetcher = poolThreads > 0 ? Prefetcher(depth: 2) : nil
        pool = poolThreads > 0 ? WorkerPool(threads: poolThreads) : nil
    }

    deinit {
        prefetcher?.close()
        pool?.close()
    }

    /// The inbox's inputs now, in the order they are taken (SPEC §6).
    func inputs() throws(RunFailure) -> [InputName] {
        do { return try Inbox.inputs(in: workspace.inbox) } catch { throw .io(error) }
    }

    /// Puts a new catalogue in force from the next input on (`watch`): its stock is its inventory less what the
    /// ledger took after that inventory's `as_of` (SPEC §6), as a run started now would have it.
    func replaceCatalogue(with new: Catalogue) throws(RunFailure) {
        let taken = try ledger.stockTaken(after: new.inventory?.asOf)
        catalogue = new
        commits.catalogue = new
        commits.stock = StockLedger(inventory: new.inventory, taken: taken)
    }

    /// Writes what is left in stock (SPEC §6), as of a moment no earlier than the allocations it reflects.
    func writeInventory(asOf: Timestamp) throws(RunFailure) {
        guard !options.dryRun else { return }
        do {
            try FileSystem.writeAtomically(
                workspace.inventory, InventoryRenderer.render(commits.stock.remaining, asOf: asOf))
            try FileSystem.syncDirectory(workspace.outbox)
        } catch {
            throw .io(error)
        }
    }

    /// Writes the report so far and starts a new one, so a watcher that runs for weeks keeps a bounded report
    /// in memory (and operators get one report per stretch of work rather than one at the very end).
    func rotateReport() throws(RunFailure) {
        let now = options.clock.now()
        report.finishedAt = now
        report.skusOutOfStock = commits.stock.skusOutOfStock
        do { try writeReport(report) } catch { throw .io(error) }
        report = RunReport(runId: BatchSession.runId(now, reports: workspace.reports), startedAt: now, finishedAt: now)
    }

    /// Writes the inventory (as of `asOf`) and the run report, and seals the ledger index for the next run.
    func finish(inventoryAsOf asOf: Timestamp) throws(RunFailure) -> RunReport {
        report.finishedAt = options.clock.now()
        report.skusOutOfStock = commits.stock.skusOutOfStock
        report.stockRemaining = commits.stock.remaining
        guard !options.dryRun else { return report }
        try writeInventory(asOf: asOf)
        do {
            try writeReport(report)
            try ledger.seal()
        } catch {
            throw .io(error)
        }
        return report
    }

    /// The JSON report and its HTML page, made durable together. The page is rendered on the pool while this thread
    /// renders and writes the JSON: the two are the run's last work and each lists every input, so one after the
    /// other they left a core idle at the end (issue 18).
    private func writeReport(_ report: RunReport) throws(FileSystemError) {
        let page = RenderedLater()
        if let pool { pool.submit { page.set(HTMLReport.render(report)) } } else { page.set(HTMLReport.render(report)) }
        try FileSystem.writeAtomically(workspace.reports + "/\(report.runId).json", report.render())
        try FileSystem.writeAtomically(workspace.reports + "/\(report.runId).html", page.value())
        try FileSystem.syncDirectory(workspace.reports)
    }

    /// `20261121T020000Z`, with `-2`, `-3`… when a report of that name exists (SPEC §9).
    private static func runId(_ now: Timestamp, reports: String) -> String {
        let base = now.compact
        var id = base
        var n = 1
        while FileSystem.exists(reports + "/\(id).json") {
            n += 1
            id = "\(base)-\(n)"
        }
        return id
    }
}
