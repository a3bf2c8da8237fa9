import CheckoutCore

/// Every command-line flag, defined once: parsing (`Arguments`) and help (`Help`) both read this table.
struct Flag: Sendable {
    let name: String
    /// The value's placeholder in help (`DIR`); nil for a switch, which takes no value.
    let value: String?
    let text: String
    /// Records the flag on the arguments: `value` is the flag's value, `""` for a switch.
    let apply: @Sendable (inout Arguments, String) throws(Arguments.UsageError) -> Void

    static let all: [Flag] = [
        Flag(name: "--inbox", value: "DIR", text: "cart documents to read (default: WORKSPACE/inbox)") {
            $0.inbox = $1
        },
        Flag(name: "--catalogue", value: "DIR", text: "catalogue files (default: WORKSPACE/catalogue)") {
            $0.catalogue = $1
        },
        Flag(
            name: "--outbox", value: "DIR", text: "orders, errors, reports, inventory.json (default: WORKSPACE/outbox)"
        ) {
            $0.outbox = $1
        },
        Flag(name: "--archive", value: "DIR", text: "where handled inputs move (default: WORKSPACE/archive)") {
            $0.archive = $1
        },
        Flag(name: "--rejected", value: "DIR", text: "where unreadable inputs move (default: WORKSPACE/rejected)") {
            $0.rejected = $1
        },
        Flag(name: "--now", value: "TIME", text: "the run clock, RFC 3339 (default: the system clock)") {
            (a, value) throws(Arguments.UsageError) in
            guard let t = Timestamp(rfc3339: value) else {
                throw Arguments.UsageError(
                    "--now takes an RFC 3339 date-time such as 2026-11-21T02:00:00Z, not '\(value)'")
            }
            a.now = t
        },
        Flag(
            name: "--jobs", value: "N",
            text: "threads that validate, price and render carts, 1-256 (default: the number of cores)"
        ) {
            (a, value) throws(Arguments.UsageError) in
            guard let n = Int(value), n >= 1, n <= 256 else {
                throw Arguments.UsageError("--jobs takes a whole number from 1 to 256, not '\(value)'")
            }
            a.jobs = n
        },
        Flag(name: "--keep-inputs", value: nil, text: "leave inputs in the inbox instead of moving them") { a, _ in
            a.keepInputs = true
        },
        Flag(name: "--quiet", value: nil, text: "print nothing but errors") { a, _ in a.quiet = true },
        Flag(
            name: "--log-format", value: "text|json",
            text: "text, or json: one JSON object per event on standard output (default: text)"
        ) {
            (a, value) throws(Arguments.UsageError) in
            guard value == "text" || value == "json" else {
                throw Arguments.UsageError("--log-format is text or json, not '\(value)'")
            }
            a.logFormat = value
        },
        Flag(name: "--help", value: nil, text: "show this help") { a, _ in a.showHelp = true },
        Flag(name: "-h", value: nil, text: "the same as --help") { a, _ in a.showHelp = true },
        Flag(name: "--version", value: nil, text: "print the version") { a, _ in a.showVersion = true },
    ]

    static func named(_ name: String) -> Flag? { all.first { $0.name == name } }
}
