#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// The signal that asked a watcher to stop (SIGINT or SIGTERM), or 0.
private let stopRequest = Atomic<Int32>(0)

/// `checkout-batch watch` (SPEC §1, §10): keeps the workspace lock and handles each input once it is completely
/// written — after a close-after-write or a rename into the inbox (seen through inotify) followed by a short quiet
/// spell, or once its size and modification time have been stable for `settle` (polling, for writers inotify does
/// not see). SIGINT and SIGTERM stop it between groups of carts: what is committed stays, an input not finished
/// stays in the inbox for next time, and it exits 0.
public final class Watcher {
    public let options: RunOptions
    /// How long a file closed after writing must stay untouched: a writer that opens and closes per write is
    /// not done until it pauses.
    public var quiet: Duration = .milliseconds(30)
    /// How long a file seen only by polling must keep its size and modification time.
    public var settle: Duration = .seconds(1)
    /// A report is written and a new one started after this many inputs, or `reportEvery`, whichever comes first.
    public var reportInputs = 1000
    public var reportEvery: Duration = .seconds(3600)
    /// Told what happens as it happens, as `BatchRunner.onEvent`.
    public var onEvent: ((RunEvent) -> Void)?
    /// Called after each input with its outcome, for the command line to print.
    public var onInput: (RunReport.InputOutcome) -> Void = { _ in }

    private struct Candidate {
        var size: Int64
        var modified: Int64
        var lastChange: ContinuousClock.Instant
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
        var candidates: [String: Candidate] = [:]
        var lastScan = clock.now - .seconds(10)
        var reportStarted = clock.now

        while stopRequest.load(ordering: .relaxed) == 0 {
            // Wake on events, or every 50 ms to look at timers (every 20 ms when some file is settling).
            for (name, kind) in events?.wait(milliseconds: candidates.isEmpty ? 50 : 10) ?? [] where Inbox.format(of: name) != nil {
                switch kind {
                case .removed: candidates[name] = nil
                case .changed, .completed:
                    var c = candidates[name] ?? Candidate(size: -1, modified: -1, lastChange: clock.now, completed: false)
                    c.lastChange = clock.now
                    c.completed = kind == .completed
                    candidates[name] = c
                }
            }
            if events == nil { usleep(50_000) }
            // Rescan now and then: files present at start, writers inotify missed, polling without inotify.
            if clock.now - lastScan >= .milliseconds(250) {
                lastScan = clock.now
                let names: [String]
                do { names = try Inbox.inputs(in: inbox) } catch { throw .io(error) }
                let present = Set(names)
                candidates = candidates.filter { present.contains($0.key) }
                for name in names {
                    let (size, modified) = Watcher.sizeAndModification(inbox + "/" + name)
                    var c = candidates[name] ?? Candidate(size: size, modified: modified, lastChange: clock.now, completed: false)
                    if c.size != size || c.modified != modified {
                        if c.size >= 0 { c.lastChange = clock.now; c.completed = false }
                        c.size = size
                        c.modified = modified
                    }
                    candidates[name] = c
                }
            }
            let now = clock.now
            let ready = candidates.filter { _, c in
                (c.completed && now - c.lastChange >= quiet) || (!c.completed && c.size >= 0 && now - c.lastChange >= settle)
            }.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
            guard !ready.isEmpty else { continue }
            for name in ready {
                guard stopRequest.load(ordering: .relaxed) == 0 else { break }
                candidates[name] = nil
                guard FileSystem.exists(inbox + "/" + name) else { continue }
                let before = state.report.inputs.count
                try runner.process(name, state: &state, now: options.now ?? RunOptions.systemClock(),
                                   shouldStop: { stopRequest.load(ordering: .relaxed) != 0 })
                if state.report.inputs.count > before { onInput(state.report.inputs[before]) }
            }
            try runner.writeInventory(state, asOf: options.now ?? RunOptions.systemClock())
            if state.report.inputs.count >= reportInputs || clock.now - reportStarted >= reportEvery {
                try runner.rotateReport(&state, now: options.now ?? RunOptions.systemClock())
                reportStarted = clock.now
            }
        }
        let report = try runner.finish(&state, asOf: options.now ?? RunOptions.systemClock())
        onEvent?(.runFinished(report))
        return report
    }

    private static func sizeAndModification(_ path: String) -> (Int64, Int64) {
        var st = stat()
        guard stat(path, &st) == 0 else { return (-1, -1) }
        return (Int64(st.st_size), Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec))
    }
}
