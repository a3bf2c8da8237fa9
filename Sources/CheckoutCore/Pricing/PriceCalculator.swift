/// SPEC §5: discounts, free gifts, tax, shipping and totals, all in Int64 minor units with checked arithmetic.
/// A pure function of the cart, its promotions and shipping method, and the catalogue's tax rates.
enum PriceCalculator {
    static func price(
        _ cart: consuming ValidCart, promotions: [Promotion], shipping method: ShippingMethod?,
        catalogue: Catalogue
    ) throws(AmountOverflow) -> PricedCart {
        let currency = cart.currency.code
        var lines = cart.lines
        var values: [Int64] = []
        values.reserveCapacity(lines.count + 1)  // a free gift may follow; one allocation, not one per growth
        // Lines and promotions are read where they stand throughout: binding one copied it (issue 18).
        for i in lines.indices { values.append(try Checked.multiply(lines[i].unitPrice, lines[i].quantity)) }
        var discounts = values.map { _ in Int64(0) }
        // What each promotion took off, by its place in `promotions` (each at most once: a code given twice applies
        // once, SPEC §11): a dictionary by id hashed the id for every write and read (issue 18).
        var promotionTotals = [Int64?](repeating: nil, count: promotions.count)

        // 1. Percent discounts, in catalogue order, on what remains of each eligible line.
        for j in promotions.indices where promotions[j].kind == .percentDiscount {
            var total: Int64 = 0
            let percent = Int128(promotions[j].percentHundredths)
            for i in eligible(lines, promotions[j]) {
                let remaining = values[i] - discounts[i]
                let d = try Checked.narrow(Rounding.divide(Int128(remaining) * percent, by: 10_000))
                discounts[i] += d
                total = try Checked.add(total, d)
            }
            promotionTotals[j] = total
        }
        // 2. Fixed discounts, in catalogue order, apportioned by largest remainder over what remains.
        for j in promotions.indices where promotions[j].kind == .fixedDiscount {
            let indices = eligible(lines, promotions[j])
            let remaining = indices.map { values[$0] - discounts[$0] }
            let amount = min(promotions[j].amount[currency] ?? 0, try Checked.sum(remaining))
            let shares = Apportion.largestRemainder(amount, weights: remaining)
            for (k, i) in indices.enumerated() { discounts[i] += shares[k] }
            promotionTotals[j] = amount
        }
        // 3. Free gifts: a line after the cart's lines, fully discounted.
        for j in promotions.indices where promotions[j].kind == .freeGift {
            guard let sku = promotions[j].giftSku, let gift = catalogue.product(sku: sku),
                let price = gift.prices[currency]
            else {
                continue
            }
            lines.append(
                CartLine(
                    kind: .gift, productId: gift.id, sku: gift.sku, name: gift.name, quantity: 1,
                    unitPrice: price.amount, includesTax: price.includesTax, taxCode: gift.taxCode,
                    shippable: gift.shippable, location: lines.last?.location ?? cart.itemsLocation))
            values.append(price.amount)
            discounts.append(price.amount)
            promotionTotals[j] = price.amount
        }

        // 4–5. Tax on each line's value after discounts.
        var taxes = RatesByCode(country: cart.shippingAddress.country, regions: cart.shippingAddress.taxRegions)
        var priced: [PricedLine] = []
        priced.reserveCapacity(lines.count)
        var itemsGross: Int64 = 0
        for i in lines.indices {
            let c = taxes.index(of: lines[i].taxCode, in: catalogue)
            let t = try TaxCalculator.tax(
                values[i] - discounts[i], includesTax: lines[i].includesTax, rates: taxes.millionths(c))
            itemsGross = try Checked.add(itemsGross, t.gross)
            priced.append(
                PricedLine(
                    sku: lines[i].sku, name: lines[i].name, productId: lines[i].productId,
                    quantity: lines[i].quantity, unitPrice: lines[i].unitPrice, includesTax: lines[i].includesTax,
                    value: values[i], discount: discounts[i], net: t.net, tax: t.tax, gross: t.gross,
                    taxes: paired(taxes.rates(c), t.perRate), orderItemRun: lines[i].orderItemRun))
        }

        // 6. Shipping: free over the threshold, or fully discounted by a free-shipping promotion.
        // Looked up first: in `taxes.rates(taxes.index(…))` the outer call reads `taxes` before the inner one adds to it.
        let shippingCode = taxes.index(of: method?.taxCode, in: catalogue)
        let shippingLine = try shippingLine(
            method, currency: currency, itemsGross: itemsGross, promotions: promotions,
            rates: taxes.rates(shippingCode), millionths: taxes.millionths(shippingCode),
            promotionTotals: &promotionTotals)

        // 7. Totals.
        let totals = try totals(priced, shipping: shippingLine, payment: cart.payment)

        return PricedCart(
            cart: cart, lines: priced, shipping: shippingLine, promotions: applied(promotions, promotionTotals),
            totals: totals)
    }

    /// The product lines `promotion` applies to, by index: lines and the promotion read where they stand.
    private static func eligible(_ lines: [CartLine], _ promotion: borrowing Promotion) -> [Int] {
        var indices: [Int] = []
        for i in lines.indices where lines[i].kind == .product && promotion.isEligible(sku: lines[i].sku) {
            indices.append(i)
        }
        return indices
    }

    /// The promotions that took something off, with what they took, in catalogue order: read in place and only
    /// those copied (`compactMap` copied every promotion).
    private static func applied(_ promotions: [Promotion], _ totals: [Int64?]) -> [(
        promotion: Promotion, total: Int64
    )] {
        var lines: [(promotion: Promotion, total: Int64)] = []
        for j in promotions.indices {
            if let total = totals[j], total > 0 { lines.append((promotions[j], total)) }
        }
        return lines
    }

    /// Step 6's line: the method's price, 0 once the items' gross reaches `free_over`, fully discounted by a
    /// free-shipping promotion (whose total is noted), taxed like any line.
    private static func shippingLine(
        _ method: ShippingMethod?, currency: String, itemsGross: Int64, promotions: [Promotion], rates: [TaxRate],
        millionths: [Int64], promotionTotals: inout [Int64?]
    ) throws(AmountOverflow) -> PricedLine? {
        guard let method, let listPrice = method.price[currency] else { return nil }
        var price = listPrice
        if let threshold = method.freeOver[currency], itemsGross >= threshold { price = 0 }
        var discount: Int64 = 0
        if price > 0, let free = promotions.firstIndex(where: { $0.kind == .freeShipping }) {
            discount = price
            promotionTotals[free] = price
        }
        let t = try TaxCalculator.tax(price - discount, includesTax: method.includesTax, rates: millionths)
        return PricedLine(
            sku: method.id, name: method.name, productId: "", quantity: 1, unitPrice: price,
            includesTax: method.includesTax, value: price, discount: discount, net: t.net,
            tax: t.tax, gross: t.gross, taxes: paired(rates, t.perRate))
    }

    /// Each rate with the tax it put on a line.
    private static func paired(_ rates: [TaxRate], _ amounts: [Int64]) -> [LineTax] {
        var out: [LineTax] = []
        out.reserveCapacity(rates.count)
        for i in rates.indices { out.append(LineTax(rate: rates[i], amount: amounts[i])) }
        return out
    }

    /// Step 7: the order's totals over every line (the shipping line last) and the payment. Each figure is summed
    /// in that order with checked additions, all in one pass over the lines read where they stand (summing each
    /// through a key path copied every line, five times; issue 18).
    private static func totals(
        _ lines: [PricedLine], shipping: PricedLine?, payment: Payment?
    ) throws(AmountOverflow) -> Totals {
        var net: Int64 = 0
        var tax: Int64 = 0
        var discounts: Int64 = 0
        for i in lines.indices {
            net = try Checked.add(net, lines[i].net)
            tax = try Checked.add(tax, lines[i].tax)
            discounts = try Checked.add(discounts, lines[i].discount)
        }
        if let shipping {
            net = try Checked.add(net, shipping.net)
            tax = try Checked.add(tax, shipping.tax)
            discounts = try Checked.add(discounts, shipping.discount)
        }
        let withTax = try Checked.add(net, tax)
        let discount = try Checked.subtract(0, discounts)
        let withoutDiscount = try Checked.subtract(withTax, discount)
        let authorized = payment?.status == .authorized ? payment!.amount.value : 0
        let paid = payment?.status == .paid ? payment!.amount.value : 0
        let balance = try Checked.subtract(try Checked.subtract(withTax, authorized), paid)
        return Totals(
            withTax: withTax, withoutTax: net, tax: tax, discount: discount,
            withoutDiscount: withoutDiscount, shipping: shipping?.gross ?? 0,
            authorized: authorized, paid: paid, balanceOwing: balance)
    }
}

/// The tax rates of each tax code a cart uses, looked up in the catalogue once per code (a cart's lines mostly share
/// one, its shipping often has another). A value, not locals captured by nested functions: those were boxed on the
/// heap and every access checked at run time (issue 18). The catalogue is passed to each lookup: keeping it copied
/// it. The first two codes are kept apart from the rest: the two arrays of the rest were two allocations a cart.
private struct RatesByCode {
    let country: String
    let regions: [String]
    private var firstCode: String?
    private var first = TaxRates.none
    private var secondCode: String?
    private var second = TaxRates.none
    private var codes: [String] = []
    private var found: [TaxRates] = []

    init(country: String, regions: [String]) {
        self.country = country
        self.regions = regions
    }

    /// The code's place here, looked up the first time; nil for no code.
    mutating func index(of taxCode: String?, in catalogue: borrowing Catalogue) -> Int? {
        guard let taxCode else { return nil }
        guard let firstCode else {
            firstCode = taxCode
            first = catalogue.rates(taxCode: taxCode, country: country, regions: regions)
            return 0
        }
        if firstCode == taxCode { return 0 }
        guard let secondCode else {
            secondCode = taxCode
            second = catalogue.rates(taxCode: taxCode, country: country, regions: regions)
            return 1
        }
        if secondCode == taxCode { return 1 }
        if let known = codes.firstIndex(of: taxCode) { return known + 2 }
        codes.append(taxCode)
        found.append(catalogue.rates(taxCode: taxCode, country: country, regions: regions))
        return codes.count + 1
    }

    func rates(_ index: Int?) -> [TaxRate] { index.map { entry($0).rates } ?? [] }
    func millionths(_ index: Int?) -> [Int64] { index.map { entry($0).millionths } ?? [] }

    private func entry(_ index: Int) -> TaxRates {
        switch index {
        case 0: first
        case 1: second
        default: found[index - 2]
        }
    }
}
