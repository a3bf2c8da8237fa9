/// The catalogue's fields for business partners' purchase orders (SPEC §12): customers with a `code`, `party_ids`,
/// a `shipping_method` and a `billing_address`; products with a `gtin` and a `unit_code`; the settings
/// `document_prices`, `price_tolerance` and `default_shipping_method`. Each broken rule is a problem (exit 78).
extension CatalogueLoader {
    static func loadCustomers(_ document: JSONTape, _ problems: inout [CatalogueProblem]) -> [Customer] {
        var r = CatalogueFieldReader(file: "customers.json", document: document)
        var result: [Customer] = []
        var seen: [String: Int] = [:]
        var seenCode: [String: Int] = [:]
        var seenPartyId: [String: Int] = [:]
        for o in r.dataObjects() {
            let id = r.string(o, "id", context: "customer")
            let ctx = "customer \(id ?? "?")"
            r.unique(id, in: &seen, what: "customer id", node: o)
            let name = r.string(o, "name", context: ctx)
            let email = r.string(o, "email", context: ctx)
            let code = r.string(o, "code", required: false, context: ctx)
            if let code, !isPartnerCode(code) {
                r.problem(
                    r.member(o, "code"),
                    "\(ctx): code '\(code.clipped)' must be 1-16 of A-Z, a-z, 0-9, _ and -, starting with a letter or digit"
                )
            }
            r.unique(code, in: &seenCode, what: "customer code", node: o)
            let partyIds = r.strings(o, "party_ids", context: ctx)
            if !partyIds.isEmpty && code == nil {
                r.problem(
                    r.member(o, "party_ids"),
                    "\(ctx): party_ids need a code (the partner's part of its orders' references)")
            }
            for partyId in partyIds { r.unique(partyId, in: &seenPartyId, what: "party id", node: o) }
            let shippingMethod = r.string(o, "shipping_method", required: false, context: ctx)
            let billing = billingAddress(o, &r, context: ctx)
            if let id, let name, let email {
                result.append(
                    Customer(
                        id: id, name: name, email: email, code: code, partyIds: partyIds,
                        shippingMethod: shippingMethod, billingAddress: billing))
            }
        }
        problems += r.problems
        return result
    }

    /// A partner code: it stands in references (`<code>-<order id>`).
    static func isPartnerCode(_ s: String) -> Bool {
        let b = Array(s.utf8)
        func ok(_ c: UInt8) -> Bool { (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) }
        return !b.isEmpty && b.count <= 16 && ok(b[0]) && b.allSatisfy { ok($0) || $0 == 95 || $0 == 45 }
    }

    /// A customer's invoicing address on file, in SPEC §2.1's form: an object of text fields.
    static func billingAddress(_ o: Int, _ r: inout CatalogueFieldReader, context: String) -> [String: String]? {
        guard let node = r.member(o, "billing_address"), !r.isNull(node) else { return nil }
        guard r.isObject(node) else {
            r.problem(node, "\(context): billing_address must be an address object, not \(r.typeName(node))")
            return nil
        }
        var fields: [String: String] = [:]
        for m in r.members(node) where AddressDraft.billingFields.contains(m.key) {
            guard r.kind(m.node) == .string else {
                if !r.isNull(m.node) { r.problem(m.node, "\(context): billing_address.\(m.key) must be a string") }
                continue
            }
            fields[m.key] = r.text(m.node)
        }
        return fields
    }

    /// A product's `gtin` (8, 12, 13 or 14 digits, unique when padded to 14) and `unit_code` (`[A-Z0-9]{2,3}`).
    static func partnerFields(
        _ o: Int, _ r: inout CatalogueFieldReader, context: String, seenGTIN: inout [String: Int]
    ) -> (gtin: String?, unitCode: String?) {
        let gtin = r.string(o, "gtin", required: false, context: context)
        if let gtin {
            if ![8, 12, 13, 14].contains(gtin.utf8.count) || !gtin.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) {
                r.problem(r.member(o, "gtin"), "\(context): gtin '\(gtin.clipped)' must be 8, 12, 13 or 14 digits")
            } else {
                r.unique(Product.paddedGTIN(gtin), in: &seenGTIN, what: "gtin", node: o)
            }
        }
        let unit = r.string(o, "unit_code", required: false, context: context)
        if let unit {
            let b = Array(unit.utf8)
            if !(2...3).contains(b.count) || !b.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 90) }) {
                r.problem(
                    r.member(o, "unit_code"),
                    "\(context): unit_code '\(unit.clipped)' must be a UN/ECE Rec. 20 code (2-3 of A-Z, 0-9)")
            }
        }
        return (gtin, unit)
    }

    static func loadSettings(_ document: JSONTape, _ problems: inout [CatalogueProblem]) -> Settings {
        var r = CatalogueFieldReader(file: "settings.json", document: document)
        var settings = Settings()
        guard let data = r.member(r.root, "data"), r.isObject(data) else {
            r.problem(r.root, "settings.json needs a \"data\" object")
            problems += r.problems
            return settings
        }
        func positive(_ key: String) -> Int64? {
            guard let v = r.amount(data, key, required: false, context: "settings") else { return nil }
            if v == 0 {
                r.problem(r.member(data, key), "settings: \(key) must be at least 1")
                return nil
            }
            return v
        }
        if let v = positive("cart_ttl_days") { settings.cartTTLDays = v }
        if let v = positive("max_items") { settings.maxItems = v }
        if let v = positive("max_quantity") { settings.maxQuantity = v }
        if let mode = r.string(data, "document_prices", required: false, context: "settings") {
            if let m = Settings.DocumentPrices(rawValue: mode) {
                settings.documentPrices = m
            } else {
                r.problem(
                    r.member(data, "document_prices"),
                    "settings: document_prices is check, catalogue or document, not '\(mode.clipped)'")
            }
        }
        if let v = r.amount(data, "price_tolerance", required: false, context: "settings") {
            settings.priceTolerance = v
        }
        settings.defaultShippingMethod = r.string(data, "default_shipping_method", required: false, context: "settings")
        problems += r.problems
        return settings
    }

    /// Every shipping method a partner or the settings name must exist (SPEC §12).
    static func checkShippingMethods(
        _ customers: [Customer], _ settings: Settings, _ methods: [ShippingMethod], _ problems: inout [CatalogueProblem]
    ) {
        let ids = Set(methods.map(\.id))
        for c in customers {
            if let m = c.shippingMethod, !ids.contains(m) {
                problems.append(
                    CatalogueProblem(
                        file: "customers.json", line: 0,
                        message: "customer \(c.id): shipping_method '\(m.clipped)' is not a method of shipping.json"))
            }
        }
        if let m = settings.defaultShippingMethod, !ids.contains(m) {
            problems.append(
                CatalogueProblem(
                    file: "settings.json", line: 0,
                    message: "default_shipping_method '\(m.clipped)' is not a method of shipping.json"))
        }
    }
}
