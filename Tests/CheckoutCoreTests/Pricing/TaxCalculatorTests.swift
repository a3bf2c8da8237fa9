import Testing

@testable import CheckoutCore

/// SPEC §5.5, Elastic Path's `line` method, with worked numbers (rates in millionths).
@Suite("Tax on one line")
struct TaxCalculatorTests {
    @Test("tax-exclusive: each rate rounds on its own, half away from zero")
    func exclusive() throws {
        // 10000 × 5% = 500 and × 7% = 700: GST + PST on a C$100.00 line.
        #expect(
            try TaxCalculator.tax(10_000, includesTax: false, rates: [50_000, 70_000])
                == .init(net: 10_000, tax: 1200, gross: 11_200, perRate: [500, 700]))
        // 145 × 7.25% = 10.5125 → 11.
        #expect(
            try TaxCalculator.tax(145, includesTax: false, rates: [72_500])
                == .init(net: 145, tax: 11, gross: 156, perRate: [11]))
        // 10 × 5% = 0.5 → 1 (a half rounds away from zero); 9 × 5% = 0.45 → 0.
        #expect(try TaxCalculator.tax(10, includesTax: false, rates: [50_000]).tax == 1)
        #expect(try TaxCalculator.tax(9, includesTax: false, rates: [50_000]).tax == 0)
        // No rate: no tax.
        #expect(
            try TaxCalculator.tax(999, includesTax: false, rates: [])
                == .init(net: 999, tax: 0, gross: 999, perRate: []))
    }

    @Test("tax-inclusive: the net is rounded once, the tax is what is left, split over the rates by largest remainder")
    func inclusive() throws {
        // £120.00 at 20%: net = 12000 / 1.2 = 10000.
        #expect(
            try TaxCalculator.tax(12_000, includesTax: true, rates: [200_000])
                == .init(net: 10_000, tax: 2000, gross: 12_000, perRate: [2000]))
        // 999 / 1.2 = 832.5 → 833 (half away from zero); tax 166.
        #expect(
            try TaxCalculator.tax(999, includesTax: true, rates: [200_000])
                == .init(net: 833, tax: 166, gross: 999, perRate: [166]))
        // 11200 / 1.12 = 10000; the 1200 of tax splits 5 : 7.
        #expect(try TaxCalculator.tax(11_200, includesTax: true, rates: [50_000, 70_000]).perRate == [500, 700])
        // 100 / 1.3 = 76.92 → 77; tax 23 over three equal rates: floors 7, 7, 7, then one unit each to the first two.
        #expect(
            try TaxCalculator.tax(100, includesTax: true, rates: [100_000, 100_000, 100_000]).perRate == [8, 8, 7])
    }

    @Test("an amount that cannot be taxed within Int64 is an error, never a wrap")
    func overflow() {
        #expect(throws: AmountOverflow.self) { try TaxCalculator.tax(Int64.max, includesTax: false, rates: [200_000]) }
    }
}
