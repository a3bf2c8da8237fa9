/// The help texts of SPEC §1's commands: a one-line summary, every flag with its default, two examples each.
enum Help {
    struct Flag {
        var name: String
        var value: String?
        var text: String
    }

    static let flags: [Flag] = [
        Flag(name: "--inbox", value: "DIR", text: "cart documents to read (default: WORKSPACE/inbox)"),
        Flag(name: "--catalogue", value: "DIR", text: "catalogue files (default: WORKSPACE/catalogue)"),
        Flag(name: "--outbox", value: "DIR", text: "orders, errors, reports, inventory.json (default: WORKSPACE/outbox)"),
        Flag(name: "--archive", value: "DIR", text: "where handled inputs move (default: WORKSPACE/archive)"),
        Flag(name: "--rejected", value: "DIR", text: "where unreadable inputs move (default: WORKSPACE/rejected)"),
        Flag(name: "--now", value: "TIME", text: "the run clock, RFC 3339 (default: the system clock)"),
        Flag(name: "--jobs", value: "N", text: "threads for reading, validating and pricing, 1-256 (default: the number of cores)"),
        Flag(name: "--keep-inputs", value: nil, text: "leave inputs in the inbox instead of moving them"),
        Flag(name: "--quiet", value: nil, text: "print nothing but errors"),
        Flag(name: "--log-format", value: "text|json", text: "text, or json: one JSON object per event on standard output (default: text)"),
        Flag(name: "--help", value: nil, text: "show this help"),
    ]

    struct Command {
        var name: String
        var usage: String
        var summary: String
        var flags: [String]
        var examples: [String]
    }

    static let workspaceFlags = ["--inbox", "--catalogue", "--outbox", "--archive", "--rejected", "--now", "--jobs"]

    static let commands: [Command] = [
        Command(name: "run", usage: "checkout-batch run [WORKSPACE] [options]",
                summary: "One batch over everything in the inbox, then exit (nightly runs).",
                flags: workspaceFlags + ["--keep-inputs", "--quiet", "--log-format", "--help"],
                examples: ["checkout-batch run /srv/checkout",
                           "checkout-batch run samples --outbox /tmp/out --keep-inputs --now 2026-11-21T02:00:00Z"]),
        Command(name: "watch", usage: "checkout-batch watch [WORKSPACE] [options]",
                summary: "Keep running; handle each file once it is completely written. Stop with Ctrl-C or SIGTERM.",
                flags: workspaceFlags + ["--keep-inputs", "--quiet", "--log-format", "--help"],
                examples: ["checkout-batch watch /srv/checkout",
                           "checkout-batch watch --inbox /srv/drop --outbox /srv/out --catalogue /srv/catalogue --quiet"]),
        Command(name: "check", usage: "checkout-batch check [WORKSPACE] [options]",
                summary: "Say what run would do — orders, rejections with their error codes, stock left — writing nothing.",
                flags: ["--inbox", "--catalogue", "--outbox", "--now", "--jobs", "--help"],
                examples: ["checkout-batch check /srv/checkout",
                           "checkout-batch check samples --now 2026-11-21T02:00:00Z"]),
        Command(name: "verify", usage: "checkout-batch verify EXPECTED_OUTBOX ACTUAL_OUTBOX",
                summary: "Compare two outboxes (orders, errors, inventory.json); print a unified diff per difference, exit 1 on any.",
                flags: ["--quiet", "--help"],
                examples: ["checkout-batch verify Fixtures/01-elastic-path-example/expected /tmp/out",
                           "checkout-batch verify last-night/outbox tonight/outbox --quiet"]),
    ]

    static func command(_ name: String) -> Command? { commands.first { $0.name == name } }

    static var general: String {
        var text = "Usage: checkout-batch COMMAND [WORKSPACE] [options]\n\n"
        text += "Turns shopping carts dropped in WORKSPACE/inbox into Elastic Path-style orders in WORKSPACE/outbox.\n\nCommands:\n"
        for c in commands { text += "  " + pad(c.name, 8) + c.summary + "\n" }
        text += "  " + pad("help", 8) + "checkout-batch help COMMAND shows a command's options and examples.\n"
        text += "\nOptions: --help, --version; each command's own with `checkout-batch help COMMAND`.\n"
        text += "\nExit codes: 0 all converted, 1 some rejected, 64 usage, 66 inbox or catalogue missing,\n"
        text += "74 I/O error, 75 workspace locked, 78 catalogue invalid.\n"
        text += "\nExamples:\n  checkout-batch run samples --outbox /tmp/out --keep-inputs\n  checkout-batch help watch\n"
        return text
    }

    static func text(for c: Command) -> String {
        var text = "Usage: \(c.usage)\n\n\(c.summary)\n\nOptions:\n"
        for name in c.flags {
            guard let f = flags.first(where: { $0.name == name }) else { continue }
            text += "  " + pad(f.name + (f.value.map { " " + $0 } ?? ""), 24) + f.text + "\n"
        }
        text += "\nExamples:\n" + c.examples.map { "  " + $0 + "\n" }.joined()
        return text
    }

    static func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s + " " : s + String(repeating: " ", count: width - s.count)
    }

    /// The known name closest to `word` (edit distance at most 3, or a prefix), for "did you mean" hints.
    static func closest(to word: String, among names: [String]) -> String? {
        let scored = names.map { ($0, distance(word, $0)) }.filter { $0.1 <= 3 || $0.0.hasPrefix(word) }
        return scored.min { $0.1 < $1.1 }?.0
    }

    static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a), y = Array(b)
        var row = Array(0...y.count)
        for i in 1...max(x.count, 1) where !x.isEmpty {
            var previous = row[0]
            row[0] = i
            for j in 1...max(y.count, 1) where !y.isEmpty {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                let current = min(row[j] + 1, row[j - 1] + 1, previous + cost)
                previous = row[j]
                row[j] = current
            }
        }
        return x.isEmpty ? y.count : row[y.count]
    }
}
