import CheckoutCore

/// `checkout-batch run`: one batch over the inbox, with a progress line on a terminal or JSON events.
enum RunCommand {
    static func perform(_ arguments: Arguments) -> Never {
        arguments.requireOneWorkspace()
        let options = arguments.runOptions()
        var onEvent: ((RunEvent) -> Void)?
        if arguments.logFormat == "json" {
            onEvent = JSONLog.handle
        } else if !arguments.quiet && ProgressLine.wanted {
            onEvent = ProgressLine(inbox: options.workspace.inbox).handle
        }
        do {
            let report = try BatchRunner.run(options, onEvent: onEvent)
            if !arguments.quiet { printError(report.summary(outbox: options.workspace.outbox)) }
            exit(report.exitCode)
        } catch {
            fail(error.description, error.exitCode)
        }
    }
}
