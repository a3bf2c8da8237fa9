import CheckoutCore

#if canImport(Glibc)
    import Glibc
#endif

let version = "0.1.0"

// A closed pipe on standard output (`run --log-format json | head -1`) must not kill the batch: writes then fail
// with EPIPE, and the log stops while the run finishes.
signal(SIGPIPE, SIG_IGN)

// No arguments at all is a usage error: the help goes to standard error, and the exit says something was missing.
if CommandLine.arguments.count == 1 {
    printError(Help.general)
    exit(.usage)
}

let arguments: Arguments
do {
    arguments = try Arguments(Array(CommandLine.arguments.dropFirst()))
} catch {
    fail("\(error.message); see checkout-batch --help", .usage)
}
if arguments.showVersion {
    print("checkout-batch \(version)")
    exit(.success)
}
switch arguments.command {
case let command? where arguments.showHelp && command.name != "help":
    print(Help.text(for: command), terminator: "")
    exit(.success)
case let command?:
    command.refuseForeignFlags(arguments)
    command.perform(arguments)
case nil:
    HelpCommand.perform(arguments)
}
