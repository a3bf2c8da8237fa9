import CheckoutCore

#if canImport(Glibc)
import Glibc
#endif

let version = "0.1.0"

/// Writes to standard error through its file descriptor (the C `stderr` global is not concurrency-safe).
func printError(_ text: String) {
    let bytes = Array((text + "\n").utf8)
    _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
}

func fail(_ message: String, _ code: Int32) -> Never {
    printError("checkout-batch: \(message)")
    exit(code)
}

// A closed pipe on standard output (`run --log-format json | head -1`) must not kill the batch: writes then fail
// with EPIPE, and the log stops while the run finishes.
signal(SIGPIPE, SIG_IGN)

let arguments: Arguments
do {
    arguments = try Arguments(Array(CommandLine.arguments.dropFirst()))
} catch {
    fail("\(error.message); see checkout-batch --help", 64)
}

if arguments.showVersion {
    print("checkout-batch \(version)")
    exit(0)
}
if arguments.command == .help {
    // `checkout-batch help [COMMAND]`, or `--help` alone.
    if let name = arguments.positional.first {
        guard let c = Help.command(name) else {
            fail("no help for '\(name)': the commands are \(Help.commands.map(\.name).joined(separator: ", "))", 64)
        }
        print(Help.text(for: c), terminator: "")
    } else {
        print(Help.general, terminator: "")
    }
    exit(0)
}
if arguments.showHelp, let c = Help.command(arguments.command.rawValue) {
    print(Help.text(for: c), terminator: "")
    exit(0)
}

switch arguments.command {
case .run:
    guard arguments.positional.count <= 1 else { fail("run takes one workspace folder, given \(arguments.positional.count)", 64) }
    let options = RunOptions(workspace: arguments.workspace(), now: arguments.now, jobs: arguments.jobs,
                             keepInputs: arguments.keepInputs)
    let runner = BatchRunner(options: options)
    if arguments.logFormat == "json" {
        runner.onEvent = JSONLog.handle
    } else if !arguments.quiet && ProgressLine.wanted {
        let progress = ProgressLine(inbox: options.workspace.inbox)
        runner.onEvent = progress.handle
    }
    do {
        let report = try runner.run()
        if !arguments.quiet { printError(report.summary(outbox: options.workspace.outbox)) }
        exit(report.exitCode)
    } catch {
        fail(error.description, error.exitCode)
    }
case .watch:
    guard arguments.positional.count <= 1 else { fail("watch takes one workspace folder, given \(arguments.positional.count)", 64) }
    let options = RunOptions(workspace: arguments.workspace(), now: arguments.now, jobs: arguments.jobs,
                             keepInputs: arguments.keepInputs)
    let watcher = Watcher(options: options)
    if arguments.logFormat == "json" { watcher.onEvent = JSONLog.handle }
    let quiet = arguments.quiet
    watcher.onInput = { input in
        if !quiet {
            printError("checkout-batch: \(input.file): \(input.carts) carts, \(input.orders) orders, \(input.rejected) rejected, \(input.duplicates) duplicates (\(input.outcome))")
        }
    }
    watcher.onCatalogue = { change in
        // Said even with --quiet: a refused catalogue is something an operator must act on.
        switch change {
        case .loaded(let id):
            if !quiet { printError("checkout-batch: the catalogue changed; catalogue \(id) applies from the next input on") }
        case .refused(let id, let problems):
            printError("checkout-batch: the changed catalogue (\(id)) is invalid (\(problems.count) problem\(problems.count == 1 ? "" : "s")); still using the last good one. Fix these and save again:\n"
                       + problems.map { "  \($0)" }.joined(separator: "\n"))
        }
    }
    if !quiet { printError("checkout-batch: watching \(options.workspace.inbox); stop with Ctrl-C or SIGTERM") }
    do {
        let report = try watcher.run()
        if !quiet { printError(report.summary(outbox: options.workspace.outbox)) }
        exit(0)
    } catch {
        fail(error.description, error.exitCode)
    }
case .verify:
    guard arguments.positional.count == 2 else { fail("verify takes two outbox folders: EXPECTED ACTUAL", 64) }
    do {
        let differences = try OutboxComparison.compare(expected: arguments.positional[0], actual: arguments.positional[1])
        for d in differences { print("\(d.path): \(d.description)") }
        if !arguments.quiet {
            printError(differences.isEmpty ? "checkout-batch: the outboxes are identical" : "checkout-batch: \(differences.count) files differ")
        }
        exit(differences.isEmpty ? 0 : 1)
    } catch {
        fail("\(error)", 66)
    }
case .check:
    guard arguments.positional.count <= 1 else { fail("check takes one workspace folder, given \(arguments.positional.count)", 64) }
    // Inputs are never moved in a dry run; keepInputs stays false so the outcomes say where they would go.
    var options = RunOptions(workspace: arguments.workspace(), now: arguments.now, jobs: arguments.jobs)
    options.dryRun = true
    do {
        let report = try BatchRunner(options: options).run()
        print("checkout-batch check: \(report.carts) carts in \(report.inputs.count) inputs would give \(report.orders) orders, "
              + "\(report.rejected) rejected carts, \(report.duplicates) duplicates, \(report.inputsRejected) unreadable inputs")
        for input in report.inputs {
            print("  \(input.file): \(input.carts) carts, \(input.orders) orders, \(input.rejected) rejected, \(input.duplicates) duplicates → would be \(input.outcome)")
        }
        if !report.errorsByCode.isEmpty {
            print("errors: " + report.errorsByCode.keys.sorted().map { "\($0) \(report.errorsByCode[$0]!)" }.joined(separator: ", "))
        }
        if !report.stockRemaining.isEmpty {
            print("stock left: " + report.stockRemaining.map { "\($0.sku) \($0.available)" }.joined(separator: ", "))
        }
        exit(report.exitCode)
    } catch {
        fail(error.description, error.exitCode)
    }
case .help:
    break
}
