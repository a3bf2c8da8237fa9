/// Where a partner's purchase order meets the catalogue and becomes a cart draft (SPEC §12): the buyer matched to a
/// customer by its `party_ids`, the reference `<code>-<order id>`, the billing address from the document or on file,
/// the partner's (or the default) shipping method, and each line with its GTIN, unit and stated price kept for the
/// checks. Everything else of §4–§11 then applies as to any cart.
enum PurchaseOrderIntake {
    static func draft(_ po: PurchaseOrder, catalogue: Catalogue) -> CartDraft {
        var d = CartDraft(line: po.root.line, order: po.root.order)
        d.purchaseOrderRoot = po.root
        let partner = catalogue.partner(partyIds: po.buyerIds)
        if let partner, let code = partner.code, let orderId = po.orderId {
            d.reference = Located(code + "-" + referencePart(orderId.value), at: orderId.location)
        }
        d.currency = po.currency
        if let partner { d.customer = CustomerDraft(location: po.buyer, id: Located(partner.id, at: po.buyer)) }
        d.billingAddress = billingAddress(po, partner: partner)
        d.shippingAddress = po.shippingAddress
        d.itemsLocation = po.linesAnchor
        d.items = po.lines.enumerated().map { item($1, index: $0, shape: &d.shape) }
        let method = partner?.shippingMethod ?? catalogue.settings.defaultShippingMethod
        d.shippingMethod = method.map { Located($0, at: po.root) }
        d.purchaseOrder = PurchaseOrderTerms(
            standard: po.standard, orderId: po.orderId, orderIdAnchor: po.orderIdAnchor, buyer: po.buyer,
            buyerIds: po.buyerIds, partner: partner, currencyAttributes: po.currencyAttributes,
            billingFromDocument: po.billingAddress != nil, parties: po.parties,
            currency: po.currency?.value ?? catalogue.defaultCurrency.code,
            lines: po.lines.map { ($0.location.source, $0.id, $0.sku?.value, $0.unit?.value) })
        d.canonical = CartCanonicalForm.of(d)
        return d
    }

    /// The order id as it stands in a reference: every character outside `[A-Za-z0-9._-]` becomes `-`.
    static func referencePart(_ orderId: String) -> String {
        String(
            decoding: orderId.utf8.map { b -> UInt8 in
                let ok =
                    (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == 46 || b == 95
                    || b == 45
                return ok ? b : 45
            }, as: UTF8.self)
    }

    /// The document's billing address; else the partner's on file; else the shipping address; else the first
    /// listed party, whose missing fields are then reported (SPEC §12).
    static func billingAddress(_ po: PurchaseOrder, partner: Customer?) -> AddressDraft {
        if let billing = po.billingAddress { return billing }
        if let onFile = partner?.billingAddress {
            var draft = AddressDraft(
                location: po.buyer, fields: AddressFields(onFile).mapValues { Located($0, at: po.buyer) })
            draft.companyReplacesNames = true
            return draft
        }
        if let shipping = po.shippingAddress { return shipping }
        if let first = po.firstParty { return first }
        var empty = AddressDraft(location: po.root, fields: AddressFields())
        empty.companyReplacesNames = true
        return empty
    }

    /// A line as a catalogue item: its quantity read as an `xs:decimal` (a whole number is the integer, `10.000` is
    /// 10; a fraction or a negative is `invalid_quantity`; anything else `format`).
    static func item(_ line: PurchaseOrderLine, index: Int, shape: inout ShapeProblems) -> ItemDraft {
        var item = ItemDraft(index: index, location: line.location, kind: .catalogue)
        item.sku = line.sku
        if let q = line.quantity {
            if let decimal = ExactDecimal(xsDecimal: q.value) {
                let whole = decimal.int64.flatMap { $0 >= 0 ? $0 : nil }
                item.quantity = Located(whole.map(QuantityValue.whole) ?? .invalid(q.value), at: q.location)
            } else {
                shape.record(.notDecimal(q.value, at: q.location))
            }
        }
        item.purchase = PurchaseLineTerms(
            id: line.id, gtin: line.gtin, unit: line.unit, price: line.price, priceQuantity: line.priceQuantity,
            itemAnchor: line.itemAnchor,
            quantityAnchor: line.quantity.map {
                ExactDecimal(xsDecimal: $0.value) == nil ? $0.location : line.quantityAnchor
            } ?? line.quantityAnchor)
        return item
    }
}

extension CheckoutError {
    /// A number in a purchase order that is not an `xs:decimal` (SPEC §12).
    static func notDecimal(_ text: String, at loc: Location) -> CheckoutError {
        CheckoutError(
            .format, detail: "'\(text.clipped)' is not a decimal number (digits, an optional sign and point)", at: loc)
    }
}
