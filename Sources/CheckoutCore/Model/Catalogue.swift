/// The store's reference data, loaded once per run (SPEC §3). Lookups are by dictionary; every list keeps its
/// file order, because SPEC makes catalogue order meaningful (promotions, tax items, inventory output).
public struct Catalogue: Sendable {
    public var currencies: [Currency]
    public var products: [Product]
    public var inventory: Inventory?
    public var taxes: [TaxRate]
    public var promotions: [Promotion]
    public var shippingMethods: [ShippingMethod]
    public var customers: [Customer]
    public var settings: Settings

    public let currencyByCode: [String: Currency]
    public let productBySku: [String: Int]
    public let productById: [String: Int]
    public let promotionByCode: [String: Int]
    public let shippingById: [String: Int]
    public let customerById: [String: Int]

    public init(currencies: [Currency], products: [Product], inventory: Inventory?, taxes: [TaxRate],
                promotions: [Promotion], shippingMethods: [ShippingMethod], customers: [Customer], settings: Settings) {
        self.currencies = currencies
        self.products = products
        self.inventory = inventory
        self.taxes = taxes
        self.promotions = promotions
        self.shippingMethods = shippingMethods
        self.customers = customers
        self.settings = settings
        currencyByCode = Dictionary(currencies.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        productBySku = Dictionary(products.enumerated().map { ($1.sku, $0) }, uniquingKeysWith: { a, _ in a })
        productById = Dictionary(products.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        promotionByCode = Dictionary(promotions.enumerated().compactMap { i, p in p.code.map { ($0, i) } }, uniquingKeysWith: { a, _ in a })
        shippingById = Dictionary(shippingMethods.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        customerById = Dictionary(customers.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    public var defaultCurrency: Currency { currencies.first(where: { $0.isDefault })! }

    public func product(sku: String) -> Product? { productBySku[sku].map { products[$0] } }
    public func product(id: String) -> Product? { productById[id].map { products[$0] } }
    public func shippingMethod(id: String) -> ShippingMethod? { shippingById[id].map { shippingMethods[$0] } }
    public func customer(id: String) -> Customer? { customerById[id].map { customers[$0] } }

    /// The rates for a tax code at an address: every entry whose code matches and whose jurisdiction is the
    /// country or one of the country-region spellings (SPEC §5.5, §11), in file order.
    public func rates(taxCode: String, country: String, regions: [String]) -> [TaxRate] {
        let regional = regions.filter { !$0.isEmpty }.map { country + "-" + $0 }
        return taxes.filter { rate in
            guard rate.code == taxCode else { return false }
            return rate.jurisdiction == country || regional.contains(rate.jurisdiction)
        }
    }
}

public struct Currency: Sendable, Equatable {
    public let code: String
    public let format: String
    public let decimalPoint: String
    public let thousandSeparator: String
    public let decimalPlaces: Int
    public var isDefault: Bool
    public var enabled: Bool
    /// The display format taken apart once, for the ~60 amounts of every order.
    public let displayFormat: CurrencyFormat

    public init(code: String, format: String, decimalPoint: String, thousandSeparator: String, decimalPlaces: Int,
                isDefault: Bool, enabled: Bool) {
        self.code = code
        self.format = format
        self.decimalPoint = decimalPoint
        self.thousandSeparator = thousandSeparator
        self.decimalPlaces = decimalPlaces
        self.isDefault = isDefault
        self.enabled = enabled
        displayFormat = CurrencyFormat(format: format, decimalPoint: decimalPoint, separator: thousandSeparator)
    }
}

public struct Price: Sendable, Equatable {
    public var amount: Int64
    public var includesTax: Bool
}

public struct Product: Sendable, Equatable {
    public var id: String
    public var sku: String
    public var name: String
    public var status: String
    public var shippable: Bool
    public var taxCode: String?
    /// Prices by currency code.
    public var prices: [String: Price]

    public var isLive: Bool { status == "live" }
}

public struct Inventory: Sendable {
    public var asOf: Timestamp
    /// Stock by sku, in file order.
    public var entries: [(sku: String, available: Int64)]
}

public struct TaxRate: Sendable, Equatable {
    public var code: String
    public var jurisdiction: String
    public var name: String
    /// The rate in millionths (0.0725 → 72500).
    public var millionths: Int64
    /// The number as written in the catalogue, echoed in tax items (`0.20` stays `0.20`).
    public var literal: String
}

public enum PromotionKind: String, Sendable {
    case fixedDiscount = "fixed_discount"
    case percentDiscount = "percent_discount"
    case freeShipping = "free_shipping"
    case freeGift = "free_gift"
}

public struct Promotion: Sendable {
    public var id: String
    public var code: String?
    public var name: String
    public var kind: PromotionKind
    /// Fixed amounts by currency.
    public var amount: [String: Int64]
    /// Percent in hundredths of a percent (12.5% → 1250).
    public var percentHundredths: Int64
    public var automatic: Bool
    public var minSubtotal: [String: Int64]
    public var skus: Set<String>
    public var startsAt: Timestamp?
    public var endsAt: Timestamp?
    public var giftSku: String?
    /// Position in promotions.json: promotions apply and are listed in this order.
    public var order: Int

    /// The sku written on the promotion's order line (SPEC §7).
    public var lineSku: String { automatic ? "auto_\(id)" : (code ?? "auto_\(id)") }

    public func isEligible(sku: String) -> Bool { skus.isEmpty || skus.contains(sku) }
}

public struct ShippingMethod: Sendable, Equatable {
    public var id: String
    public var name: String
    public var price: [String: Int64]
    public var countries: [String]
    public var freeOver: [String: Int64]
    public var taxCode: String?
    public var includesTax: Bool

    public func serves(country: String) -> Bool { countries.isEmpty || countries.contains(country) }
}

public struct Customer: Sendable, Equatable {
    public var id: String
    public var name: String
    public var email: String
}

public struct Settings: Sendable, Equatable {
    public var cartTTLDays: Int64 = 7
    public var maxItems: Int64 = 100
    public var maxQuantity: Int64 = 10_000

    public init(cartTTLDays: Int64 = 7, maxItems: Int64 = 100, maxQuantity: Int64 = 10_000) {
        self.cartTTLDays = cartTTLDays
        self.maxItems = maxItems
        self.maxQuantity = maxQuantity
    }
}
