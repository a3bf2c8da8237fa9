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
        guard quantity > 0 else { return value }
        return Int64(divide(Int128(value), by: Int128(quantity)))
    }
}
