import CheckoutCore

/// `checkout-batch verify EXPECTED ACTUAL`: compares two outboxes as golden files; exit 1 on any difference.
enum VerifyCommand {
    static func perform(_ arguments: Arguments) -> Never {
        guard arguments.positional.count == 2 else { fail("verify takes two outbox folders: EXPECTED ACTUAL", .usage) }
        do {
            let differences = try OutboxComparison.compare(
                expected: arguments.positional[0], actual: arguments.positional[1])
            for d in differences { print("\(d.path): \(d.description)") }
            if !arguments.quiet {
                printError(
                    differences.isEmpty
                        ? "checkout-batch: the outboxes are identical"
                        : "checkout-batch: \(differences.count) files differ")
            }
            exit(differences.isEmpty ? .success : .rejections)
        } catch {
            fail("\(error)", .missing)
        }
    }
}
