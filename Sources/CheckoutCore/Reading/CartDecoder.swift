/// Turns one cart's document node into a `CartDraft`, recording every shape problem (SPEC §4 step 1, §11):
/// a field of the wrong type gets one `type` error and nothing more; `null` counts as absent.
struct CartDecoder {
    static func decode(_ node: DocNode) -> CartDraft {
        var decoder = CartDecoder()
        var draft = CartDraft(line: node.line, order: node.order)
        decoder.fill(&draft, from: node)
        draft.shape = decoder.problems
        draft.canonical = CartCanonicalForm.of(draft)
        return draft
    }

    var problems = ShapeProblems()

    private mutating func fill(_ draft: inout CartDraft, from node: DocNode) {
        let here = draft.location
        guard case .object = node.value else {
            problems.record(.typeMismatch(expected: "object", given: node.typeName, at: here))
            return
        }
        draft.reference = string(node, "reference", in: here)
        draft.currency = string(node, "currency", in: here)
        draft.updatedAt = timestamp(node, "updated_at", in: here)
        draft.createdAt = timestamp(node, "created_at", in: here)
        if let (c, loc) = object(node, "customer", in: here) {
            draft.customer = CustomerDraft(
                location: loc, id: string(c, "id", in: loc), name: string(c, "name", in: loc),
                email: string(c, "email", in: loc))
        }
        draft.billingAddress = address(node, "billing_address", fields: AddressDraft.billing, in: here)
        draft.shippingAddress = address(node, "shipping_address", fields: AddressDraft.shipping, in: here)
        if let (itemsNode, loc) = member(node, "items", in: here) {
            draft.itemsLocation = loc
            if case .array(let elements) = itemsNode.value {
                let parent = loc.joined
                draft.items = elements.enumerated().compactMap { item($1, index: $0, in: parent) }
                draft.unreadableItems = elements.count - draft.items!.count
            } else {
                problems.record(.typeMismatch(expected: "array", given: itemsNode.typeName, at: loc))
                draft.items = []
                draft.unreadableItems = 1
            }
        }
        if let (codes, loc) = member(node, "promotion_codes", in: here) {
            draft.promotionCodesLocation = loc
            if case .array(let elements) = codes.value {
                for (i, e) in elements.enumerated() {
                    let eloc = Location(member: String(i), of: loc, line: e.line, order: e.order)
                    if let s = scalarString(e, at: eloc) { draft.promotionCodes.append(Located(s, at: eloc)) }
                }
            } else {
                problems.record(.typeMismatch(expected: "array", given: codes.typeName, at: loc))
            }
        }
        draft.shippingMethod = string(node, "shipping_method", in: here)
        if let (p, loc) = object(node, "payment", in: here) {
            var payment = PaymentDraft(location: loc)
            payment.gateway = string(p, "gateway", in: loc)
            payment.status = string(p, "status", in: loc)
            if let s = payment.status, s.value != "authorized" && s.value != "paid" {
                problems.record(.notOneOf(s.value, allowed: "authorized or paid", at: s.location))
                payment.status = nil
            }
            payment.amount = amount(p, "amount", in: loc)
            payment.currency = string(p, "currency", in: loc)
            payment.transactionId = string(p, "transaction_id", in: loc)
            draft.payment = payment
        }
    }

    /// One item; nil when it cannot be read as one. An item's `type` is absent, `cart_item` or `custom_item`
    /// (SPEC §11): anything else is one error and nothing else on that item is looked at.
    private mutating func item(_ node: DocNode, index: Int, in items: Location) -> ItemDraft? {
        let loc = Location(member: String(index), of: items, line: node.line, order: node.order).joined
        guard case .object = node.value else {
            problems.record(.typeMismatch(expected: "object", given: node.typeName, at: loc))
            return nil
        }
        var kind = ItemKind.catalogue
        if let (typeNode, tloc) = member(node, "type", in: loc) {
            guard let t = scalarString(typeNode, at: tloc) else { return nil }
            switch t {
            case "custom_item": kind = .custom
            case "cart_item": kind = .catalogue
            default:
                problems.record(.notOneOf(t, allowed: "cart_item or custom_item", at: tloc))
                return nil
            }
        }
        var item = ItemDraft(index: index, location: loc, kind: kind)
        item.sku = string(node, "sku", in: loc)
        item.productId = kind == .catalogue ? string(node, "product_id", in: loc) : nil
        item.name = kind == .custom ? string(node, "name", in: loc) : nil
        item.quantity = quantity(node, in: loc)
        if kind == .custom {
            if let (price, ploc) = object(node, "price", in: loc) {
                item.priceLocation = ploc
                item.amount = amount(price, "amount", in: ploc)
                item.includesTax = bool(price, "includes_tax", in: ploc)
            }
            item.shippable = bool(node, "shippable", in: loc)
        }
        return item
    }

    private mutating func address(_ parent: DocNode, _ key: String, fields: [AddressField], in here: Location)
        -> AddressDraft?
    {
        guard let (node, loc) = object(parent, key, in: here) else { return nil }
        var draft = AddressDraft(location: loc, fields: AddressFields())
        for f in fields {
            if let v = string(node, f.name, in: loc) { draft.fields[f] = v }
        }
        return draft
    }

    // MARK: field readers

    private func member(_ parent: DocNode, _ key: String, in here: Location) -> (DocNode, Location)? {
        guard let node = parent[key], !node.isNull else { return nil }
        return (node, Location(member: key, of: here, line: node.line, order: node.order))
    }

    private mutating func object(_ parent: DocNode, _ key: String, in here: Location) -> (DocNode, Location)? {
        guard let (node, loc) = member(parent, key, in: here) else { return nil }
        guard case .object = node.value else {
            problems.record(.typeMismatch(expected: "object", given: node.typeName, at: loc))
            return nil
        }
        return (node, loc.joined)
    }

    private mutating func scalarString(_ node: DocNode, at loc: Location) -> String? {
        switch node.value {
        case .string(let s), .text(let s): return s
        case .number(let literal):
            // A postcode or reference written as a JSON number: say how to write it (issue 17).
            var e = CheckoutError.typeMismatch(expected: "string", given: node.typeName, at: loc)
            e.detail += "; write it as a string, \"\(literal.clipped)\""
            problems.record(e)
            return nil
        default:
            problems.record(.typeMismatch(expected: "string", given: node.typeName, at: loc))
            return nil
        }
    }

    private mutating func string(_ parent: DocNode, _ key: String, in here: Location) -> Located<String>? {
        guard let (node, loc) = member(parent, key, in: here) else { return nil }
        return scalarString(node, at: loc).map { Located($0, at: loc) }
    }

    private mutating func bool(_ parent: DocNode, _ key: String, in here: Location) -> Bool? {
        guard let (node, loc) = member(parent, key, in: here) else { return nil }
        switch node.value {
        case .bool(let b): return b
        case .text("true"): return true
        case .text("false"): return false
        default:
            problems.record(.typeMismatch(expected: "boolean", given: node.typeName, at: loc))
            return nil
        }
    }

    private mutating func timestamp(_ parent: DocNode, _ key: String, in here: Location) -> Located<Timestamp>? {
        guard let s = string(parent, key, in: here) else { return nil }
        guard let t = Timestamp(rfc3339: s.value) else {
            problems.record(.badFormat("date-time", at: s.location))
            return nil
        }
        return Located(t, at: s.location)
    }

    /// What a node holds where a number is expected.
    private enum NumberField {
        case number(ExactDecimal)
        /// A JSON number too large or too precise to hold exactly (`1e400`), as written.
        case absurd(String)
        /// Not a number: a type error has been recorded.
        case wrongType
    }

    /// The number in a node: JSON numbers, or XML text that spells one; anything else is a type error.
    private mutating func number(_ node: DocNode, expected: String, at loc: Location) -> NumberField {
        switch node.value {
        case .number(let text):
            return ExactDecimal(literal: text).map { .number($0) } ?? .absurd(text)
        case .text(let text):
            let trimmed = text.trimmingWhitespace
            if let d = ExactDecimal(literal: trimmed), trimmed.first != "+" { return .number(d) }
            problems.record(.typeMismatch(expected: expected, given: "string", at: loc))
            return .wrongType
        default:
            problems.record(.typeMismatch(expected: expected, given: node.typeName, at: loc))
            return .wrongType
        }
    }

    /// A money amount in minor units: a whole number, not negative, that fits in Int64.
    private mutating func amount(_ parent: DocNode, _ key: String, in here: Location) -> Located<Int64>? {
        guard let (node, loc) = member(parent, key, in: here) else { return nil }
        let d: ExactDecimal
        switch number(node, expected: "integer", at: loc) {
        case .wrongType: return nil
        case .absurd:
            problems.record(.amountOverflow("\(key) does not fit in a 64-bit amount", at: loc))
            return nil
        case .number(let value): d = value
        }
        if d.isNegative {
            problems.record(.negative(at: loc))
            return nil
        }
        guard d.isInteger else {
            problems.record(.typeMismatch(expected: "integer", given: "number", at: loc))
            return nil
        }
        guard let v = d.int64 else {
            problems.record(.amountOverflow("\(key) does not fit in a 64-bit amount", at: loc))
            return nil
        }
        return Located(v, at: loc)
    }

    private mutating func quantity(_ parent: DocNode, in here: Location) -> Located<QuantityValue>? {
        guard let (node, loc) = member(parent, "quantity", in: here) else { return nil }
        let d: ExactDecimal
        switch number(node, expected: "integer", at: loc) {
        case .wrongType: return nil
        case .absurd(let text): return Located(.invalid(text), at: loc)
        case .number(let value): d = value
        }
        if d.isInteger, !d.isNegative, let v = d.int64 {
            return Located(.whole(v), at: loc)
        }
        let literal: String
        if case .text(let t) = node.value { literal = t.trimmingWhitespace } else { literal = d.literal }
        return Located(.invalid(literal), at: loc)
    }
}

extension String {
    /// Trims Unicode white space from both ends (SPEC §11).
    var trimmingWhitespace: String {
        // Nearly all text starts and ends with an ASCII non-space: then it is already trimmed.
        if let first = utf8.first, let last = utf8.last, first < 0x80, last < 0x80,
            !Self.isASCIIWhiteSpace(first), !Self.isASCIIWhiteSpace(last)
        {
            return self
        }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(scalars[first...last])
    }

    /// The ASCII scalars with Unicode's White_Space property (what `properties.isWhitespace` answers).
    static func isASCIIWhiteSpace(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }

    /// At most 64 characters, for echoing user input in a detail without echoing a 50 MB string.
    var clipped: String {
        unicodeScalars.count <= 64 ? self : String(String.UnicodeScalarView(unicodeScalars.prefix(61))) + "..."
    }
}
