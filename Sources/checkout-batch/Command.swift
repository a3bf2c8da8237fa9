/// The commands of SPEC §1: how each is called, what it does, its flags (from `Flag.all`) and two examples; and
/// the function that carries it out.
struct Command: Sendable {
    let name: String
    let usage: String
    let summary: String
    let flags: [String]
    let examples: [String]
    let perform: @Sendable (Arguments) -> Never

    static let workspaceFlags = ["--inbox", "--catalogue", "--outbox", "--archive", "--rejected", "--now", "--jobs"]

    static let all: [Command] = [
        Command(
            name: "run", usage: "checkout-batch run [WORKSPACE] [options]",
            summary: "One batch over everything in the inbox, then exit (nightly runs).",
            flags: workspaceFlags + ["--keep-inputs", "--quiet", "--log-format", "--help"],
            examples: [
                "checkout-batch run /srv/checkout",
                "checkout-batch run samples --outbox /tmp/out --keep-inputs --now 2026-11-21T02:00:00Z",
            ],
            perform: RunCommand.perform),
        Command(
            name: "watch", usage: "checkout-batch watch [WORKSPACE] [options]",
            summary: "Keep running; handle each file once it is completely written. Stop with Ctrl-C or SIGTERM.",
            flags: workspaceFlags + ["--keep-inputs", "--quiet", "--log-format", "--help"],
            examples: [
                "checkout-batch watch /srv/checkout",
                "checkout-batch watch --inbox /srv/drop --outbox /srv/out --catalogue /srv/catalogue --quiet",
            ],
            perform: WatchCommand.perform),
        Command(
            name: "check", usage: "checkout-batch check [WORKSPACE] [options]",
            summary: "Say what run would do — orders, rejections with their error codes, stock left — writing nothing.",
            flags: ["--inbox", "--catalogue", "--outbox", "--now", "--jobs", "--help"],
            examples: [
                "checkout-batch check /srv/checkout",
                "checkout-batch check samples --now 2026-11-21T02:00:00Z",
            ],
            perform: CheckCommand.perform),
        Command(
            name: "verify", usage: "checkout-batch verify EXPECTED_OUTBOX ACTUAL_OUTBOX",
            summary:
                "Compare two outboxes (orders, errors, inventory.json); print a unified diff per difference, exit 1 on any.",
            flags: ["--quiet", "--help"],
            examples: [
                "checkout-batch verify Fixtures/01-elastic-path-example/expected /tmp/out",
                "checkout-batch verify last-night/outbox tonight/outbox --quiet",
            ],
            perform: VerifyCommand.perform),
        Command(
            name: "help", usage: "checkout-batch help [COMMAND]",
            summary: "checkout-batch help COMMAND shows a command's options and examples.",
            flags: [], examples: ["checkout-batch help", "checkout-batch help watch"],
            perform: HelpCommand.perform),
    ]

    static func named(_ name: String) -> Command? { all.first { $0.name == name } }

    /// Exits 64 naming the first flag given that this command does not take (`check --keep-inputs`, say): a flag
    /// that would be silently ignored hides a mistake.
    func refuseForeignFlags(_ arguments: Arguments) {
        let always: Set<String> = ["--help", "-h", "--version"]
        guard let foreign = arguments.given.first(where: { !flags.contains($0) && !always.contains($0) }) else {
            return
        }
        let takes = flags.filter { !always.contains($0) }.joined(separator: ", ")
        fail("\(name) does not take \(foreign); its options are \(takes) (see checkout-batch help \(name))", .usage)
    }
}
