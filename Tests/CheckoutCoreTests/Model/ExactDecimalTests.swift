import Testing

@testable import CheckoutCore

/// Exact decimals read from their text: a whole number of up to 18 digits takes a short path, anything longer or
/// with a fraction or exponent the general one; both must give the same value.
@Suite("Exact decimals from literals")
struct ExactDecimalTests {
    @Test(
        "the value of each literal, whichever path reads it",
        arguments: [
            ("3", Int128(3), 0), ("-1", -1, 0), ("0", 0, 0), ("-0", 0, 0), ("007", 7, 0),
            ("123456789012345678", 123_456_789_012_345_678, 0),
            ("1234567890123456789", 1_234_567_890_123_456_789, 0),
            ("9223372036854775808", 9_223_372_036_854_775_808, 0),
            ("2.0", 2, 0), ("2.50", 25, 1), ("1e3", 1000, 0), ("-12.5e-3", -125, 4), ("0.0725", 725, 4),
            // xs:decimal spellings, which XML text may use.
            ("1.", 1, 0), (".5", 5, 1),
        ] as [(String, Int128, Int)])
    func value(_ literal: String, _ significand: Int128, _ scale: Int) throws {
        let d = try #require(ExactDecimal(literal: literal))
        #expect(d.significand == significand)
        #expect(d.scale == scale)
        #expect(d.literal == literal)
    }

    @Test("what is not a number", arguments: ["", "-", "--1", "1-", "+1", "1e", "x", " 1", "1 ", "1.2.3"])
    func notANumber(_ literal: String) {
        #expect(ExactDecimal(literal: literal) == nil)
    }

    @Test func wholeNumbersAndInt64() {
        #expect(ExactDecimal(literal: "9223372036854775807")?.int64 == Int64.max)
        #expect(ExactDecimal(literal: "9223372036854775808")?.int64 == nil)
        #expect(ExactDecimal(literal: "-42")?.isNegative == true)
        #expect(ExactDecimal(literal: "42")?.isInteger == true)
    }
}
