/// The one rounding rule of SPEC §5: half away from zero, to the minor unit, on exact integers.
enum Rounding {
    /// `numerator / denominator` rounded half away from zero. The denominator must be positive.
    static func divide(_ numerator: Int128, by denominator: Int128) -> Int128 {
        precondition(denominator > 0, "rounding divides by a positive denominator")
        let magnitude = numerator.magnitude
        let d = denominator.magnitude
        let q = magnitude / d
        let r = magnitude % d
        let rounded = (r * 2 >= d) ? q + 1 : q
        return numerator < 0 ? -Int128(rounded) : Int128(rounded)
    }

    /// `round(value × millionths / 1_000_000)`: a money amount times an exact rate.
    static func applyRate(_ value: Int64, millionths: Int64) throws(AmountOverflow) -> Int64 {
        try Checked.narrow(divide(Int128(value) * Int128(millionths), by: 1_000_000))
    }

    /// `round(value / quantity)`: the display unit of SPEC §7 (−599 / 3 → −200).
    static func unit(_ value: Int64, quantity: Int64) -> Int64 {
        // `divide` in 64 bits, as it needs no more here (an order shows ~10 units an item; issue 18): the remainder
        // is below the quantity, so twice it fits, and the quotient of two or more is at most half of 2^63.
        guard quantity > 1 else { return value }
        let magnitude = value.magnitude
        let d = UInt64(quantity)
        let q = magnitude / d
        let rounded = (magnitude % d) * 2 >= d ? q + 1 : q
        return value < 0 ? -Int64(rounded) : Int64(rounded)
    }
}
