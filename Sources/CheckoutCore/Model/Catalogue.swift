/// The store's reference data, loaded once per run (SPEC §3). Lookups are by name (`NameIndex`); every list keeps
/// its file order, because SPEC makes catalogue order meaningful (promotions, tax items, inventory output). The
/// lists the indexes point into are constants.
struct Catalogue: Sendable {
    let currencies: [Currency]
    let products: [Product]
    var inventory: Inventory?
    let taxes: [TaxRate]
    let promotions: [Promotion]
    let shippingMethods: [ShippingMethod]
    let customers: [Customer]
    var settings: Settings

    /// Places in the lists above by name (`NameIndex`: every cart looks up ~20 names).
    let currencyByCode: NameIndex
    let productBySku: NameIndex
    let productById: NameIndex
    let promotionByCode: NameIndex
    let shippingById: NameIndex
    let customerById: NameIndex
    let productByGTIN: NameIndex
    let customerByPartyId: NameIndex
    /// Each product's members as an order item writes them (`OrderRuns.item`), by its place in `products`.
    let orderItemRuns: [[UInt8]]
    /// Each tax code's entries by the country they can apply in, in file order (`TaxRates.index`).
    let taxesByCodeAndCountry: [TaxRates.Key: TaxRates.InCountry]

    init(
        currencies: [Currency], products: [Product], inventory: Inventory?, taxes: [TaxRate],
        promotions: [Promotion], shippingMethods: [ShippingMethod], customers: [Customer], settings: Settings
    ) {
        self.currencies = currencies
        self.products = products
        self.inventory = inventory
        self.taxes = taxes
        self.promotions = promotions
        self.shippingMethods = shippingMethods
        self.customers = customers
        self.settings = settings
        currencyByCode = NameIndex(currencies.map(\.code))
        productBySku = NameIndex(products.map(\.sku))
        productById = NameIndex(products.map(\.id))
        promotionByCode = NameIndex(places: promotions.enumerated().compactMap { i, p in p.code.map { ($0, i) } })
        shippingById = NameIndex(shippingMethods.map(\.id))
        customerById = NameIndex(customers.map(\.id))
        productByGTIN = NameIndex(
            places: products.enumerated().compactMap { i, p in p.gtin.map { (Product.paddedGTIN($0), i) } })
        customerByPartyId = NameIndex(places: customers.enumerated().flatMap { i, c in c.partyIds.map { ($0, i) } })
        taxesByCodeAndCountry = TaxRates.index(taxes)
        orderItemRuns = products.map { OrderRuns.item(productId: $0.id, name: $0.name, sku: $0.sku) }
    }

    var defaultCurrency: Currency { currencies.first(where: { $0.isDefault })! }

    func currency(code: String) -> Currency? { currencyByCode[code].map { currencies[$0] } }
    func product(sku: String) -> Product? { productBySku[sku].map { products[$0] } }
    func product(id: String) -> Product? { productById[id].map { products[$0] } }
    /// A product's place in `products`: skus and ids are unique (the loader refuses repeats), so it names the product.
    func productIndex(sku: String) -> Int? { productBySku[sku] }
    func productIndex(id: String) -> Int? { productById[id] }
    func productIndex(gtin: String) -> Int? { productByGTIN[Product.paddedGTIN(gtin)] }
    func shippingMethod(id: String) -> ShippingMethod? { shippingById[id].map { shippingMethods[$0] } }
    func customer(id: String) -> Customer? { customerById[id].map { customers[$0] } }
    /// The partner known by the first of `ids` that any customer lists (SPEC §12).
    func partner(partyIds ids: [String]) -> Customer? {
        ids.lazy.compactMap { self.customerByPartyId[$0] }.first.map { customers[$0] }
    }
}

/// A class, as `Promotion` is: read-only once loaded, and every cart and order carries its currency. A copy of the
/// struct retained a dozen Strings and byte arrays (issue 18: ~4 copies a cart).
final class Currency: Sendable {
    let code: String
    let format: String
    let decimalPoint: String
    let thousandSeparator: String
    let decimalPlaces: Int
    let isDefault: Bool
    let enabled: Bool
    /// The display format taken apart once, for the ~60 amounts of every order.
    let displayFormat: CurrencyFormat
    /// The order document's runs that name the currency, made once per catalogue rather than per amount.
    let orderText: OrderCurrencyText

    init(
        code: String, format: String, decimalPoint: String, thousandSeparator: String, decimalPlaces: Int,
        isDefault: Bool, enabled: Bool
    ) {
        self.code = code
        self.format = format
        self.decimalPoint = decimalPoint
        self.thousandSeparator = thousandSeparator
        self.decimalPlaces = decimalPlaces
        self.isDefault = isDefault
        self.enabled = enabled
        displayFormat = CurrencyFormat(format: format, decimalPoint: decimalPoint, separator: thousandSeparator)
        orderText = OrderCurrencyText(code: code, format: displayFormat, places: decimalPlaces)
    }
}

struct Price: Sendable, Equatable {
    var amount: Int64
    var includesTax: Bool
}

struct Product: Sendable, Equatable {
    var id: String
    var sku: String
    var name: String
    var status: String
    var shippable: Bool
    var taxCode: String?
    /// Prices by currency code.
    var prices: PriceList
    /// GTIN (8, 12, 13 or 14 digits) and UN/ECE Rec. 20 unit, for purchase-order lines (SPEC §12).
    var gtin: String? = nil
    var unitCode: String? = nil

    var isLive: Bool { status == "live" }

    /// A GTIN padded to 14 digits with leading zeros: how GTINs are compared (SPEC §12).
    static func paddedGTIN(_ gtin: String) -> String {
        String(repeating: "0", count: max(0, 14 - gtin.utf8.count)) + gtin
    }
}

struct Inventory: Sendable {
    var asOf: Timestamp
    /// Stock by sku, in file order.
    var entries: [(sku: String, available: Int64)]
}

/// A class for the reason `Currency` is one: read-only once loaded, and each line's rates are paired with its tax
/// amounts and carried to the order (issue 18: ~5 copies a cart, four Strings each).
final class TaxRate: Sendable {
    let code: String
    let jurisdiction: String
    let name: String
    /// The rate in millionths (0.0725 → 72500).
    let millionths: Int64
    /// The number as written in the catalogue, echoed in tax items (`0.20` stays `0.20`).
    let literal: String
    /// A tax item's members that are the rate's own, as an order writes them (`OrderRuns.taxItem`).
    let taxItemRun: [UInt8]

    init(code: String, jurisdiction: String, name: String, millionths: Int64, literal: String) {
        self.code = code
        self.jurisdiction = jurisdiction
        self.name = name
        self.millionths = millionths
        self.literal = literal
        taxItemRun = OrderRuns.taxItem(name: name, jurisdiction: jurisdiction, code: code, rate: literal)
    }
}

enum PromotionKind: String, Sendable {
    case fixedDiscount = "fixed_discount"
    case percentDiscount = "percent_discount"
    case freeShipping = "free_shipping"
    case freeGift = "free_gift"
}

/// A class, unlike the rest of the model: a promotion is read-only once loaded, and every cart it applies to carries
/// it through pricing to its order. As a struct each of those copies retained its eight Strings and three tables
/// (issue 18: ~4 copies a cart); shared, a copy is one reference.
final class Promotion: Sendable {
    let id: String
    let code: String?
    let name: String
    let kind: PromotionKind
    /// Fixed amounts by currency.
    let amount: [String: Int64]
    /// Percent in hundredths of a percent (12.5% → 1250).
    let percentHundredths: Int64
    let automatic: Bool
    let minSubtotal: [String: Int64]
    /// The skus it applies to; nil: every sku. A `NameIndex`, not a `Set`: `isEligible` is asked for every line of
    /// every cart (issue 18: a `Set` hashed each sku with SipHash).
    private let eligible: NameIndex?
    let startsAt: Timestamp?
    let endsAt: Timestamp?
    let giftSku: String?
    /// Position in promotions.json: promotions apply and are listed in this order.
    let order: Int

    init(
        id: String, code: String?, name: String, kind: PromotionKind, amount: [String: Int64],
        percentHundredths: Int64, automatic: Bool, minSubtotal: [String: Int64], skus: Set<String>,
        startsAt: Timestamp?, endsAt: Timestamp?, giftSku: String?, order: Int
    ) {
        self.id = id
        self.code = code
        self.name = name
        self.kind = kind
        self.amount = amount
        self.percentHundredths = percentHundredths
        self.automatic = automatic
        self.minSubtotal = minSubtotal
        eligible = skus.isEmpty ? nil : NameIndex(skus)
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.giftSku = giftSku
        self.order = order
    }

    /// The sku written on the promotion's order line (SPEC §7).
    var lineSku: String { automatic ? "auto_\(id)" : (code ?? "auto_\(id)") }

    func isEligible(sku: String) -> Bool { eligible.map { $0[sku] != nil } ?? true }
}

struct ShippingMethod: Sendable, Equatable {
    var id: String
    var name: String
    var price: [String: Int64]
    var countries: [String]
    var freeOver: [String: Int64]
    var taxCode: String?
    var includesTax: Bool

    func serves(country: String) -> Bool { countries.isEmpty || countries.contains(country) }
}

struct Customer: Sendable, Equatable {
    var id: String
    var name: String
    var email: String
    /// A business partner (SPEC §12): its code in references, the identifiers it appears under in its documents,
    /// the shipping method of its orders, and its invoicing address on file.
    var code: String? = nil
    var partyIds: [String] = []
    var shippingMethod: String? = nil
    var billingAddress: [String: String]? = nil
}

struct Settings: Sendable, Equatable {
    var cartTTLDays: Int64 = 7
    var maxItems: Int64 = 100
    var maxQuantity: Int64 = 10_000
    /// How purchase orders' stated prices are used (SPEC §12).
    var documentPrices: DocumentPrices = .check
    /// By how many minor units a stated price may differ from the catalogue's in `check` mode.
    var priceTolerance: Int64 = 0
    /// The shipping method of purchase orders whose partner names none.
    var defaultShippingMethod: String? = nil

    enum DocumentPrices: String, Sendable, CaseIterable {
        /// Priced from the catalogue; a stated price that differs is `price_mismatch`.
        case check
        /// Stated prices are ignored.
        case catalogue
        /// Priced at the stated price, tax-exclusive.
        case document
    }
}
