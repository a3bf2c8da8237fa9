/// SPEC §12's line rules, part of step 6 for a cart that came from a purchase order: the unit against the product's
/// `unit_code`, and the stated price (net of tax, as these standards state prices) against the catalogue's in the
/// mode `settings.document_prices` gives. Returns the unit price the line is priced at.
enum PurchaseLineCheck {
    /// Units a product without `unit_code` is sold in: by the piece.
    static let pieceUnits: Set<String> = ["C62", "EA", "H87", "PCE"]

    struct Priced {
        var unitPrice: Int64
        var includesTax: Bool
    }

    /// `catalogue` is the product's price in the cart currency (nil when it has none); `rates` the line's tax
    /// rates at the shipping address, nil when that address failed its check (then no price is compared).
    static func check(
        _ line: PurchaseLineTerms, product: Product, sku: Location, catalogue: Price?, currency: Currency,
        settings: Settings, rates: [TaxRate]?, into errors: inout [CheckoutError]
    ) -> Priced? {
        let before = errors.count
        if let unit = line.unit {
            let fits = product.unitCode.map { unit.value == $0 } ?? pieceUnits.contains(unit.value)
            if !fits {
                errors.append(.unitMismatch(product, unit: unit, expected: product.unitCode ?? "C62", line: line.id))
            }
        }
        let stated = statedPrice(line, currency: currency, exact: settings.documentPrices == .document, into: &errors)
        guard errors.count == before else { return nil }
        switch (settings.documentPrices, stated) {
        case (.document, let stated?):
            return Priced(unitPrice: stated, includesTax: false)
        case (_, _) where catalogue == nil:
            errors.append(.missingPrice(product, currency: currency.code, at: sku))
            return nil
        case (.check, let stated?):
            if let rates, let net = netUnitPrice(catalogue!, rates: rates),
                (stated - net).magnitude > settings.priceTolerance.magnitude
            {
                errors.append(
                    .priceMismatch(product, stated: stated, catalogue: net, at: line.price!.location, line: line.id))
                return nil
            }
            return Priced(unitPrice: catalogue!.amount, includesTax: catalogue!.includesTax)
        default:
            return Priced(unitPrice: catalogue!.amount, includesTax: catalogue!.includesTax)
        }
    }

    /// The stated unit price in minor units: `price ÷ price quantity`, rounded half away from zero (or, `exact`,
    /// `format` unless it is whole in minor units). Negative is `type`; not an `xs:decimal`, `format`.
    static func statedPrice(
        _ line: PurchaseLineTerms, currency: Currency, exact: Bool, into errors: inout [CheckoutError]
    ) -> Int64? {
        guard let price = line.price else { return nil }
        guard let amount = ExactDecimal(xsDecimal: price.value) else {
            errors.append(.notDecimal(price.value, at: price.location))
            return nil
        }
        if amount.isNegative {
            errors.append(.negative(at: price.location))
            return nil
        }
        var base = ExactDecimal(xsDecimal: "1")!
        if let q = line.priceQuantity {
            guard let b = ExactDecimal(xsDecimal: q.value), b.significand > 0 else {
                errors.append(
                    CheckoutError(
                        .format, detail: "'\(q.value.clipped)' is not a positive decimal quantity", at: q.location))
                return nil
            }
            base = b
        }
        // price × 10^places ÷ base, as integers: (s_p × 10^(places + scale_b)) ÷ (s_b × 10^scale_p).
        var numerator = amount.significand
        var denominator = base.significand
        let shift = currency.decimalPlaces + base.scale - amount.scale
        guard abs(shift) < 30 else {
            errors.append(.notDecimal(price.value, at: price.location))
            return nil
        }
        for _ in 0..<max(shift, 0) { numerator *= 10 }
        for _ in 0..<max(-shift, 0) { denominator *= 10 }
        if exact && numerator % denominator != 0 {
            errors.append(
                CheckoutError(
                    .format, detail: "\(price.value.clipped) is not a whole amount of \(currency.code) minor units",
                    at: price.location))
            return nil
        }
        let value = Rounding.divide(numerator, by: denominator)
        guard value <= Int128(Int64.max) else {
            errors.append(.amountOverflow("The stated price of line \(line.id) does not fit", at: price.location))
            return nil
        }
        return Int64(value)
    }

    /// The catalogue's net unit price: the price when it excludes tax, else `round(price ÷ (1 + R))`.
    static func netUnitPrice(_ price: Price, rates: [TaxRate]) -> Int64? {
        guard price.includesTax else { return price.amount }
        return try? TaxCalculator.tax(price.amount, includesTax: true, rates: rates.map(\.millionths)).net
    }
}

extension CheckoutError {
    static func unitMismatch(_ p: Product, unit: Located<String>, expected: String, line: String) -> CheckoutError {
        CheckoutError(
            .unitMismatch,
            detail: "Line \(line.clipped) orders \(p.sku) in \(unit.value.clipped); it is sold in \(expected)",
            at: unit.location,
            meta: [
                ("id", .string(p.id)), ("sku", .string(p.sku)), ("unit", .string(unit.value.clipped)),
                ("expected", .string(expected)),
            ])
    }

    static func priceMismatch(_ p: Product, stated: Int64, catalogue: Int64, at loc: Location, line: String)
        -> CheckoutError
    {
        CheckoutError(
            .priceMismatch,
            detail:
                "Line \(line.clipped) states \(stated) for \(p.sku); the catalogue's net price is \(catalogue) (minor units)",
            at: loc,
            meta: [
                ("id", .string(p.id)), ("sku", .string(p.sku)), ("stated", .int(stated)),
                ("catalogue", .int(catalogue)),
            ])
    }
}
