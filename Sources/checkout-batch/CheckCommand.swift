import CheckoutCore

/// `checkout-batch check`: the whole run as a dry run — no lock, no writes — printing what it would do, with the
/// exit code `run` would give.
enum CheckCommand {
    static func perform(_ arguments: Arguments) -> Never {
        arguments.requireOneWorkspace()
        // Inputs are never moved in a dry run; keepInputs stays false so the outcomes say where they would go.
        var options = arguments.runOptions()
        options.keepInputs = false
        options.dryRun = true
        do {
            let report = try BatchRunner.run(options)
            print(report.checkSummary, terminator: "")
            exit(report.exitCode)
        } catch {
            fail(error.description, error.exitCode)
        }
    }
}
