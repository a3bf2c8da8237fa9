/// What the command line prints of a report: the short summary after `run` and `watch` (SPEC §9) and what
/// `check` says a run would do. The library words them so that every front end says the same.
extension RunReport {
    /// The short human summary printed to standard error.
    public func summary(outbox: String) -> String {
        let n = RunReport.counted
        var text = "checkout-batch run \(runId): \(n(carts, "cart")) from \(n(inputs.count, "input")): "
        text += "\(n(orders, "order")), \(rejected) rejected, \(n(duplicates, "duplicate"))"
        if inputsRejected > 0 { text += "; \(n(inputsRejected, "input")) not a readable document" }
        text += "\n  results in \(outbox) (orders/, errors/, inventory.json)"
        text += "\n  report: \(outbox)/reports/\(runId).html (and .json)"
        // The unreadable inputs by name, with where to read why (at most five; the report lists them all).
        let unreadable = inputs.filter { $0.errorDocument != nil }
        for input in unreadable.prefix(5) {
            text += "\n  not a document: \(input.file): \(input.problem ?? "") (\(input.errorDocument!))"
        }
        if unreadable.count > 5 { text += "\n  … and \(unreadable.count - 5) more in the report" }
        if !errorsByCode.isEmpty { text += "\n  errors: " + codeCounts }
        // Many carts expired at once is most often old carts replayed with today's clock (issue 17).
        let expired = errorsByCode[ErrorCode.cartExpired.rawValue] ?? 0
        if expired >= 2 && expired * 4 >= carts {
            text +=
                "\n  \(n(expired, "cart")) expired: last updated more than the catalogue's cart_ttl_days before the run "
                + "clock \(startedAt.rfc3339). Replaying older carts? Run with --now set to the time they were due "
                + "(e.g. --now 2026-11-21T02:00:00Z)."
        }
        return text
    }

    /// `check`'s answer: what a run would give, input by input, the errors by code and the stock left.
    public var checkSummary: String {
        let n = RunReport.counted
        var lines = [
            "checkout-batch check: \(n(carts, "cart")) in \(n(inputs.count, "input")) would give \(n(orders, "order")), "
                + "\(n(rejected, "rejected cart")), \(n(duplicates, "duplicate")), \(n(inputsRejected, "unreadable input"))"
        ]
        for input in inputs {
            lines.append(
                "  \(input.file): \(n(input.carts, "cart")), \(n(input.orders, "order")), \(input.rejected) rejected, "
                    + "\(n(input.duplicates, "duplicate")) → would be \(input.outcome)")
        }
        if !errorsByCode.isEmpty { lines.append("errors: " + codeCounts) }
        if !stockRemaining.isEmpty {
            lines.append("stock left: " + stockRemaining.map { "\($0.sku) \($0.available)" }.joined(separator: ", "))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `12,345`: counts are read at a glance.
    public static func grouped(_ n: Int) -> String {
        if n > -1000 && n < 1000 { return String(n) }  // most counts: nothing to group (the report has thousands)
        let digits = Array(String(n.magnitude).utf8)
        var out: [UInt8] = n < 0 ? [0x2D] : []
        for (i, d) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(0x2C) }
            out.append(d)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `1 cart`, `2 carts`.
    public static func counted(_ count: Int, _ word: String) -> String { "\(count) \(word)\(count == 1 ? "" : "s")" }

    /// `code count, code count`, by code.
    private var codeCounts: String {
        errorsByCode.keys.sorted().map { "\($0) \(errorsByCode[$0]!)" }.joined(separator: ", ")
    }
}
