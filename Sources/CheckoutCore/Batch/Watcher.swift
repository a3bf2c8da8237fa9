import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The signal that asked a watcher to stop (SIGINT or SIGTERM), or 0.
private let stopRequest = Atomic<Int32>(0)

/// `checkout-batch watch` (SPEC §1, §10): keeps the workspace lock and handles each input once it is completely
/// written. Where inotify works, a file it has reported is complete only after a close-after-write or a rename
/// into the inbox, followed by a quiet spell: a writer that keeps its file open is never read half-way, however
/// long it pauses. Files inotify never reported (there before the watcher started, or any file without inotify)
/// are complete once their size and modification time have been stable for `settle`. The catalogue is watched
/// too: a valid change applies from the next input on, an invalid one is refused (every problem listed) and the
/// last good catalogue stays. SIGINT and SIGTERM stop it between groups of carts: what is committed stays, an
/// input not finished stays in the inbox for next time, and it exits 0.
public final class Watcher {
    let options: RunOptions
    /// How long a file closed after writing must stay untouched: a writer that opens and closes per write is
    /// not done until it pauses.
    var quiet: Duration = .milliseconds(100)
    /// How long a file inotify did not report must keep its size and modification time.
    var settle: Duration = .seconds(1)
    /// How long the catalogue's files must stay unchanged before a change is read.
    var catalogueSettle: Duration = .milliseconds(500)
    /// A report is written and a new one started after this many inputs, or `reportEvery`, whichever comes first.
    var reportInputs = 1000
    var reportEvery: Duration = .seconds(3600)
    /// Told what happens as it happens (files, carts, the end of the run).
    public var onEvent: ((RunEvent) -> Void)?
    /// Called after each input with its outcome, for the command line to print.
    public var onInput: (RunReport.InputOutcome) -> Void = { _ in }
    /// Called when the catalogue changed: the new one is in force, or it was refused with its problems.
    public var onCatalogue: (CatalogueChange) -> Void = { _ in }

    public enum CatalogueChange: Sendable {
        case loaded(id: String)
        case refused(id: String, problems: [CatalogueProblem])
    }

    public init(options: RunOptions) {
        self.options = options
    }

    /// Watches until SIGINT or SIGTERM; returns the report of everything it did since the last rotation.
    public func run() throws(RunFailure) -> RunReport {
        let session = try BatchSession(options: options, onEvent: onEvent)
        let clock = options.clock
        let inbox = options.workspace.inbox
        let catalogueFolder = options.workspace.catalogue
        Watcher.hearStopSignals()
        defer {
            signal(SIGINT, SIG_DFL)
            signal(SIGTERM, SIG_DFL)
        }
        // CHECKOUT_BATCH_POLL=1 forces polling, as on a filesystem without inotify (and lets tests cover it).
        let events = getenv("CHECKOUT_BATCH_POLL").map { String(cString: $0) } == "1" ? nil : InboxEvents(folder: inbox)
        let timer = ContinuousClock()
        var candidates = InboxCandidates(quiet: quiet, settle: settle)
        var lastScan = timer.now - .seconds(10)
        var reportStarted = timer.now

        var catalogueId = CatalogueLoader.fingerprint(folder: catalogueFolder)
        var catalogueLook = Watcher.catalogueLook(catalogueFolder)
        var catalogueChanged: ContinuousClock.Instant?
        var refusedId: String?
        func noteCatalogue() {
            if session.report.catalogues.last?.id != catalogueId {
                session.report.catalogues.append(RunReport.CatalogueUse(id: catalogueId, loadedAt: clock.now()))
            }
        }
        noteCatalogue()

        while stopRequest.load(ordering: .relaxed) == 0 {
            // Wake on events, or every 50 ms to look at timers (every 10 ms when some file is settling).
            candidates.absorb(events?.wait(milliseconds: candidates.isEmpty ? 50 : 10) ?? [], at: timer.now)
            if events == nil { usleep(50_000) }
            // Rescan now and then: files present at start, writers inotify missed, polling without inotify, and the
            // catalogue.
            if timer.now - lastScan >= .milliseconds(250) {
                lastScan = timer.now
                candidates.rescan(try session.inputs(), in: inbox, at: timer.now)
                let look = Watcher.catalogueLook(catalogueFolder)
                if look != catalogueLook {
                    catalogueLook = look
                    catalogueChanged = timer.now
                }
            }
            if let changed = catalogueChanged, timer.now - changed >= catalogueSettle {
                catalogueChanged = nil
                let id = CatalogueLoader.fingerprint(folder: catalogueFolder)
                if id != catalogueId && id != refusedId {
                    do {
                        try session.replaceCatalogue(with: try CatalogueLoader.load(folder: catalogueFolder))
                        catalogueId = id
                        refusedId = nil
                        noteCatalogue()
                        onCatalogue(.loaded(id: id))
                    } catch let error as InvalidCatalogue {
                        refusedId = id
                        onCatalogue(.refused(id: id, problems: error.problems))
                    } catch let error as RunFailure {
                        throw error
                    } catch {
                        throw .io(FileSystemError("read", catalogueFolder, reason: "\(error)"))
                    }
                }
            }
            let ready = candidates.takeReady(at: timer.now).filter {
                FileSystem.kind(InputPath(folder: inbox, name: $0)) != .missing
            }
            guard !ready.isEmpty, stopRequest.load(ordering: .relaxed) == 0 else { continue }
            session.catalogueId = catalogueId
            let finished = try session.process(
                ready, clock: clock, shouldStop: { stopRequest.load(ordering: .relaxed) != 0 })
            for input in finished { onInput(input) }
            try session.writeInventory(asOf: clock.now())
            if session.report.inputs.count >= reportInputs || timer.now - reportStarted >= reportEvery {
                try session.rotateReport()
                noteCatalogue()
                reportStarted = timer.now
            }
        }
        let report = try session.finish(inventoryAsOf: clock.now())
        onEvent?(.runFinished(report))
        return report
    }

    /// SIGINT and SIGTERM ask the watcher to stop. A parent may start it with them blocked (a mask is inherited);
    /// a watcher must hear them.
    private static func hearStopSignals() {
        stopRequest.store(0, ordering: .relaxed)
        signal(SIGINT) { stopRequest.store($0, ordering: .relaxed) }
        signal(SIGTERM) { stopRequest.store($0, ordering: .relaxed) }
        var handled = sigset_t()
        sigemptyset(&handled)
        sigaddset(&handled, SIGINT)
        sigaddset(&handled, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &handled, nil)
    }

    /// The catalogue files' sizes and modification times: when this changes, the catalogue is read again.
    private static func catalogueLook(_ folder: String) -> [Int64] {
        CatalogueLoader.files.flatMap { name -> [Int64] in
            let (size, modified) = FileSystem.sizeAndModification(InputPath(folder: folder, name: InputName(name)))
            return [size, modified]
        }
    }
}
