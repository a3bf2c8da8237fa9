@testable import CheckoutCore

/// Small catalogues and carts built in code, so each money test shows every number it depends on.
enum TestCatalogue {
    static let usd = Currency(
        code: "USD", format: "${price}", decimalPoint: ".", thousandSeparator: ",", decimalPlaces: 2, isDefault: true,
        enabled: true)
    static let gbp = Currency(
        code: "GBP", format: "£{price}", decimalPoint: ".", thousandSeparator: ",", decimalPlaces: 2, isDefault: false,
        enabled: true)
    static let cad = Currency(
        code: "CAD", format: "C${price}", decimalPoint: ".", thousandSeparator: ",", decimalPlaces: 2, isDefault: false,
        enabled: true)
    static let jpy = Currency(
        code: "JPY", format: "¥{price}", decimalPoint: ".", thousandSeparator: ",", decimalPlaces: 0, isDefault: false,
        enabled: true)
    static let kwd = Currency(
        code: "KWD", format: "{price} KWD", decimalPoint: ".", thousandSeparator: ",", decimalPlaces: 3,
        isDefault: false, enabled: true)
    static let eur = Currency(
        code: "EUR", format: "€{price}", decimalPoint: ",", thousandSeparator: ".", decimalPlaces: 2, isDefault: false,
        enabled: true)

    static func rate(_ code: String, _ jurisdiction: String, _ literal: String, name: String = "Tax") -> TaxRate {
        TaxRate(
            code: code, jurisdiction: jurisdiction, name: name,
            millionths: ExactDecimal(literal: literal)!.scaled(toPlaces: 6)!, literal: literal)
    }

    static func product(
        _ sku: String, _ prices: [String: Price], taxCode: String? = "standard", status: String = "live"
    ) -> Product {
        Product(
            id: "id-\(sku)", sku: sku, name: sku, status: status, shippable: true, taxCode: taxCode,
            prices: PriceList(prices))
    }

    static func promotion(
        _ code: String, _ kind: PromotionKind, order: Int, amount: [String: Int64] = [:], percent: Int64 = 0,
        skus: Set<String> = [], minSubtotal: [String: Int64] = [:], gift: String? = nil
    ) -> Promotion {
        Promotion(
            id: "promo-\(code)", code: code, name: code, kind: kind, amount: amount, percentHundredths: percent,
            automatic: false, minSubtotal: minSubtotal, skus: skus, startsAt: nil, endsAt: nil, giftSku: gift,
            order: order)
    }

    static func catalogue(
        products: [Product], taxes: [TaxRate] = [], promotions: [Promotion] = [],
        shipping: [ShippingMethod] = [], inventory: Inventory? = nil
    ) -> Catalogue {
        Catalogue(
            currencies: [usd, gbp, cad, jpy, kwd, eur], products: products, inventory: inventory, taxes: taxes,
            promotions: promotions, shippingMethods: shipping, customers: [], settings: Settings())
    }

    static func address(country: String, region: String = "") -> Address {
        var a = Address(fields: [
            "first_name": "A", "last_name": "B", "line_1": "1 Road", "country": country, "region": region,
        ])
        a.taxRegions = region.isEmpty ? [] : [region]
        return a
    }

    static func line(_ product: Product, quantity: Int64, currency: String) -> CartLine {
        let price = product.prices[currency]!
        return CartLine(
            kind: .product, productId: product.id, sku: product.sku, name: product.name, quantity: quantity,
            unitPrice: price.amount, includesTax: price.includesTax, taxCode: product.taxCode,
            shippable: product.shippable, location: Location(source: "data.items.0", line: 1, order: 0))
    }

    static func custom(_ name: String, amount: Int64, includesTax: Bool, quantity: Int64 = 1) -> CartLine {
        CartLine(
            kind: .custom, productId: "", sku: name.lowercased(), name: name, quantity: quantity, unitPrice: amount,
            includesTax: includesTax, taxCode: "standard", shippable: true,
            location: Location(source: "data.items.1", line: 1, order: 0))
    }

    static func cart(_ lines: [CartLine], currency: Currency, address: Address, payment: Payment? = nil) -> ValidCart {
        ValidCart(
            reference: "t-1", currency: currency, customer: OrderCustomer(name: "N", email: "n@example.com", id: nil),
            billingAddress: address, shippingAddress: address, lines: lines, promotionCodes: [], shippingMethod: nil,
            payment: payment, updatedAt: nil, itemsLocation: Location(source: "data.items", line: 1, order: 0),
            location: Location(source: "data", line: 1, order: 0), externalRef: "t-1")
    }
}
