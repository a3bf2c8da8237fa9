import CheckoutCore

/// `checkout-batch watch`: keeps handling the inbox until SIGINT or SIGTERM, saying what each input gave and
/// when the catalogue changed.
enum WatchCommand {
    static func perform(_ arguments: Arguments) -> Never {
        arguments.requireOneWorkspace()
        let options = arguments.runOptions()
        let watcher = Watcher(options: options)
        if arguments.logFormat == "json" { watcher.onEvent = JSONLog.handle }
        let quiet = arguments.quiet
        watcher.onInput = { input in
            if !quiet {
                printError(
                    "checkout-batch: \(input.file): \(RunReport.counted(input.carts, "cart")), \(RunReport.counted(input.orders, "order")), \(input.rejected) rejected, \(RunReport.counted(input.duplicates, "duplicate")) (\(input.outcome))"
                        + (input.problem.map { ": \($0) — see \(input.errorDocument ?? "errors/inputs/")" } ?? "")
                )
            }
        }
        watcher.onCatalogue = { change in
            // Said even with --quiet: a refused catalogue is something an operator must act on.
            switch change {
            case .loaded(let id):
                if !quiet {
                    printError("checkout-batch: the catalogue changed; catalogue \(id) applies from the next input on")
                }
            case .refused(let id, let problems):
                printError(
                    "checkout-batch: the changed catalogue (\(id)) is invalid (\(problems.count) problem\(problems.count == 1 ? "" : "s")); still using the last good one. Fix these and save again:\n"
                        + problems.map { "  \($0)" }.joined(separator: "\n"))
            }
        }
        if !quiet { printError("checkout-batch: watching \(options.workspace.inbox); stop with Ctrl-C or SIGTERM") }
        do {
            let report = try watcher.run()
            if !quiet { printError(report.summary(outbox: options.workspace.outbox)) }
            exit(.success)
        } catch {
            fail(error.description, error.exitCode)
        }
    }
}
