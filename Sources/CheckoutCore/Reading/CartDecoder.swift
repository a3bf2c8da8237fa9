/// Turns one cart's document into a `CartDraft`, recording every shape problem (SPEC §4 step 1, §11):
/// a field of the wrong type gets one `type` error and nothing more; `null` counts as absent.
struct CartDecoder<Document: CartDocument> {
    typealias Node = Document.Node

    static func decode(_ document: Document) -> CartDraft {
        let root = document.root
        var draft = CartDraft(line: document.line(of: root), order: document.order(of: root))
        // Filled in place by another function: filled here, the whole draft was copied into the result and the
        // original destroyed (issue 18: ~1,600 instructions a cart).
        decode(document, into: &draft)
        return draft
    }

    private static func decode(_ document: Document, into draft: inout CartDraft) {
        var decoder = CartDecoder(doc: document)
        decoder.fill(&draft, from: document.root)
        draft.shape = decoder.problems
        draft.canonical = CartCanonicalForm.of(draft)
    }

    let doc: Document
    var problems = ShapeProblems()

    private mutating func fill(_ draft: inout CartDraft, from node: Node) {
        let here = draft.location
        guard doc.kind(of: node) == .object else {
            problems.record(.typeMismatch(expected: "object", given: doc.typeName(of: node), at: here))
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
            if doc.kind(of: itemsNode) == .array {
                let elements = doc.elements(of: itemsNode)
                let parent = loc.joined
                var items: [ItemDraft] = []
                items.reserveCapacity(elements.count)
                for (index, element) in elements.enumerated() { item(element, index: index, in: parent, into: &items) }
                draft.unreadableItems = elements.count - items.count
                draft.items = items
            } else {
                problems.record(.typeMismatch(expected: "array", given: doc.typeName(of: itemsNode), at: loc))
                draft.items = []
                draft.unreadableItems = 1
            }
        }
        if let (codes, loc) = member(node, "promotion_codes", in: here) {
            draft.promotionCodesLocation = loc
            if doc.kind(of: codes) == .array {
                for (i, e) in doc.elements(of: codes).enumerated() {
                    let eloc = Location(member: String(i), of: loc, line: doc.line(of: e), order: doc.order(of: e))
                    if let s = scalarString(e, at: eloc) { draft.promotionCodes.append(Located(s, at: eloc)) }
                }
            } else {
                problems.record(.typeMismatch(expected: "array", given: doc.typeName(of: codes), at: loc))
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

    /// One item, appended to `items` unless it cannot be read as one (an item returned as an optional was copied
    /// twice more). An item's `type` is absent, `cart_item` or `custom_item` (SPEC §11):
    /// anything else is one error and nothing else on that item is looked at.
    private mutating func item(_ node: Node, index: Int, in parent: Location, into items: inout [ItemDraft]) {
        let loc = Location(member: String(index), of: parent, line: doc.line(of: node), order: doc.order(of: node))
            .joined
        guard doc.kind(of: node) == .object else {
            problems.record(.typeMismatch(expected: "object", given: doc.typeName(of: node), at: loc))
            return
        }
        var kind = ItemKind.catalogue
        if let (typeNode, tloc) = member(node, "type", in: loc) {
            guard let t = scalarString(typeNode, at: tloc) else { return }
            switch t {
            case "custom_item": kind = .custom
            case "cart_item": kind = .catalogue
            default:
                problems.record(.notOneOf(t, allowed: "cart_item or custom_item", at: tloc))
                return
            }
        }
        // Fields read into locals in the order they were always read (their errors' order), then the item made in
        // one go in the array: made there first and filled field by field, each write checked the array's
        // uniqueness and moved an optional over the old one (issue 18).
        let sku = string(node, "sku", in: loc)
        let productId = kind == .catalogue ? string(node, "product_id", in: loc) : nil
        let name = kind == .custom ? string(node, "name", in: loc) : nil
        let quantity = self.quantity(node, in: loc)
        var priceLocation: Location?
        var amount: Located<Int64>?
        var includesTax: Bool?
        var shippable: Bool?
        if kind == .custom {
            if let (price, ploc) = object(node, "price", in: loc) {
                priceLocation = ploc
                amount = self.amount(price, "amount", in: ploc)
                includesTax = bool(price, "includes_tax", in: ploc)
            }
            shippable = bool(node, "shippable", in: loc)
        }
        items.append(
            ItemDraft(
                index: index, location: loc, kind: kind, sku: sku, productId: productId, name: name,
                quantity: quantity, priceLocation: priceLocation, amount: amount, includesTax: includesTax,
                shippable: shippable))
    }

    private mutating func address(_ parent: Node, _ key: String, fields: [AddressField], in here: Location)
        -> AddressDraft?
    {
        guard let (node, loc) = object(parent, key, in: here) else { return nil }
        var draft = AddressDraft(location: loc, fields: AddressFields())
        for f in fields {
            if let v = string(node, f.name, in: loc) { draft.fields.insert(v, for: f) }
        }
        return draft
    }

    // MARK: field readers

    private func member(_ parent: Node, _ key: String, in here: Location) -> (Node, Location)? {
        guard let node = doc.member(key, of: parent), doc.kind(of: node) != .null else { return nil }
        return (node, Location(member: key, of: here, line: doc.line(of: node), order: doc.order(of: node)))
    }

    private mutating func object(_ parent: Node, _ key: String, in here: Location) -> (Node, Location)? {
        guard let (node, loc) = member(parent, key, in: here) else { return nil }
        guard doc.kind(of: node) == .object else {
            problems.record(.typeMismatch(expected: "object", given: doc.typeName(of: node), at: loc))
            return nil
        }
        return (node, loc.joined)
    }

    private mutating func scalarString(_ node: Node, at loc: Location) -> String? {
        switch doc.kind(of: node) {
        case .string, .text: return doc.text(of: node)
        case .number:
            // A postcode or reference written as a JSON number: say how to write it (issue 17).
            var e = CheckoutError.typeMismatch(expected: "string", given: doc.typeName(of: node), at: loc)
            e.detail += "; write it as a string, \"\(doc.text(of: node).clipped)\""
            problems.record(e)
            return nil
        default:
            problems.record(.typeMismatch(expected: "string", given: doc.typeName(of: node), at: loc))
            return nil
        }
    }

    /// The location is moved into the result: captured by a closure (`map`) it was copied, and the original then
    /// destroyed through `Location`'s generic value witnesses (issue 18: ~100 instructions a field).
    private mutating func string(_ parent: Node, _ key: String, in here: Location) -> Located<String>? {
        guard let (node, loc) = member(parent, key, in: here), let text = scalarString(node, at: loc) else {
            return nil
        }
        return Located(text, at: loc)
    }

    private mutating func bool(_ parent: Node, _ key: String, in here: Location) -> Bool? {
        guard let (node, loc) = member(parent, key, in: here) else { return nil }
        switch doc.kind(of: node) {
        case .bool(let b): return b
        case .text where doc.text(of: node) == "true": return true
        case .text where doc.text(of: node) == "false": return false
        default:
            problems.record(.typeMismatch(expected: "boolean", given: doc.typeName(of: node), at: loc))
            return nil
        }
    }

    private mutating func timestamp(_ parent: Node, _ key: String, in here: Location) -> Located<Timestamp>? {
        guard let (node, loc) = member(parent, key, in: here), let text = scalarString(node, at: loc) else {
            return nil
        }
        guard let t = Timestamp(rfc3339: text) else {
            problems.record(.badFormat("date-time", at: loc))
            return nil
        }
        return Located(t, at: loc)
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
    private mutating func number(_ node: Node, expected: String, at loc: Location) -> NumberField {
        switch doc.kind(of: node) {
        case .number:
            let text = doc.text(of: node)
            return ExactDecimal(literal: text).map { .number($0) } ?? .absurd(text)
        case .text:
            let trimmed = doc.text(of: node).trimmingWhitespace
            if let d = ExactDecimal(literal: trimmed), trimmed.first != "+" { return .number(d) }
            problems.record(.typeMismatch(expected: expected, given: "string", at: loc))
            return .wrongType
        default:
            problems.record(.typeMismatch(expected: expected, given: doc.typeName(of: node), at: loc))
            return .wrongType
        }
    }

    /// A money amount in minor units: a whole number, not negative, that fits in Int64.
    private mutating func amount(_ parent: Node, _ key: String, in here: Location) -> Located<Int64>? {
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

    private mutating func quantity(_ parent: Node, in here: Location) -> Located<QuantityValue>? {
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
        literal = doc.kind(of: node) == .text ? doc.text(of: node).trimmingWhitespace : d.literal
        return Located(.invalid(literal), at: loc)
    }
}

extension String {
    /// Trims Unicode white space from both ends (SPEC §11).
    var trimmingWhitespace: String {
        // Nearly all text starts and ends with an ASCII non-space: then it is already trimmed. Its ends are read
        // from the string's own storage (see `ByteBuffer.append(string:)`): `utf8.last` walked an index back.
        let trimmed = utf8.withContiguousStorageIfAvailable { b in
            guard let first = b.first, let last = b.last else { return false }
            return first < 0x80 && last < 0x80 && !Self.isASCIIWhiteSpace(first) && !Self.isASCIIWhiteSpace(last)
        }!
        if trimmed { return self }
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
