/// SPEC §4 step 6 and the line rules of §2.1 (Saleor's): each item resolves to a live product with a price in
/// the cart currency, lines of one product merge, quantity-0 lines drop, and the cart stays within its limits.
enum ItemCheck {
    /// `shipping` is the checked shipping address (nil when it failed): a purchase order's stated prices are compared
    /// with the catalogue's net of the taxes there (SPEC §12).
    static func check(
        _ draft: CartDraft, currency: Currency?, catalogue: Catalogue, shipping: Address? = nil,
        into errors: inout [CheckoutError]
    ) -> [CartLine]? {
        let before = errors.count
        let settings = catalogue.settings
        let products = catalogue.products  // read in place, not copied: see `line(of:in:quantity:price:at:)`
        var lines: [CartLine] = []
        lines.reserveCapacity(draft.items?.count ?? 0)  // one allocation, not one per growth (issue 18)
        var lineOfProduct = LinesByProduct(capacity: draft.items?.count ?? 0)
        /// For each line, the location of its first quantity, for limit errors.
        var mergedFrom: [Location] = []
        mergedFrom.reserveCapacity(draft.items?.count ?? 0)
        /// False while every item seen has quantity 0: such a cart is empty (SPEC §11).
        var anyQuantity = false

        // Items read through a pointer where they stand, and handed on as pointers: binding each, reading
        // `items[n].quantity?.value` from the array, or passing `items[n]` to a function copied the whole item,
        // retaining its dozen Strings (issue 18).
        (draft.items ?? []).withUnsafeBufferPointer { items in
            for n in items.indices {
                var quantity: Int64?
                switch items[n].quantity?.value {
                case nil:
                    errors.append(
                        .required(
                            "quantity", at: items[n].purchase?.quantityAnchor ?? items[n].location.missing("quantity")))
                    anyQuantity = true
                case .whole(let q):
                    quantity = q
                case .invalid(let literal):
                    errors.append(
                        .invalidQuantity(
                            sku: skuAsWritten(items[n], catalogue: catalogue), quantity: .number(literal),
                            max: settings.maxQuantity, at: items[n].quantity!.location))
                    anyQuantity = true
                }
                if let q = quantity, q > 0 { anyQuantity = true }

                switch items[n].kind {
                case .custom:
                    guard let line = customLine(items.baseAddress! + n, quantity: quantity, into: &errors) else {
                        continue
                    }
                    mergedFrom.append(items[n].quantity!.location)
                    lines.append(line)

                case .catalogue:
                    guard
                        let (productIndex, named) = Self.product(
                            of: items.baseAddress! + n, catalogue: catalogue, into: &errors)
                    else {
                        continue
                    }
                    // Not live and without a price are two broken rules, two errors (SPEC §11).
                    var usable = true
                    if !products[productIndex].isLive {
                        errors.append(.productNotAvailable(products[productIndex], at: named))
                        usable = false
                    }
                    guard let currency else { continue }
                    guard
                        let price = Self.price(
                            of: items.baseAddress! + n, product: productIndex, named: named, currency: currency,
                            catalogue: catalogue, shipping: shipping, into: &errors)
                    else { continue }
                    guard usable, let q = quantity, q > 0 else { continue }
                    if let existing = lineOfProduct.line(of: productIndex) {
                        let (sum, overflow) = lines[existing].quantity.addingReportingOverflow(q)
                        lines[existing].quantity = overflow ? Int64.max : sum
                    } else {
                        lineOfProduct.add(productIndex, line: lines.count)
                        mergedFrom.append(items[n].quantity!.location)
                        lines.append(
                            line(
                                of: productIndex, in: products, quantity: q, price: price, at: items[n].location,
                                run: catalogue.orderItemRuns[productIndex]))
                    }
                }
            }
        }

        for i in lines.indices where lines[i].quantity > settings.maxQuantity {  // in place: binding copied each line
            errors.append(
                .invalidQuantity(
                    sku: lines[i].sku, quantity: .int(lines[i].quantity), max: settings.maxQuantity,
                    at: mergedFrom[i]))
        }
        if Int64(lines.count) > settings.maxItems {
            errors.append(.tooManyItems(count: lines.count, max: settings.maxItems, at: draft.itemsLocation))
        }
        if !anyQuantity && draft.unreadableItems == 0 {
            errors.append(.cartEmpty(at: draft.itemsLocation))
        }
        return errors.count == before ? lines : nil
    }

    /// The unit price of a catalogue item's product: the catalogue's in the cart's currency, or a purchase-order
    /// line's stated price once it is checked against it (SPEC §12). Nil, with the error, when there is none.
    private static func price(
        of item: UnsafePointer<ItemDraft>, product p: Int, named: Location, currency: Currency, catalogue: Catalogue,
        shipping: Address?, into errors: inout [CheckoutError]
    ) -> Price? {
        let products = catalogue.products
        guard let terms = item.pointee.purchase else {
            guard let price = products[p].prices[currency.code] else {
                errors.append(.missingPrice(products[p], currency: currency.code, at: named))
                return nil
            }
            return price
        }
        let product = products[p]
        let rates = shipping.map { a in
            product.taxCode.map { catalogue.rates(taxCode: $0, country: a.country, regions: a.taxRegions).rates } ?? []
        }
        guard
            let priced = PurchaseLineCheck.check(
                terms, product: product, sku: named, catalogue: product.prices[currency.code], currency: currency,
                settings: catalogue.settings, rates: rates, into: &errors)
        else { return nil }
        return Price(amount: priced.unitPrice, includesTax: priced.includesTax)
    }

    /// A catalogue product's line, its fields read where the product stands: a copy of the product retained each of
    /// its Strings, whose counts every thread checking carts writes (issue 18).
    private static func line(
        of p: Int, in products: [Product], quantity: Int64, price: Price, at location: Location, run: [UInt8]
    ) -> CartLine {
        CartLine(
            kind: .product, productId: products[p].id, sku: products[p].sku, name: products[p].name,
            quantity: quantity, unitPrice: price.amount, includesTax: price.includesTax, taxCode: products[p].taxCode,
            shippable: products[p].shippable, location: location, orderItemRun: run)
    }

    /// `invalid_quantity`'s `meta.sku` (SPEC §11): the line's `sku` as written, else the sku of the product its
    /// `product_id` found, else `""`.
    static func skuAsWritten(_ item: ItemDraft, catalogue: Catalogue) -> String {
        if let sku = item.sku { return sku.value }
        if let id = item.productId, let product = catalogue.product(id: id.value) { return product.sku }
        return ""
    }

    /// A custom item's line (SPEC §2.1), or nil when a field it needs is missing or broken (errors reported) or
    /// its quantity gives no line.
    private static func customLine(
        _ item: UnsafePointer<ItemDraft>, quantity: Int64?, into errors: inout [CheckoutError]
    ) -> CartLine? {
        var name: String?
        if let n = item.pointee.name {
            let checked = TextRules.check(n, name: "name", into: &errors)
            if checked.value.isEmpty {
                errors.append(.required("name", at: n.location))
            } else if checked.isValid {
                name = checked.value
            }
        } else {
            errors.append(.required("name", at: item.pointee.location.missing("name")))
        }
        var sku: String? = ""
        if let s = item.pointee.sku {
            let checked = TextRules.check(s, name: "sku", into: &errors)
            sku = checked.isValid ? checked.value : nil
        }
        guard let amount = item.pointee.amount else {
            let price = item.pointee.priceLocation?.missing("amount") ?? item.pointee.location.missing("price.amount")
            errors.append(.required("price.amount", at: price))
            return nil
        }
        guard let q = quantity, q > 0, let name, let sku else { return nil }
        return CartLine(
            kind: .custom, productId: "", sku: sku, name: name, quantity: q, unitPrice: amount.value,
            includesTax: item.pointee.includesTax ?? true, taxCode: "standard",
            shippable: item.pointee.shippable ?? true, location: item.pointee.location)
    }

    /// The product a catalogue item names (its place in the catalogue) and the field that named it: `sku` when both
    /// are given (SPEC §11), where its errors then point. Nil, with the error, when there is none.
    private static func product(
        of item: UnsafePointer<ItemDraft>, catalogue: Catalogue, into errors: inout [CheckoutError]
    ) -> (Int, Location)? {
        if let terms = item.pointee.purchase {
            return purchaseProduct(of: item, terms, catalogue: catalogue, into: &errors)
        }
        if let sku = item.pointee.sku {
            guard let p = catalogue.productIndex(sku: sku.value) else {
                errors.append(.productNotFound(sku: sku.value, at: sku.location))
                return nil
            }
            return (p, sku.location)
        }
        if let id = item.pointee.productId {
            guard let p = catalogue.productIndex(id: id.value) else {
                errors.append(.productNotFound(id: id.value, at: id.location))
                return nil
            }
            return (p, id.location)
        }
        errors.append(.required("sku", at: item.pointee.location.missing("sku")))
        return nil
    }

    /// A purchase-order line's product: by sku, else by GTIN (padded to 14 digits); `product_not_found` names the
    /// sku, or the GTIN when no sku was given; a line with neither is `required` at its item (SPEC §12).
    private static func purchaseProduct(
        of item: UnsafePointer<ItemDraft>, _ terms: PurchaseLineTerms, catalogue: Catalogue,
        into errors: inout [CheckoutError]
    ) -> (Int, Location)? {
        if let sku = item.pointee.sku, let p = catalogue.productIndex(sku: sku.value) { return (p, sku.location) }
        if let gtin = terms.gtin, let p = catalogue.productIndex(gtin: gtin.value) { return (p, gtin.location) }
        if let sku = item.pointee.sku {
            errors.append(.productNotFound(sku: sku.value, at: sku.location))
        } else if let gtin = terms.gtin {
            errors.append(
                CheckoutError(
                    .productNotFound, detail: "No product has the GTIN \(gtin.value.clipped)", at: gtin.location,
                    meta: [("gtin", .string(gtin.value.clipped))]))
        } else {
            errors.append(.required("sku", at: terms.itemAnchor))
        }
        return nil
    }
}

extension CheckoutError {
    static func cartEmpty(at loc: Location) -> CheckoutError {
        CheckoutError(.cartEmpty, detail: "A cart needs at least one item to be checked out", at: loc)
    }

    static func tooManyItems(count: Int, max: Int64, at loc: Location) -> CheckoutError {
        CheckoutError(
            .tooManyItems, detail: "A cart can hold at most \(max) distinct items", at: loc,
            meta: [("count", .int(Int64(count))), ("max", .int(max))])
    }

    static func invalidQuantity(sku: String, quantity: MetaValue, max: Int64, at loc: Location) -> CheckoutError {
        CheckoutError(
            .invalidQuantity, detail: "Quantity must be a whole number between 0 and \(max)", at: loc,
            meta: [("sku", .string(sku.clipped)), ("quantity", quantity)])
    }

    static func productNotFound(sku: String, at loc: Location) -> CheckoutError {
        CheckoutError(
            .productNotFound, detail: "No product has the sku '\(sku.clipped)'", at: loc,
            meta: [("sku", .string(sku.clipped))])
    }

    static func productNotFound(id: String, at loc: Location) -> CheckoutError {
        CheckoutError(
            .productNotFound, detail: "No product has the id '\(id.clipped)'", at: loc,
            meta: [("id", .string(id.clipped))])
    }

    static func productNotAvailable(_ p: Product, at loc: Location) -> CheckoutError {
        CheckoutError(
            .productNotAvailable, detail: "\(p.sku) is not live", at: loc,
            meta: [("id", .string(p.id)), ("sku", .string(p.sku))])
    }

    static func missingPrice(_ p: Product, currency: String, at loc: Location) -> CheckoutError {
        CheckoutError(
            .missingPrice, detail: "This product does not have a price for \(currency)", at: loc,
            meta: [("id", .string(p.id)), ("sku", .string(p.sku))])
    }
}

/// The index in a cart's lines of each product's merged line, by the product's place in the catalogue. A cart's few
/// lines are found by comparing places one by one (a dictionary per cart cost ~900 instructions; issue 18); a long
/// cart's are hashed, so that it stays linear.
private struct LinesByProduct {
    private var few: [(product: Int, line: Int)] = []
    private var many: [Int: Int]?

    init(capacity: Int) {
        if capacity > 16 {
            many = Dictionary(minimumCapacity: capacity)
        } else {
            few.reserveCapacity(capacity)
        }
    }

    func line(of product: Int) -> Int? {
        if let many { return many[product] }
        return few.first { $0.product == product }?.line
    }

    mutating func add(_ product: Int, line: Int) {
        if many != nil { many![product] = line } else { few.append((product, line)) }
    }
}
