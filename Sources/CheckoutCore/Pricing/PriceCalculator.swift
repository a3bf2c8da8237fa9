/// SPEC §5: discounts, free gifts, tax, shipping and totals, all in Int64 minor units with checked arithmetic.
/// A pure function of the cart, its promotions and shipping method, and the catalogue's tax rates.
enum PriceCalculator {
    static func price(_ cart: ValidCart, promotions: [Promotion], shipping method: ShippingMethod?,
                             catalogue: Catalogue) throws(AmountOverflow) -> PricedCart {
        let currency = cart.currency.code
        var lines = cart.lines
        var values: [Int64] = []
        for line in lines { values.append(try Checked.multiply(line.unitPrice, line.quantity)) }
        var discounts = values.map { _ in Int64(0) }
        var promotionTotals: [String: Int64] = [:]

        func eligible(_ p: Promotion) -> [Int] {
            lines.indices.filter { lines[$0].kind == .product && p.isEligible(sku: lines[$0].sku) }
        }

        // 1. Percent discounts, in catalogue order, on what remains of each eligible line.
        for p in promotions where p.kind == .percentDiscount {
            var total: Int64 = 0
            for i in eligible(p) {
                let remaining = values[i] - discounts[i]
                let d = try Checked.narrow(Rounding.divide(Int128(remaining) * Int128(p.percentHundredths), by: 10_000))
                discounts[i] += d
                total = try Checked.add(total, d)
            }
            promotionTotals[p.id] = total
        }
        // 2. Fixed discounts, in catalogue order, apportioned by largest remainder over what remains.
        for p in promotions where p.kind == .fixedDiscount {
            let indices = eligible(p)
            let remaining = indices.map { values[$0] - discounts[$0] }
            let amount = min(p.amount[currency] ?? 0, try Checked.sum(remaining))
            let shares = Apportion.largestRemainder(amount, weights: remaining)
            for (k, i) in indices.enumerated() { discounts[i] += shares[k] }
            promotionTotals[p.id] = amount
        }
        // 3. Free gifts: a line after the cart's lines, fully discounted.
        for p in promotions where p.kind == .freeGift {
            guard let sku = p.giftSku, let gift = catalogue.product(sku: sku), let price = gift.prices[currency] else { continue }
            lines.append(CartLine(kind: .gift, productId: gift.id, sku: gift.sku, name: gift.name, quantity: 1,
                                  unitPrice: price.amount, includesTax: price.includesTax, taxCode: gift.taxCode,
                                  shippable: gift.shippable, location: lines.last?.location ?? cart.itemsLocation))
            values.append(price.amount)
            discounts.append(price.amount)
            promotionTotals[p.id] = price.amount
        }

        // 4–5. Tax on each line's value after discounts.
        let address = cart.shippingAddress
        func rates(_ taxCode: String?) -> [TaxRate] {
            guard let taxCode else { return [] }
            return catalogue.rates(taxCode: taxCode, country: address.country, regions: address.taxRegions)
        }
        var priced: [PricedLine] = []
        var itemsGross: Int64 = 0
        for (i, line) in lines.enumerated() {
            let applicable = rates(line.taxCode)
            let t = try TaxCalculator.tax(values[i] - discounts[i], includesTax: line.includesTax, rates: applicable.map(\.millionths))
            itemsGross = try Checked.add(itemsGross, t.gross)
            priced.append(PricedLine(sku: line.sku, name: line.name, productId: line.productId, quantity: line.quantity,
                                     unitPrice: line.unitPrice, includesTax: line.includesTax, value: values[i],
                                     discount: discounts[i], net: t.net, tax: t.tax, gross: t.gross,
                                     taxes: Array(zip(applicable, t.perRate)).map { ($0, $1) }))
        }

        // 6. Shipping: free over the threshold, or fully discounted by a free-shipping promotion.
        var shippingLine: PricedLine?
        if let method, let listPrice = method.price[currency] {
            var price = listPrice
            if let threshold = method.freeOver[currency], itemsGross >= threshold { price = 0 }
            var discount: Int64 = 0
            if price > 0, let free = promotions.first(where: { $0.kind == .freeShipping }) {
                discount = price
                promotionTotals[free.id] = price
            }
            let applicable = rates(method.taxCode)
            let t = try TaxCalculator.tax(price - discount, includesTax: method.includesTax, rates: applicable.map(\.millionths))
            shippingLine = PricedLine(sku: method.id, name: method.name, productId: "", quantity: 1, unitPrice: price,
                                      includesTax: method.includesTax, value: price, discount: discount, net: t.net,
                                      tax: t.tax, gross: t.gross, taxes: Array(zip(applicable, t.perRate)).map { ($0, $1) })
        }

        // 7. Totals.
        let all = priced + (shippingLine.map { [$0] } ?? [])
        let withoutTax = try Checked.sum(all.map(\.net))
        let tax = try Checked.sum(all.map(\.tax))
        let withTax = try Checked.add(withoutTax, tax)
        let discount = try Checked.subtract(0, try Checked.sum(all.map(\.discount)))
        let withoutDiscount = try Checked.subtract(withTax, discount)
        let authorized = cart.payment?.status == .authorized ? cart.payment!.amount.value : 0
        let paid = cart.payment?.status == .paid ? cart.payment!.amount.value : 0
        let balance = try Checked.subtract(try Checked.subtract(withTax, authorized), paid)
        let totals = Totals(withTax: withTax, withoutTax: withoutTax, tax: tax, discount: discount,
                            withoutDiscount: withoutDiscount, shipping: shippingLine?.gross ?? 0,
                            authorized: authorized, paid: paid, balanceOwing: balance)

        let promotionLines = promotions.compactMap { p -> (promotion: Promotion, total: Int64)? in
            guard let total = promotionTotals[p.id], total > 0 else { return nil }
            return (p, total)
        }
        return PricedCart(cart: cart, lines: priced, shipping: shippingLine, promotions: promotionLines, totals: totals)
    }
}
