#if canImport(Glibc)
import Glibc
#endif
import Synchronization

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
    public let options: RunOptions
    /// How long a file closed after writing must stay untouched: a writer that opens and closes per write is
    /// not done until it pauses.
    public var quiet: Duration = .milliseconds(100)
    /// How long a file inotify did not report must keep its size and modification time.
    public var settle: Duration = .seconds(1)
    /// How long the catalogue's files must stay unchanged before a change is read.
    public var catalogueSettle: Duration = .milliseconds(500)
    /// A report is written and a new one started after this many inputs, or `reportEvery`, whichever comes first.
    public var reportInputs = 1000
    public var reportEvery: Duration = .seconds(3600)
    /// Told what happens as it happens, as `BatchRunner.onEvent`.
    public var onEvent: ((RunEvent) -> Void)?
    /// Called after each input with its outcome, for the command line to print.
    public var onInput: (RunReport.InputOutcome) -> Void = { _ in }
    /// Called when the catalogue changed: the new one is in force, or it was refused with its problems.
    public var onCatalogue: (CatalogueChange) -> Void = { _ in }

    public enum CatalogueChange: Sendable {
        case loaded(id: String)
        case refused(id: String, problems: [CatalogueProblem])
    }

    private struct Candidate {
        var size: Int64
        var modified: Int64
        var lastChange: ContinuousClock.Instant
        /// inotify has reported this file: then only a close-after-write or a move in completes it.
        var announced: Bool
        var completed: Bool
    }

    public init(options: RunOptions) {
        self.options = options
    }

    /// Watches until SIGINT or SIGTERM; returns the report of everything it did.
    public func run() throws(RunFailure) -> RunReport {
        let runner = BatchRunner(options: options)
        runner.onEvent = onEvent
        var state = try runner.open()
        let inbox = options.workspace.inbox
        let catalogueFolder = options.workspace.catalogue
        stopRequest.store(0, ordering: .relaxed)
        signal(SIGINT) { stopRequest.store($0, ordering: .relaxed) }
        signal(SIGTERM) { stopRequest.store($0, ordering: .relaxed) }
        // A parent may start us with these blocked (a mask is inherited); a watcher must hear them.
        var handled = sigset_t()
        sigemptyset(&handled)
        sigaddset(&handled, SIGINT)
        sigaddset(&handled, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &handled, nil)
        defer {
            signal(SIGINT, SIG_DFL)
            signal(SIGTERM, SIG_DFL)
        }
        // CHECKOUT_BATCH_POLL=1 forces polling, as on a filesystem without inotify (and lets tests cover it).
        let events = getenv("CHECKOUT_BATCH_POLL").map { String(cString: $0) } == "1" ? nil : InboxEvents(folder: inbox)
        let clock = ContinuousClock()
        var candidates: [InputName: Candidate] = [:]
        var lastScan = clock.now - .seconds(10)
        var reportStarted = clock.now

        var catalogueId = CatalogueLoader.fingerprint(folder: catalogueFolder)
        var catalogueLook = Watcher.catalogueLook(catalogueFolder)
        var catalogueChanged: ContinuousClock.Instant?
        var refusedId: String?
        func noteCatalogue(_ now: Timestamp) {
            if state.report.catalogues.last?.id != catalogueId {
                state.report.catalogues.append(RunReport.CatalogueUse(id: catalogueId, loadedAt: now))
            }
        }
        noteCatalogue(options.now ?? RunOptions.systemClock())

        while stopRequest.load(ordering: .relaxed) == 0 {
            // Wake on events, or every 50 ms to look at timers (every 10 ms when some file is settling).
            for event in events?.wait(milliseconds: candidates.isEmpty ? 50 : 10) ?? [] {
                guard let name = event.name else {
                    // The kernel dropped events: what inotify said of each file can no longer be trusted.
                    for key in candidates.keys { candidates[key]?.announced = false; candidates[key]?.lastChange = clock.now }
                    continue
                }
                guard Inbox.format(of: name) != nil else { continue }
                switch event.kind {
                case .removed: candidates[name] = nil
                case .changed, .completed:
                    var c = candidates[name] ?? Candidate(size: -1, modified: -1, lastChange: clock.now, announced: true, completed: false)
                    c.lastChange = clock.now
                    c.announced = true
                    c.completed = event.kind == .completed
                    candidates[name] = c
                }
            }
            if events == nil { usleep(50_000) }
            // Rescan now and then: files present at start, writers inotify missed, polling without inotify, and the
            // catalogue.
            if clock.now - lastScan >= .milliseconds(250) {
                lastScan = clock.now
                let names: [InputName]
                do { names = try Inbox.inputs(in: inbox) } catch { throw .io(error) }
                let present = Set(names)
                candidates = candidates.filter { present.contains($0.key) }
                for name in names {
                    let (size, modified) = Watcher.sizeAndModification(InputPath(folder: inbox, name: name))
                    var c = candidates[name] ?? Candidate(size: size, modified: modified, lastChange: clock.now, announced: false, completed: false)
                    if c.size != size || c.modified != modified {
                        // Only a file inotify never reported is judged by its size and time standing still.
                        if c.size >= 0 && !c.announced { c.lastChange = clock.now }
                        c.size = size
                        c.modified = modified
                    }
                    candidates[name] = c
                }
                let look = Watcher.catalogueLook(catalogueFolder)
                if look != catalogueLook {
                    catalogueLook = look
                    catalogueChanged = clock.now
                }
            }
            if let changed = catalogueChanged, clock.now - changed >= catalogueSettle {
                catalogueChanged = nil
                let id = CatalogueLoader.fingerprint(folder: catalogueFolder)
                if id != catalogueId && id != refusedId {
                    do {
                        let catalogue = try CatalogueLoader.load(folder: catalogueFolder)
                        try runner.replaceCatalogue(&state, with: catalogue)
                        catalogueId = id
                        refusedId = nil
                        noteCatalogue(options.now ?? RunOptions.systemClock())
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
            let now = clock.now
            // Inputs are taken in name order, as `run` takes them (SPEC §6): a ready file waits while a file before
            // it is still settling (seen by a rescan, not yet stable), so after a restart the files already there
            // go before newer ones. A file inotify reports as still being written holds nothing up.
            let settling = candidates.filter { _, c in !c.completed && !c.announced }.keys.min()
            let ready = candidates.filter { name, c in
                let isReady = c.completed ? now - c.lastChange >= quiet : (!c.announced && c.size >= 0 && now - c.lastChange >= settle)
                return isReady && (settling.map { !($0 < name) } ?? true)
            }.keys.sorted()
            guard !ready.isEmpty else { continue }
            for name in ready {
                guard stopRequest.load(ordering: .relaxed) == 0 else { break }
                candidates[name] = nil
                guard FileSystem.kind(InputPath(folder: inbox, name: name)) != .missing else { continue }
                let before = state.report.inputs.count
                try runner.process(name, state: &state, now: options.now ?? RunOptions.systemClock(),
                                   shouldStop: { stopRequest.load(ordering: .relaxed) != 0 })
                if state.report.inputs.count > before {
                    state.report.inputs[before].catalogue = catalogueId
                    onInput(state.report.inputs[before])
                }
            }
            try runner.writeInventory(state, asOf: options.now ?? RunOptions.systemClock())
            if state.report.inputs.count >= reportInputs || clock.now - reportStarted >= reportEvery {
                try runner.rotateReport(&state, now: options.now ?? RunOptions.systemClock())
                noteCatalogue(options.now ?? RunOptions.systemClock())
                reportStarted = clock.now
            }
        }
        let report = try runner.finish(&state, asOf: options.now ?? RunOptions.systemClock())
        onEvent?(.runFinished(report))
        return report
    }

    private static func sizeAndModification(_ path: InputPath) -> (Int64, Int64) {
        var st = stat()
        guard path.withCString({ stat($0, &st) }) == 0 else { return (-1, -1) }
        return (Int64(st.st_size), Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec))
    }

    /// The catalogue files' sizes and modification times: when this changes, the catalogue is read again.
    private static func catalogueLook(_ folder: String) -> [Int64] {
        CatalogueLoader.files.flatMap { name -> [Int64] in
            let (size, modified) = sizeAndModification(InputPath(folder: folder, name: InputName(name)))
            return [size, modified]
        }
    }
}
