/// The rules every text field copied into an order follows (SPEC §4 step 4, §11): trimmed of Unicode white space
/// first (a leading or trailing tab, CR or LF is trimmed, never an error), then at most 255 characters and no
/// control characters. Each broken rule is its own error.
enum TextRules {
    static let maxLength = CheckoutError.maxTextLength

    /// A field after trimming, and whether it keeps the text rules.
    struct Checked {
        var value: String
        var isValid: Bool
    }

    /// The trimmed value, recording each text rule it breaks. A value that breaks one is still handed back, so
    /// the field's own rule (a postcode pattern, the email shape) can be checked too; its errors come first.
    static func check(_ field: Located<String>, name: String, into errors: inout [CheckoutError]) -> Checked {
        check(field.value, name: name, at: field.location, into: &errors)
    }

    /// The same for a value whose location is read only to report a rule it breaks (an address field's: copying
    /// the field out of its table copied its location, issue 18).
    static func check(
        _ value: String, name: String, at location: @autoclosure () -> Location, into errors: inout [CheckoutError]
    ) -> Checked {
        let trimmed = value.trimmingWhitespace
        var valid = true
        // At most 4 bytes a scalar: up to 255 bytes is surely short enough, without counting scalars.
        if trimmed.utf8.count > maxLength && trimmed.unicodeScalars.count > maxLength {
            errors.append(.tooLong(name: name, at: location()))
            valid = false
        }
        if hasControlCharacter(trimmed) {
            errors.append(.controlCharacters(name: name, at: location()))
            valid = false
        }
        return Checked(value: trimmed, isValid: valid)
    }

    /// C0, DEL and C1 scalars, found in the UTF-8 bytes: C1 (U+0080–U+009F) is encoded 0xC2 0x80–0x9F, and a
    /// 0xC2 byte always starts a scalar in valid UTF-8 (which a Swift String is).
    static func hasControlCharacter(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { hasControlCharacter($0) }!  // see `ByteBuffer.append(string:)`
    }

    private static func hasControlCharacter(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var previous: UInt8 = 0
        for b in bytes {
            if b < 0x20 || b == 0x7F || (previous == 0xC2 && b >= 0x80 && b < 0xA0) { return true }
            previous = b
        }
        return false
    }
}
