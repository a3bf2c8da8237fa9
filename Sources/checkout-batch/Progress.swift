import CheckoutCore
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The live line on a terminal: files, carts, carts/s, rejected so far and ETA, redrawn at most 10 times a second
/// on standard error, and cleared before the summary. Only when standard error is a terminal and not `--quiet`.
final class ProgressLine {
    private let totalFiles: Int
    private let totalBytes: Int64
    private var files = 0
    private var doneBytes: Int64 = 0
    /// The sizes of inputs started and not yet finished: a commit group spans inputs, so the next input starts
    /// before the one before it is finished (moved).
    private var startedBytes: [String: Int64] = [:]
    private var currentBytes: Int64 = 0
    /// How far into the current input the run has read: one large feed gets an ETA too.
    private var currentRead: Int64 = 0
    private var carts = 0
    private var rejected = 0
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant
    private var lastDraw: ContinuousClock.Instant

    init(inbox: String) {
        let names = (try? Inbox.inputs(in: inbox)) ?? []
        totalFiles = names.count
        totalBytes = names.reduce(0) { $0 + FileSystem.size(InputPath(folder: inbox, name: $1)) }
        start = clock.now
        lastDraw = start - .seconds(1)
    }

    static var wanted: Bool { isatty(2) == 1 }

    func handle(_ event: RunEvent) {
        switch event {
        case .fileStarted(let file, let bytes):
            files += 1
            startedBytes[file] = bytes
            currentBytes = bytes
            currentRead = 0
        case .cartConverted, .cartDuplicate: carts += 1
        case .cartRejected:
            carts += 1
            rejected += 1
        case .fileProgress(_, let bytesRead):
            currentRead = min(bytesRead, currentBytes)
        case .fileFinished(let outcome):
            let bytes = startedBytes.removeValue(forKey: outcome.file) ?? 0
            doneBytes += bytes
            if startedBytes.isEmpty {
                currentBytes = 0
                currentRead = 0
            }
        case .runFinished:
            clear()
            return
        }
        let now = clock.now
        guard now - lastDraw >= .milliseconds(100) else { return }
        lastDraw = now
        draw(elapsed: now - start)
    }

    private func draw(elapsed: Duration) {
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let rate = seconds > 0 ? Int(Double(carts) / seconds) : 0
        var eta = "--"
        let read = doneBytes + currentRead  // finished inputs, and how far into the current one
        if read > 0 && seconds > 0 {
            let left = Int(seconds * Double(max(totalBytes - read, 0)) / Double(read))
            eta = "\(left / 60):" + (left % 60 < 10 ? "0" : "") + "\(left % 60)"
        }
        let g = RunReport.grouped
        let line =
            "files \(g(files))/\(g(totalFiles)) · carts \(g(carts)) · \(g(rate)) carts/s · rejected \(g(rejected)) · "
            + "ETA \(eta)"
        write("\r\u{1B}[K" + Self.fitted(line, columns: Self.columns()))
    }

    /// The terminal's width now, asked at every draw so a resize (SIGWINCH) is followed; 80 when it cannot be told.
    static func columns() -> Int {
        var size = winsize()
        guard ioctl(2, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }

    /// The line cut to fit one row: a line that wraps is not cleared by `\r\e[K`, and floods a narrow terminal.
    static func fitted(_ line: String, columns: Int) -> String {
        let room = max(columns - 1, 1)
        guard line.count > room else { return line }
        return String(line.prefix(max(room - 1, 0))) + "…"
    }

    private func clear() { write("\r\u{1B}[K") }

    private func write(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { Glibc.write(2, $0.baseAddress, $0.count) }
    }
}

/// `--log-format json`: one JSON object per event on standard output, for log shippers. When standard output goes
/// away (`| head -1`), logging stops and the run goes on: a log reader never decides whether a batch finishes.
enum JSONLog {
    private static let closed = Atomic<Bool>(false)

    static func handle(_ event: RunEvent) {
        guard !closed.load(ordering: .relaxed) else { return }
        let line = Array((event.jsonLine(at: RunClock.system.now()) + "\n").utf8)
        var offset = 0
        while offset < line.count {
            let n = line.withUnsafeBytes { Glibc.write(1, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                closed.store(true, ordering: .relaxed)
                return
            }
            offset += n
        }
    }
}
