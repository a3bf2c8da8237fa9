/// The rules every free-text field follows (SPEC §4 step 4, §11): trimmed of Unicode white space, no control
/// characters, at most 255 characters after trimming.
enum TextRules {
    static let maxLength = 255

    /// The trimmed value, or nil after recording why it is not acceptable.
    static func check(_ field: Located<String>, name: String, into errors: inout [CheckoutError]) -> String? {
        if hasControlCharacter(field.value) {
            errors.append(.controlCharacters(name: name, at: field.location))
            return nil
        }
        let trimmed = field.value.trimmingWhitespace
        // At most 4 bytes a scalar: up to 255 bytes is surely short enough, without counting scalars.
        if trimmed.utf8.count > maxLength && trimmed.unicodeScalars.count > maxLength {
            errors.append(.tooLong(name: name, at: field.location))
            return nil
        }
        return trimmed
    }

    /// C0, DEL and C1 scalars, found in the UTF-8 bytes: C1 (U+0080–U+009F) is encoded 0xC2 0x80–0x9F, and a
    /// 0xC2 byte always starts a scalar in valid UTF-8 (which a Swift String is).
    static func hasControlCharacter(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var previous: UInt8 = 0
            for b in bytes {
                if b < 0x20 || b == 0x7F || (previous == 0xC2 && b >= 0x80 && b < 0xA0) { return true }
                previous = b
            }
            return false
        }
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
