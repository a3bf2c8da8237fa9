/// SPEC §5.5: the tax on one line, by Elastic Path's `line` method, for tax-exclusive and tax-inclusive prices.
enum TaxCalculator {
    struct LineTax: Sendable, Equatable {
        var net: Int64
        var tax: Int64
        var gross: Int64
        /// The tax each rate put on the line, in the order of the rates.
        var perRate: [Int64]
    }

    /// Taxes `value` (the line's value after discounts) at `rates` (millionths each).
    static func tax(_ value: Int64, includesTax: Bool, rates: [Int64]) throws(AmountOverflow) -> LineTax {
        if includesTax {
            // gross = v; net = round(gross / (1 + R)); tax = gross − net, split over the rates by largest remainder.
            let combined = try Checked.sum(rates)
            let net = try Checked.narrow(Rounding.divide(Int128(value) * 1_000_000, by: 1_000_000 + Int128(combined)))
            let tax = try Checked.subtract(value, net)
            let perRate = tax >= 0 ? Apportion.largestRemainder(tax, weights: rates) : rates.map { _ in 0 }
            return LineTax(net: net, tax: tax, gross: value, perRate: perRate)
        } else {
            // net = v; tax_k = round(net × r_k); gross = net + Σ tax_k.
            var perRate: [Int64] = []
            perRate.reserveCapacity(rates.count)  // one allocation, not one per growth (issue 18)
            for r in rates { perRate.append(try Rounding.applyRate(value, millionths: r)) }
            let tax = try Checked.sum(perRate)
            return LineTax(net: value, tax: tax, gross: try Checked.add(value, tax), perRate: perRate)
        }
    }
}
