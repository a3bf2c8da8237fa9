/// Loads and checks the eight catalogue files (SPEC §3, §11). Every problem is collected before giving up,
/// so one run of the tool tells the operator everything that needs fixing.
enum CatalogueLoader {
    /// The files a catalogue is read from (SPEC §3); `products.json` and `currencies.json` are required.
    static let files = [
        "currencies.json", "customers.json", "inventory.json", "products.json", "promotions.json",
        "settings.json", "shipping.json", "taxes.json",
    ]

    /// A digest of the catalogue's files as they are now (names and bytes): the same files, the same id. `watch`
    /// names the catalogue each input used by it.
    static func fingerprint(folder: String) -> String {
        var bytes: [UInt8] = []
        for name in files {
            bytes += Array(name.utf8) + [0]
            bytes += (try? FileSystem.readAll(folder + "/" + name)).map { $0 + [1] } ?? [0]
        }
        return String(SHA256.hex(bytes).prefix(12))
    }

    /// Loads `folder`; throws `InvalidCatalogue` listing every problem when any file breaks the rules.
    static func load(folder: String) throws(InvalidCatalogue) -> Catalogue {
        var problems: [CatalogueProblem] = []

        func document(_ name: String, required: Bool) -> JSONTape? {
            let path = folder + "/" + name
            guard FileSystem.exists(path) else {
                if required {
                    problems.append(
                        CatalogueProblem(file: name, line: 0, message: "missing; the catalogue needs this file"))
                }
                return nil
            }
            do {
                return try JSONParser.tape(try FileSystem.readAll(path), shape: .all)
            } catch let e as JSONParser.SyntaxError {
                problems.append(CatalogueProblem(file: name, line: e.line, message: "not valid JSON: \(e.description)"))
            } catch {
                problems.append(CatalogueProblem(file: name, line: 0, message: "cannot be read: \(error)"))
            }
            return nil
        }

        // A reference into a file that failed to load is not checked: that file's problem is reported once, not
        // again for every price or gift that names it (issue 17).
        let currencyDocument = document("currencies.json", required: true)
        let currencies = currencyDocument.map { loadCurrencies($0, &problems) } ?? []
        let codes = KnownNames(currencyDocument == nil ? nil : Set(currencies.map(\.code)))
        let productDocument = document("products.json", required: true)
        let products = productDocument.map { loadProducts($0, codes, &problems) } ?? []
        let inventory = document("inventory.json", required: false).flatMap { loadInventory($0, &problems) }
        let taxes = document("taxes.json", required: false).map { loadTaxes($0, &problems) } ?? []
        let skus = KnownNames(productDocument == nil ? nil : Set(products.map(\.sku)))
        let promotions =
            document("promotions.json", required: false).map { loadPromotions($0, codes, skus, &problems) } ?? []
        let shippingPath = folder + "/shipping.json"
        let shippingDocument = document("shipping.json", required: false)
        let shipping = shippingDocument.map { loadShipping($0, codes, &problems) } ?? []
        let customers = document("customers.json", required: false).map { loadCustomers($0, &problems) } ?? []
        let settings = document("settings.json", required: false).map { loadSettings($0, &problems) } ?? Settings()

        if shippingDocument != nil || !FileSystem.exists(shippingPath) {
            checkShippingMethods(customers, settings, shipping, &problems)
        }
        guard problems.isEmpty else { throw InvalidCatalogue(problems: problems) }
        return Catalogue(
            currencies: currencies, products: products, inventory: inventory, taxes: taxes,
            promotions: promotions, shippingMethods: shipping, customers: customers, settings: settings)
    }

    static func loadCurrencies(_ document: JSONTape, _ problems: inout [CatalogueProblem]) -> [Currency] {
        var r = CatalogueFieldReader(file: "currencies.json", document: document)
        var result: [Currency] = []
        var seen: [String: Int] = [:]
        for o in r.dataObjects() {
            let code = r.string(o, "code", context: "currency")
            let ctx = "currency \(code ?? "?")"
            if let code, !isCurrencyCode(code) {
                r.problem(r.member(o, "code"), "\(ctx): code must be three capital letters")
            }
            r.unique(code, in: &seen, what: "currency code", node: o)
            let format = r.string(o, "format", context: ctx)
            if let format, !format.contains("{price}") {
                r.problem(r.member(o, "format"), "\(ctx): format must contain {price}")
            }
            let decimalPoint = r.string(o, "decimal_point", required: false, context: ctx) ?? "."
            let separator = r.string(o, "thousand_separator", required: false, context: ctx) ?? ","
            let places = r.amount(o, "decimal_places", required: true, context: ctx)
            if let places, places > 6 {
                r.problem(r.member(o, "decimal_places"), "\(ctx): decimal_places must be between 0 and 6")
            }
            let isDefault = r.bool(o, "default", default: false, context: ctx)
            let enabled = r.bool(o, "enabled", default: true, context: ctx)
            if let code, let format, let places, places <= 6 {
                result.append(
                    Currency(
                        code: code, format: format, decimalPoint: decimalPoint, thousandSeparator: separator,
                        decimalPlaces: Int(places), isDefault: isDefault, enabled: enabled))
            }
        }
        let defaults = result.filter(\.isDefault)
        if r.problems.isEmpty {
            if defaults.count != 1 {
                r.problem(r.root, "exactly one currency must be the default; found \(defaults.count)")
            } else if !defaults[0].enabled {
                r.problem(r.root, "the default currency \(defaults[0].code) must be enabled")
            }
        }
        problems += r.problems
        return result
    }

    static func isCurrencyCode(_ s: String) -> Bool {
        s.utf8.count == 3 && s.utf8.allSatisfy { $0 >= 65 && $0 <= 90 }
    }

    static func loadProducts(_ document: JSONTape, _ currencies: KnownNames, _ problems: inout [CatalogueProblem])
        -> [Product]
    {
        var r = CatalogueFieldReader(file: "products.json", document: document)
        var result: [Product] = []
        var seenSku: [String: Int] = [:]
        var seenId: [String: Int] = [:]
        var seenGTIN: [String: Int] = [:]
        for o in r.dataObjects() {
            let sku = r.string(o, "sku", context: "product")
            let ctx = "product \(sku ?? "?")"
            let id = r.string(o, "id", context: ctx)
            r.unique(sku, in: &seenSku, what: "sku", node: o)
            r.unique(id, in: &seenId, what: "product id", node: o)
            let name = r.string(o, "name", context: ctx)
            let status = r.string(o, "status", required: false, context: ctx) ?? "live"
            let shippable = r.bool(o, "shippable", default: true, context: ctx)
            let taxCode = r.string(o, "tax_code", required: false, context: ctx)
            var prices: [(code: String, price: Price)] = []
            if let priceNode = r.member(o, "price"), !r.isNull(priceNode) {
                if r.isObject(priceNode) {
                    let members = r.members(priceNode)
                    prices.reserveCapacity(members.count)
                    for m in members {
                        if !currencies.contains(m.key) {
                            r.problem(m.node, "\(ctx): price names unknown currency '\(m.key)'")
                        }
                        guard r.isObject(m.node) else {
                            r.problem(m.node, "\(ctx): price.\(m.key) must be {\"amount\", \"includes_tax\"}")
                            continue
                        }
                        let amount = r.amount(m.node, "amount", required: true, context: "\(ctx): price.\(m.key)")
                        let includesTax = r.bool(
                            m.node, "includes_tax", default: false, context: "\(ctx): price.\(m.key)")
                        if let amount { prices.append((m.key, Price(amount: amount, includesTax: includesTax))) }
                    }
                } else {
                    r.problem(priceNode, "\(ctx): price must be an object of prices by currency")
                }
            }
            let (gtin, unitCode) = partnerFields(o, &r, context: ctx, seenGTIN: &seenGTIN)
            if let sku, let id, let name {
                result.append(
                    Product(
                        id: id, sku: sku, name: name, status: status, shippable: shippable,
                        taxCode: taxCode, prices: PriceList(read: prices), gtin: gtin, unitCode: unitCode))
            }
        }
        problems += r.problems
        return result
    }

    static func loadInventory(_ document: JSONTape, _ problems: inout [CatalogueProblem]) -> Inventory? {
        var r = CatalogueFieldReader(file: "inventory.json", document: document)
        let asOf = r.timestamp(r.root, "as_of", required: true, context: "inventory")
        var entries: [(sku: String, available: Int64)] = []
        var seen: [String: Int] = [:]
        for o in r.dataObjects() {
            let sku = r.string(o, "sku", context: "stock entry")
            r.unique(sku, in: &seen, what: "sku", node: o)
            let available = r.amount(o, "available", required: true, context: "stock of \(sku ?? "?")")
            if let sku, let available { entries.append((sku, available)) }
        }
        problems += r.problems
        guard let asOf else { return nil }
        return Inventory(asOf: asOf, entries: entries)
    }

    static func loadTaxes(_ document: JSONTape, _ problems: inout [CatalogueProblem]) -> [TaxRate] {
        var r = CatalogueFieldReader(file: "taxes.json", document: document)
        var result: [TaxRate] = []
        for o in r.dataObjects() {
            let code = r.string(o, "code", context: "tax rate")
            let ctx = "tax rate \(code ?? "?")"
            let jurisdiction = r.string(o, "jurisdiction", context: ctx)
            if let j = jurisdiction, !isJurisdiction(j) {
                r.problem(
                    r.member(o, "jurisdiction"),
                    "\(ctx): jurisdiction '\(j)' must be a country (GB) or country-region (US-CA)")
            }
            let name = r.string(o, "name", context: ctx)
            var millionths: Int64?
            var literal = ""
            if let node = r.member(o, "rate"), let text = r.number(node), let d = ExactDecimal(literal: text) {
                literal = text
                if d.isNegative {
                    r.problem(node, "\(ctx): rate must not be negative")
                } else if let m = d.scaled(toPlaces: 6) {
                    millionths = m
                } else {
                    r.problem(node, "\(ctx): rate \(text) has more than 6 decimal places")
                }
            } else {
                r.problem(r.member(o, "rate") ?? o, "\(ctx): rate is required and must be a number")
            }
            if let code, let jurisdiction, let name, let millionths {
                result.append(
                    TaxRate(
                        code: code, jurisdiction: jurisdiction, name: name, millionths: millionths, literal: literal))
            }
        }
        problems += r.problems
        return result
    }

    static func isJurisdiction(_ j: String) -> Bool {
        let parts = j.split(separator: "-", omittingEmptySubsequences: false)
        guard let country = parts.first, country.utf8.count == 2, country.utf8.allSatisfy({ $0 >= 65 && $0 <= 90 })
        else { return false }
        if parts.count == 1 { return true }
        return parts.count == 2 && !parts[1].isEmpty && parts[1].utf8.count <= 3
            && parts[1].utf8.allSatisfy { ($0 >= 65 && $0 <= 90) || ($0 >= 48 && $0 <= 57) }
    }

    static func loadPromotions(
        _ document: JSONTape, _ currencies: KnownNames, _ skus: KnownNames,
        _ problems: inout [CatalogueProblem]
    ) -> [Promotion] {
        var r = CatalogueFieldReader(file: "promotions.json", document: document)
        var result: [Promotion] = []
        var seenId: [String: Int] = [:]
        var seenCode: [String: Int] = [:]
        for o in r.dataObjects() {
            let id = r.string(o, "id", context: "promotion")
            let ctx = "promotion \(id ?? "?")"
            r.unique(id, in: &seenId, what: "promotion id", node: o)
            let code = r.string(o, "code", required: false, context: ctx)
            r.unique(code, in: &seenCode, what: "promotion code", node: o)
            let name = r.string(o, "name", context: ctx)
            let automatic = r.bool(o, "automatic", default: false, context: ctx)
            if !automatic && code == nil { r.problem(o, "\(ctx): a promotion that is not automatic needs a code") }
            var kind: PromotionKind?
            if let t = r.string(o, "type", context: ctx) {
                kind = PromotionKind(rawValue: t)
                if kind == nil { r.problem(r.member(o, "type"), "\(ctx): unknown type '\(t)'") }
            }
            let amount = r.amountsByCurrency(o, "amount", currencies: currencies, context: ctx)
            if kind == .fixedDiscount && r.member(o, "amount") == nil {
                r.problem(o, "\(ctx): a fixed_discount needs an amount")
            }
            var percent: Int64 = 0
            if kind == .percentDiscount {
                if let node = r.member(o, "percent"), let text = r.number(node), let d = ExactDecimal(literal: text) {
                    if let p = d.scaled(toPlaces: 2), p >= 0, p <= 10_000 {
                        percent = p
                    } else {
                        r.problem(node, "\(ctx): percent \(text) must be between 0 and 100 with at most 2 decimals")
                    }
                } else {
                    r.problem(r.member(o, "percent") ?? o, "\(ctx): a percent_discount needs a percent")
                }
            }
            var giftSku: String?
            if kind == .freeGift {
                giftSku = r.string(o, "gift_sku", context: ctx)
                if let g = giftSku, !skus.contains(g) {
                    r.problem(r.member(o, "gift_sku"), "\(ctx): gift_sku '\(g)' is not a product")
                }
            }
            let minSubtotal = r.amountsByCurrency(o, "min_subtotal", currencies: currencies, context: ctx)
            let promoSkus = r.strings(o, "skus", context: ctx)
            let startsAt = r.timestamp(o, "starts_at", required: false, context: ctx)
            let endsAt = r.timestamp(o, "ends_at", required: false, context: ctx)
            if let id, let name, let kind {
                result.append(
                    Promotion(
                        id: id, code: code, name: name, kind: kind, amount: amount, percentHundredths: percent,
                        automatic: automatic, minSubtotal: minSubtotal, skus: Set(promoSkus),
                        startsAt: startsAt, endsAt: endsAt, giftSku: giftSku, order: result.count))
            }
        }
        problems += r.problems
        return result
    }

    static func loadShipping(_ document: JSONTape, _ currencies: KnownNames, _ problems: inout [CatalogueProblem])
        -> [ShippingMethod]
    {
        var r = CatalogueFieldReader(file: "shipping.json", document: document)
        var result: [ShippingMethod] = []
        var seen: [String: Int] = [:]
        for o in r.dataObjects() {
            let id = r.string(o, "id", context: "shipping method")
            let ctx = "shipping method \(id ?? "?")"
            r.unique(id, in: &seen, what: "shipping method id", node: o)
            let name = r.string(o, "name", context: ctx)
            let price = r.amountsByCurrency(o, "price", currencies: currencies, context: ctx)
            let countries = r.strings(o, "countries", context: ctx)
            let freeOver = r.amountsByCurrency(o, "free_over", currencies: currencies, context: ctx)
            let taxCode = r.string(o, "tax_code", required: false, context: ctx)
            let includesTax = r.bool(o, "includes_tax", default: false, context: ctx)
            if let id, let name {
                result.append(
                    ShippingMethod(
                        id: id, name: name, price: price, countries: countries, freeOver: freeOver,
                        taxCode: taxCode, includesTax: includesTax))
            }
        }
        problems += r.problems
        return result
    }
}

/// The names another catalogue file defines (currency codes, skus), for cross-file checks. `nil` names mean that
/// file failed to load: every name then passes, so its failure is one problem rather than one per reference.
struct KnownNames {
    let names: Set<String>?

    init(_ names: Set<String>?) { self.names = names }

    func contains(_ name: String) -> Bool { names?.contains(name) ?? true }
}
