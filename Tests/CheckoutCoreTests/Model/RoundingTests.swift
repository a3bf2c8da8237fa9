import Testing

@testable import CheckoutCore

@Suite("Rounding: half away from zero, once")
struct RoundingTests {
    @Test(
        "halves round away from zero, both signs",
        arguments: [
            (Int128(5), Int128(2), Int128(3)), (Int128(-5), Int128(2), Int128(-3)),
            (Int128(7), Int128(2), Int128(4)), (Int128(4), Int128(3), Int128(1)),
            (Int128(-4), Int128(3), Int128(-1)), (Int128(0), Int128(7), Int128(0)),
            (Int128(2), Int128(3), Int128(1)), (Int128(-2), Int128(3), Int128(-1)),
        ])
    func divide(numerator: Int128, denominator: Int128, expected: Int128) {
        #expect(Rounding.divide(numerator, by: denominator) == expected)
    }

    @Test func displayUnitsOfNegativeValues() {
        // SPEC §11: −599 / 3 = −199.67 → −200.
        #expect(Rounding.unit(-599, quantity: 3) == -200)
        #expect(Rounding.unit(-500, quantity: 2) == -250)
        #expect(Rounding.unit(-5, quantity: 2) == -3)
        #expect(Rounding.unit(1001, quantity: 2) == 501)
    }

    @Test func displayUnitsAtTheEdgesOfInt64() {
        // Worked: Int64.max = 9223372036854775807; / 2 = …903.5 → …904; / 3 = …602.33 → …602.
        #expect(Rounding.unit(Int64.max, quantity: 2) == 4_611_686_018_427_387_904)
        #expect(Rounding.unit(Int64.max, quantity: 3) == 3_074_457_345_618_258_602)
        #expect(Rounding.unit(Int64.min, quantity: 2) == -4_611_686_018_427_387_904)
        #expect(Rounding.unit(Int64.min, quantity: 1) == Int64.min)
        #expect(Rounding.unit(-7, quantity: 0) == -7)  // no quantity: the value itself
        // The same as dividing exactly in 128 bits, over a spread of values and quantities.
        for value: Int64 in [Int64.min, -1_000_001, -599, -3, -1, 0, 1, 2, 5, 1001, 999_999_999_999, Int64.max] {
            for quantity: Int64 in [1, 2, 3, 7, 1000, Int64.max] {
                #expect(
                    Rounding.unit(value, quantity: quantity)
                        == Int64(Rounding.divide(Int128(value), by: Int128(quantity))), "\(value) / \(quantity)")
            }
        }
    }

    @Test func ratesApplyExactly() throws {
        // 1500 × 7.25% = 108.75 → 109; 47000 × 7.25% = 3407.5 → 3408.
        #expect(try Rounding.applyRate(1500, millionths: 72_500) == 109)
        #expect(try Rounding.applyRate(47_000, millionths: 72_500) == 3408)
        // A rate with six decimals: 999 × 0.123456 = 123.332544 → 123.
        #expect(try Rounding.applyRate(999, millionths: 123_456) == 123)
    }

    @Test func overflowIsAnErrorNotAWrap() {
        #expect(throws: AmountOverflow.self) { try Checked.multiply(Int64.max / 2, 3) }
        #expect(throws: AmountOverflow.self) { try Checked.add(Int64.max, 1) }
        #expect(throws: AmountOverflow.self) { try Rounding.applyRate(Int64.max, millionths: 2_000_000) }
    }

    @Test func exactDecimalsNeverTouchFloats() {
        #expect(ExactDecimal(literal: "0.0725")!.scaled(toPlaces: 6) == 72_500)
        #expect(ExactDecimal(literal: "0.20")!.scaled(toPlaces: 6) == 200_000)
        #expect(ExactDecimal(literal: "0.1234567")!.scaled(toPlaces: 6) == nil)
        #expect(ExactDecimal(literal: "12.5")!.scaled(toPlaces: 2) == 1250)
        #expect(ExactDecimal(literal: "2.0")!.int64 == 2)
        #expect(ExactDecimal(literal: "2e2")!.int64 == 200)
        #expect(ExactDecimal(literal: "1.5")!.isInteger == false)
        #expect(ExactDecimal(literal: "-1")!.isNegative)
        #expect(ExactDecimal(literal: "99999999999999999999")!.int64 == nil)
        #expect(ExactDecimal(literal: "1e999") == nil)
        #expect(ExactDecimal(literal: "2.50")!.canonical == ExactDecimal(literal: "2.5")!.canonical)
    }
}
