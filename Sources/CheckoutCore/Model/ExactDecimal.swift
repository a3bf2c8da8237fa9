/// A decimal number read from its text, never through a binary float (SPEC §3: rates are exact).
struct ExactDecimal: Sendable, Equatable {
    /// The value is `significand × 10^(-scale)`.
    var significand: Int128
    var scale: Int
    /// The number exactly as written in the source, for output that must echo it (`"rate": 0.20`).
    var literal: String

    /// Parses a JSON number literal (`-12.5e-3`). Returns nil when the text is not a number or is absurdly large.
    init?(literal text: String) {
        if let whole = ExactDecimal.wholeNumber(text) {
            significand = Int128(whole)
            scale = 0
            literal = text
            return
        }
        var bytes = Array(text.utf8)[...]
        var negative = false
        if bytes.first == UInt8(ascii: "-") {
            negative = true
            bytes = bytes.dropFirst()
        }
        var digits: [UInt8] = []
        var scale = 0
        var seenDigit = false
        var inFraction = false
        var exponent = 0
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let b = bytes[i]
            if b >= 48 && b <= 57 {
                digits.append(b - 48)
                seenDigit = true
                if inFraction { scale += 1 }
            } else if b == UInt8(ascii: ".") && !inFraction {
                inFraction = true
            } else if b == UInt8(ascii: "e") || b == UInt8(ascii: "E") {
                guard let e = Int(String(decoding: bytes[(i + 1)...], as: UTF8.self)), abs(e) < 400 else { return nil }
                exponent = e
                break
            } else {
                return nil
            }
            i += 1
        }
        guard seenDigit else { return nil }
        scale -= exponent
        // Drop leading zeros, then trailing zeros of the fraction, so 2.0 and 2 compare equal.
        while digits.count > 1 && digits.first == 0 { digits.removeFirst() }
        while scale > 0 && digits.count > 1 && digits.last == 0 {
            digits.removeLast()
            scale -= 1
        }
        if digits == [0] { scale = 0 }
        while scale < 0 {  // positive exponent: append zeros
            digits.append(0)
            scale += 1
            if digits.count > 38 { return nil }
        }
        guard digits.count <= 38 else { return nil }
        var value: Int128 = 0
        for d in digits { value = value * 10 + Int128(d) }
        self.significand = negative ? -value : value
        self.scale = scale
        self.literal = text
    }

    /// The value of a literal of at most 18 digits and nothing else but a leading `-`: what nearly every quantity
    /// and amount is, read without the arrays the general reading makes (issue 18). Nil for anything else.
    private static func wholeNumber(_ text: String) -> Int64? {
        var value: Int64 = 0
        var digits = 0
        var negative = false
        for b in text.utf8 {
            if b >= 48 && b <= 57 {
                guard digits < 18 else { return nil }
                value = value * 10 + Int64(b - 48)
                digits += 1
            } else if b == UInt8(ascii: "-") && digits == 0 && !negative {
                negative = true
            } else {
                return nil
            }
        }
        guard digits > 0 else { return nil }
        return negative ? -value : value
    }

    var isInteger: Bool { scale == 0 }
    var isNegative: Bool { significand < 0 }

    /// The value as an Int64 when it is a whole number that fits.
    var int64: Int64? {
        guard scale == 0, significand >= Int128(Int64.min), significand <= Int128(Int64.max) else { return nil }
        return Int64(significand)
    }

    /// The value scaled to `places` decimals as an integer (0.0725 at 6 places → 72500); nil when it has more places.
    func scaled(toPlaces places: Int) -> Int64? {
        guard scale <= places else { return nil }
        var v = significand
        for _ in 0..<(places - scale) { v *= 10 }
        guard v >= Int128(Int64.min), v <= Int128(Int64.max) else { return nil }
        return Int64(v)
    }

    /// A canonical spelling used for content digests: number spelling does not matter (`2.0` is `2`).
    var canonical: String { Self.plain(significand, scale: scale) }

    /// `significand × 10^(-scale)` written out with exactly `scale` decimals and no exponent (`8500`, 2 → `85.00`;
    /// `5`, 3 → `0.005`): for digests and for amounts in major units (SPEC §13).
    static func plain(_ significand: Int128, scale: Int) -> String {
        let sign = significand < 0 ? "-" : ""
        let digits = String(significand.magnitude)
        if scale == 0 { return sign + digits }
        let padded = String(repeating: "0", count: max(0, scale + 1 - digits.count)) + digits
        let cut = padded.index(padded.endIndex, offsetBy: -scale)
        return sign + padded[..<cut] + "." + padded[cut...]
    }
}

extension ExactDecimal {
    /// Parses an `xs:decimal` (SPEC §12: digits, an optional sign and point; no exponent, no comma), as purchase
    /// orders write their numbers. Nil for anything else, or for more than 64 characters (SPEC §11).
    init?(xsDecimal text: String) {
        let b = Array(text.utf8)
        guard !b.isEmpty, b.count <= InputLimits.maxNumberLiteral else { return nil }
        var i = 0
        var sign = ""
        if b[0] == UInt8(ascii: "+") || b[0] == UInt8(ascii: "-") {
            sign = b[0] == UInt8(ascii: "-") ? "-" : ""
            i = 1
        }
        let body = b[i...]
        let digitsOnly = body.filter { $0 != UInt8(ascii: ".") }
        guard !digitsOnly.isEmpty, digitsOnly.allSatisfy({ $0 >= 48 && $0 <= 57 }),
            body.count - digitsOnly.count <= 1
        else { return nil }
        var literal = String(decoding: body, as: UTF8.self)
        if literal.hasPrefix(".") { literal = "0" + literal }
        if literal.hasSuffix(".") { literal.removeLast() }
        guard var value = ExactDecimal(literal: sign + literal) else { return nil }
        value.literal = text
        self = value
    }
}
