import CheckoutCore

/// The parsed command line (SPEC §1). Parsing only: every decision about carts lives in CheckoutCore.
struct Arguments {
    enum Command: String { case run, watch, check, verify, help }

    var command: Command = .help
    var positional: [String] = []
    var inbox: String?
    var catalogue: String?
    var outbox: String?
    var archive: String?
    var rejected: String?
    var now: Timestamp?
    var jobs = RunOptions.defaultJobs
    var keepInputs = false
    var quiet = false
    var logFormat = "text"
    var showHelp = false
    var showVersion = false

    static let valueFlags = ["--inbox", "--catalogue", "--outbox", "--archive", "--rejected", "--now", "--jobs", "--log-format"]
    static let switches = ["--keep-inputs", "--quiet", "--help", "-h", "--version"]

    struct UsageError: Error { var message: String }

    init(_ argv: [String]) throws(UsageError) {
        var args = argv[...]
        while let arg = args.popFirst() {
            var flag = arg
            var inline: String?
            if arg.hasPrefix("--"), let eq = arg.firstIndex(of: "=") {
                flag = String(arg[..<eq])
                inline = String(arg[arg.index(after: eq)...])
            }
            if Arguments.valueFlags.contains(flag) {
                guard let value = inline ?? args.popFirst() else {
                    let hint = Help.flags.first { $0.name == flag }?.value.map { " (\($0))" } ?? ""
                    throw UsageError(message: "\(flag) needs a value\(hint)")
                }
                try set(flag, value)
            } else if Arguments.switches.contains(flag) {
                switch flag {
                case "--keep-inputs": keepInputs = true
                case "--quiet": quiet = true
                case "--version": showVersion = true
                default: showHelp = true
                }
            } else if arg.hasPrefix("-") && arg != "-" {
                let hint = Help.closest(to: flag, among: Arguments.valueFlags + Arguments.switches).map { "; did you mean \($0)?" } ?? ""
                throw UsageError(message: "unknown option \(flag)\(hint)")
            } else if positional.isEmpty && command == .help && !showHelp {
                guard let c = Command(rawValue: arg) else {
                    let hint = Help.closest(to: arg, among: Help.commands.map(\.name) + ["help"]).map { "; did you mean \($0)?" } ?? ""
                    throw UsageError(message: "unknown command '\(arg)'\(hint)")
                }
                command = c
                positional.append(arg)
            } else {
                positional.append(arg)
            }
        }
        positional = Array(positional.dropFirst())
    }

    private mutating func set(_ flag: String, _ value: String) throws(UsageError) {
        switch flag {
        case "--inbox": inbox = value
        case "--catalogue": catalogue = value
        case "--outbox": outbox = value
        case "--archive": archive = value
        case "--rejected": rejected = value
        case "--now":
            guard let t = Timestamp(rfc3339: value) else {
                throw UsageError(message: "--now takes an RFC 3339 date-time such as 2026-11-21T02:00:00Z, not '\(value)'")
            }
            now = t
        case "--jobs":
            guard let n = Int(value), n >= 1, n <= 256 else { throw UsageError(message: "--jobs takes a whole number from 1 to 256, not '\(value)'") }
            jobs = n
        case "--log-format":
            guard value == "text" || value == "json" else { throw UsageError(message: "--log-format is text or json, not '\(value)'") }
            logFormat = value
        default: break
        }
    }

    /// The workspace: the positional folder (default `.`), with any folder overridden by its flag.
    func workspace() -> Workspace {
        var w = Workspace(root: positional.first ?? ".")
        if let inbox { w.inbox = inbox }
        if let catalogue { w.catalogue = catalogue }
        if let outbox { w.outbox = outbox }
        if let archive { w.archive = archive }
        if let rejected { w.rejected = rejected }
        return w
    }
}
