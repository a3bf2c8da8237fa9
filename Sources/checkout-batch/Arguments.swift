import CheckoutCore

/// The parsed command line (SPEC §1). Parsing only: every decision about carts lives in CheckoutCore.
struct Arguments {
    var command: Command?
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
    /// The flags given, in order: a command refuses those it does not take.
    var given: [String] = []

    struct UsageError: Error {
        var message: String
        init(_ message: String) { self.message = message }
    }

    /// Flags anywhere (`--flag value` or `--flag=value`); the first word that is not a flag names the command.
    init(_ argv: [String]) throws(UsageError) {
        var args = argv[...]
        var commandSeen = false
        while let arg = args.popFirst() {
            var name = arg
            var inline: String?
            if arg.hasPrefix("--"), let eq = arg.firstIndex(of: "=") {
                name = String(arg[..<eq])
                inline = String(arg[arg.index(after: eq)...])
            }
            if let flag = Flag.named(name) {
                given.append(name)
                if let placeholder = flag.value {
                    guard let value = inline ?? args.popFirst() else {
                        throw UsageError("\(name) needs a value (\(placeholder))")
                    }
                    try flag.apply(&self, value)
                } else {
                    try flag.apply(&self, "")
                }
            } else if arg.hasPrefix("-") && arg != "-" {
                let hint = Help.closest(to: name, among: Flag.all.map(\.name)).map { "; did you mean \($0)?" } ?? ""
                throw UsageError("unknown option \(name)\(hint)")
            } else if !commandSeen && !showHelp {
                commandSeen = true
                guard let c = Command.named(arg) else {
                    let hint =
                        Help.closest(to: arg, among: Command.all.map(\.name)).map { "; did you mean \($0)?" } ?? ""
                    throw UsageError("unknown command '\(arg)'\(hint)")
                }
                command = c
            } else {
                positional.append(arg)
            }
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

    /// The run's options from the flags; the clock is `--now` when given, else the system clock.
    func runOptions() -> RunOptions {
        RunOptions(workspace: workspace(), clock: RunClock(now: now), jobs: jobs, keepInputs: keepInputs)
    }

    /// Exits 64 unless there is at most one positional argument, the workspace folder.
    func requireOneWorkspace() {
        if positional.count > 1 {
            fail("\(command!.name) takes one workspace folder, given \(positional.count)", .usage)
        }
    }
}
