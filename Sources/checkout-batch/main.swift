import CheckoutCore

#if canImport(Glibc)
import Glibc
#endif

let version = "0.1.0"

let usage = """
    Usage: checkout-batch COMMAND [WORKSPACE] [options]

    Turns shopping carts dropped in WORKSPACE/inbox into Elastic Path-style orders in WORKSPACE/outbox.

    Commands:
      run [WORKSPACE]      one batch over everything in the inbox, then exit
      watch [WORKSPACE]    keep running; handle each file once it is completely written (stop: Ctrl-C or SIGTERM)
      check [WORKSPACE]    what run would do — converted, rejected (with error codes), stock left — writing nothing
      verify EXPECTED ACTUAL  compare two outboxes (orders, errors, inventory.json); exit 1 on any difference

    Options:
      --inbox DIR          cart documents (default WORKSPACE/inbox)
      --catalogue DIR      catalogue files (default WORKSPACE/catalogue)
      --outbox DIR         orders, errors, reports, inventory.json (default WORKSPACE/outbox)
      --archive DIR        handled inputs move here (default WORKSPACE/archive)
      --rejected DIR       unreadable inputs move here (default WORKSPACE/rejected)
      --now TIME           the run clock, RFC 3339 (default: the system clock)
      --jobs N             threads for reading, validating and pricing (default: the number of cores)
      --keep-inputs        leave inputs in the inbox
      --quiet              print nothing but errors
      --help, --version

    Exit codes: 0 all converted, 1 some rejected, 64 usage, 66 inbox or catalogue missing,
    74 I/O error, 75 workspace locked, 78 catalogue invalid.

    Examples:
      checkout-batch run samples --outbox /tmp/out --keep-inputs --now 2026-11-21T02:00:00Z
      checkout-batch run /srv/checkout --jobs 2
      checkout-batch watch /srv/checkout

    """

/// Writes to standard error through its file descriptor (the C `stderr` global is not concurrency-safe).
func printError(_ text: String) {
    let bytes = Array((text + "\n").utf8)
    _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
}

func fail(_ message: String, _ code: Int32) -> Never {
    printError("checkout-batch: \(message)")
    exit(code)
}

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
if arguments.showHelp || arguments.command == .help {
    print(usage, terminator: "")
    exit(arguments.command == .help && !arguments.showHelp && CommandLine.arguments.count > 1 ? 64 : 0)
}

switch arguments.command {
case .run:
    guard arguments.positional.count <= 1 else { fail("run takes one workspace folder, given \(arguments.positional.count)", 64) }
    let options = RunOptions(workspace: arguments.workspace(), now: arguments.now, jobs: arguments.jobs,
                             keepInputs: arguments.keepInputs)
    do {
        let report = try BatchRunner(options: options).run()
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
    let quiet = arguments.quiet
    watcher.onInput = { input in
        if !quiet {
            printError("checkout-batch: \(input.file): \(input.carts) carts, \(input.orders) orders, \(input.rejected) rejected, \(input.duplicates) duplicates (\(input.outcome))")
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
