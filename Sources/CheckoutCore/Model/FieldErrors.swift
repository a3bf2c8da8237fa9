/// The errors every step shares (SPEC §8): a missing field, a wrong type, a bad format or value, text past its
/// rules, an amount too large. Errors only one check makes are defined beside that check.
extension CheckoutError {
    /// The most characters a text field may hold after trimming (SPEC §4 step 4, §11).
    static let maxTextLength = 255

    static func required(_ name: String, at loc: Location) -> CheckoutError {
        CheckoutError(.required, detail: "\(name) is required", at: loc)
    }

    static func tooLong(name: String, at loc: Location) -> CheckoutError {
        CheckoutError(
            .tooLong,
            detail: "\(name) is longer than \(CheckoutError.maxTextLength) characters", at: loc, rank: .tooLong)
    }

    static func controlCharacters(name: String, at loc: Location) -> CheckoutError {
        CheckoutError(.format, detail: "\(name) contains control characters", at: loc, rank: .controlCharacters)
    }

    static func typeMismatch(expected: String, given: String, at loc: Location) -> CheckoutError {
        CheckoutError(.type, detail: "Invalid type. Expected: \(expected), given: \(given)", at: loc)
    }

    static func negative(at loc: Location) -> CheckoutError {
        CheckoutError(.type, detail: "Must be greater than or equal to 0", at: loc)
    }

    static func badFormat(_ format: String, at loc: Location) -> CheckoutError {
        CheckoutError(.format, detail: "Does not match format '\(format)'", at: loc)
    }

    static func notOneOf(_ value: String, allowed: String, at loc: Location) -> CheckoutError {
        CheckoutError(.enum, detail: "'\(value.clipped)' is not one of \(allowed)", at: loc)
    }

    /// `amount_overflow` (SPEC §5): an amount that does not fit in Int64 — a field (`at`), a line, or the total.
    static func amountOverflow(_ detail: String, at loc: Location) -> CheckoutError {
        CheckoutError(.amountOverflow, detail: detail, at: loc)
    }
}
