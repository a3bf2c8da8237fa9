import CheckoutCore

#if canImport(Glibc)
    import Glibc
#endif

/// Writes to standard error through its file descriptor (the C `stderr` global is not concurrency-safe).
func printError(_ text: String) {
    let bytes = Array((text + "\n").utf8)
    _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
}

/// Says what went wrong on standard error and exits with its code.
func fail(_ message: String, _ code: ExitCode) -> Never {
    printError("checkout-batch: \(message)")
    exit(code)
}

func exit(_ code: ExitCode) -> Never { exit(code.rawValue) }
