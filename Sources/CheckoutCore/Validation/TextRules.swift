/// The rules every free-text field follows (SPEC §4 step 4, §11): trimmed of Unicode white space, no control
/// characters, at most 255 characters after trimming.
enum TextRules {
    static let maxLength = 255

    /// The trimmed value, or nil after recording why it is not acceptable.
    static func check(_ field: Located<String>, name: String, into errors: inout [CheckoutError]) -> String? {
        if field.value.unicodeScalars.contains(where: isControl) {
            errors.append(.controlCharacters(name: name, at: field.location))
            return nil
        }
        let trimmed = field.value.trimmingWhitespace
        if trimmed.unicodeScalars.count > maxLength {
            errors.append(.tooLong(name: name, at: field.location))
            return nil
        }
        return trimmed
    }

    static func isControl(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x20 || (s.value >= 0x7F && s.value < 0xA0)
    }
}

extension CheckoutError {
    static func required(_ name: String, at loc: Location) -> CheckoutError {
        CheckoutError(status: 400, code: "required", title: "required", detail: "\(name) is required",
                      source: loc.source, line: loc.line)
    }

    static func tooLong(name: String, at loc: Location) -> CheckoutError {
        CheckoutError(status: 400, code: "too_long", title: "too_long",
                      detail: "\(name) is longer than \(TextRules.maxLength) characters", source: loc.source, line: loc.line)
    }

    static func controlCharacters(name: String, at loc: Location) -> CheckoutError {
        CheckoutError(status: 400, code: "format", title: "format", detail: "\(name) contains control characters",
                      source: loc.source, line: loc.line)
    }
}
