/// SPEC §4 step 6 and the line rules of §2.1 (Saleor's): each item resolves to a live product with a price in
/// the cart currency, lines of one product merge, quantity-0 lines drop, and the cart stays within its limits.
enum ItemCheck {
    static func check(_ draft: CartDraft, currency: Currency?, catalogue: Catalogue,
                      into errors: inout [CheckoutError]) -> [CartLine]? {
        let before = errors.count
        let settings = catalogue.settings
        var lines: [CartLine] = []
        /// Index in `lines` of each product's merged line.
        var lineOfProduct: [String: Int] = [:]
        var mergedFrom: [Int: Location] = [:]  // line index → location of the first quantity, for limit errors
        /// False while every item seen has quantity 0: such a cart is empty (SPEC §11).
        var anyQuantity = false

        for item in draft.items ?? [] {
            var quantity: Int64?
            switch item.quantity?.value {
            case nil:
                errors.append(.required("quantity", at: Location(source: "\(item.location.source).quantity", line: item.location.line)))
                anyQuantity = true
            case .whole(let q):
                quantity = q
            case .invalid(let literal):
                errors.append(.invalidQuantity(sku: item.sku?.value ?? item.productId?.value ?? "", quantity: .number(literal),
                                               max: settings.maxQuantity, at: item.quantity!.location))
                anyQuantity = true
            }
            if let q = quantity, q > 0 { anyQuantity = true }

            switch item.kind {
            case .custom:
                var name: String?
                if let n = item.name {
                    name = TextRules.check(n, name: "name", into: &errors)
                    if name?.isEmpty == true {
                        errors.append(.required("name", at: n.location))
                        name = nil
                    }
                } else {
                    errors.append(.required("name", at: Location(source: "\(item.location.source).name", line: item.location.line)))
                }
                var sku = ""
                if let s = item.sku { sku = TextRules.check(s, name: "sku", into: &errors) ?? "" }
                guard let amount = item.amount else {
                    errors.append(.required("price.amount", at: Location(source: "\(item.location.source).price.amount", line: item.location.line)))
                    continue
                }
                guard let q = quantity, q > 0, let name else { continue }
                mergedFrom[lines.count] = item.quantity!.location
                lines.append(CartLine(kind: .custom, productId: "", sku: sku, name: name, quantity: q, unitPrice: amount.value,
                                      includesTax: item.includesTax ?? true, taxCode: "standard",
                                      shippable: item.shippable ?? true, location: item.location))

            case .catalogue:
                let product: Product
                if let sku = item.sku {
                    guard let p = catalogue.product(sku: sku.value) else {
                        errors.append(.productNotFound(sku: sku.value, at: sku.location))
                        continue
                    }
                    product = p
                } else if let id = item.productId {
                    guard let p = catalogue.product(id: id.value) else {
                        errors.append(.productNotFound(id: id.value, at: id.location))
                        continue
                    }
                    product = p
                } else {
                    errors.append(.required("sku", at: Location(source: "\(item.location.source).sku", line: item.location.line)))
                    continue
                }
                guard product.isLive else {
                    errors.append(.productNotAvailable(product, at: item.location))
                    continue
                }
                guard let currency else { continue }
                guard let price = product.prices[currency.code] else {
                    errors.append(.missingPrice(product, currency: currency.code, at: item.location))
                    continue
                }
                guard let q = quantity, q > 0 else { continue }
                if let existing = lineOfProduct[product.id] {
                    let (sum, overflow) = lines[existing].quantity.addingReportingOverflow(q)
                    lines[existing].quantity = overflow ? Int64.max : sum
                } else {
                    lineOfProduct[product.id] = lines.count
                    mergedFrom[lines.count] = item.quantity!.location
                    lines.append(CartLine(kind: .product, productId: product.id, sku: product.sku, name: product.name,
                                          quantity: q, unitPrice: price.amount, includesTax: price.includesTax,
                                          taxCode: product.taxCode, shippable: product.shippable, location: item.location))
                }
            }
        }

        for (i, line) in lines.enumerated() where line.quantity > settings.maxQuantity {
            errors.append(.invalidQuantity(sku: line.sku, quantity: .int(line.quantity), max: settings.maxQuantity,
                                           at: mergedFrom[i] ?? line.location))
        }
        if Int64(lines.count) > settings.maxItems {
            errors.append(.tooManyItems(count: lines.count, max: settings.maxItems, at: draft.itemsLocation))
        }
        if !anyQuantity && draft.unreadableItems == 0 {
            errors.insert(.cartEmpty(at: draft.itemsLocation), at: before)
        }
        return errors.count == before ? lines : nil
    }
}

extension CheckoutError {
    static func cartEmpty(at loc: Location) -> CheckoutError {
        CheckoutError(status: 400, code: "cart_empty", title: "Cart is empty",
                      detail: "A cart needs at least one item to be checked out", source: loc.source, line: loc.line)
    }

    static func tooManyItems(count: Int, max: Int64, at loc: Location) -> CheckoutError {
        CheckoutError(status: 400, code: "too_many_items", title: "Too many items",
                      detail: "A cart can hold at most \(max) distinct items", source: loc.source,
                      meta: [("count", .int(Int64(count))), ("max", .int(max))], line: loc.line)
    }

    static func invalidQuantity(sku: String, quantity: MetaValue, max: Int64, at loc: Location) -> CheckoutError {
        CheckoutError(status: 400, code: "invalid_quantity", title: "Invalid quantity",
                      detail: "Quantity must be a whole number between 0 and \(max)", source: loc.source,
                      meta: [("sku", .string(sku.clipped)), ("quantity", quantity)], line: loc.line)
    }

    static func productNotFound(sku: String, at loc: Location) -> CheckoutError {
        CheckoutError(status: 404, code: "product_not_found", title: "Product not found",
                      detail: "The requested product could not be found", source: loc.source,
                      meta: [("sku", .string(sku.clipped))], line: loc.line)
    }

    static func productNotFound(id: String, at loc: Location) -> CheckoutError {
        CheckoutError(status: 404, code: "product_not_found", title: "Product not found",
                      detail: "The requested product could not be found", source: loc.source,
                      meta: [("id", .string(id.clipped))], line: loc.line)
    }

    static func productNotAvailable(_ p: Product, at loc: Location) -> CheckoutError {
        CheckoutError(status: 400, code: "product_not_available", title: "Product not available",
                      detail: "\(p.sku) is not live", source: loc.source,
                      meta: [("id", .string(p.id)), ("sku", .string(p.sku))], line: loc.line)
    }

    static func missingPrice(_ p: Product, currency: String, at loc: Location) -> CheckoutError {
        CheckoutError(status: 400, code: "missing_price", title: "Could not add product",
                      detail: "This product does not have a price for \(currency)", source: loc.source,
                      meta: [("id", .string(p.id)), ("sku", .string(p.sku))], line: loc.line)
    }
}
