/// Maps the generic reading of a `<cart>` element onto the JSON cart shape (SPEC §2.2): `<items>` holds `<item>`
/// and `<custom_item>` elements in document order; a custom item's `amount` and `includes_tax` attributes are its
/// `price`; `<promotion_codes>` holds `<code>` elements.
enum XMLCartShape {
    /// The name lists of the shape a name is on. Worked out once per distinct name (`XMLName`): an element's role
    /// and which attributes it keeps are then a mask test, not a hash of the name per element (issue 18).
    struct Lists: OptionSet, Sendable {
        let rawValue: UInt16
        static let list = Lists(rawValue: 1 << 0)
        static let cartField = Lists(rawValue: 1 << 1)
        static let customerField = Lists(rawValue: 1 << 2)
        static let addressField = Lists(rawValue: 1 << 3)
        static let paymentField = Lists(rawValue: 1 << 4)
        static let itemField = Lists(rawValue: 1 << 5)
        static let number = Lists(rawValue: 1 << 6)
    }

    static let lists = ["items", "promotion_codes"]
    static let cartFields = ["reference", "currency", "updated_at", "created_at", "shipping_method"]
    static let customerFields = ["id", "name", "email"]
    static let addressFields = AddressDraft.shippingFields
    static let paymentFields = ["gateway", "status", "amount", "currency", "transaction_id"]
    static let itemFields = ["type", "sku", "product_id", "name", "quantity", "amount", "includes_tax", "shippable"]
    static let numbers = ["quantity", "amount"]

    /// The lists `name` is on.
    static func lists(of name: String) -> Lists {
        var out: Lists = []
        let table: [([String], Lists)] = [
            (lists, .list), (cartFields, .cartField), (customerFields, .customerField), (addressFields, .addressField),
            (paymentFields, .paymentField), (itemFields, .itemField), (numbers, .number),
        ]
        for (names, list) in table where names.contains(name) { out.insert(list) }
        return out
    }

    /// The role of a child element named `name` of an element of role `parent`, or nil when a cart has no such
    /// field there (it is then not kept, SPEC §11).
    static func role(of name: XMLName, in parent: XMLCartStream.Role) -> XMLCartStream.Role? {
        switch parent {
        case .cart:
            switch name.text {
            case "customer": return .customer
            case "billing_address", "shipping_address": return .address
            case "items": return .items
            case "promotion_codes": return .codes
            case "payment": return .payment
            default: return name.lists.contains(.cartField) ? .scalar : nil
            }
        case .customer: return name.lists.contains(.customerField) ? .scalar : nil
        case .address: return name.lists.contains(.addressField) ? .scalar : nil
        case .payment: return name.lists.contains(.paymentField) ? .scalar : nil
        case .items: return .item
        case .item: return name.lists.contains(.itemField) ? .scalar : nil
        case .codes: return .scalar
        case .scalar: return nil
        }
    }

    /// Whether an attribute is one of the element's fields (scalar cart fields may be attributes, SPEC §2.2).
    static func keepsAttribute(_ key: XMLName, of role: XMLCartStream.Role) -> Bool {
        switch role {
        case .cart: return key.lists.contains(.cartField)
        case .customer: return key.lists.contains(.customerField)
        case .address: return key.lists.contains(.addressField)
        case .payment: return key.lists.contains(.paymentField)
        case .item: return key.lists.contains(.itemField)
        case .items, .codes, .scalar: return false
        }
    }

    static func cart(_ node: DocNode) -> DocNode {
        guard case .object(let members) = node.value else {
            return DocNode(.object([]), line: node.line, order: node.order)
        }
        var out: [DocMember] = []
        out.reserveCapacity(members.count)
        for m in members {
            switch m.key {
            case "items": out.append(DocMember(key: "items", node: items(m.node)))
            case "promotion_codes": out.append(DocMember(key: "promotion_codes", node: list(m.node)))
            default: out.append(m)
            }
        }
        return DocNode(.object(out), line: node.line, order: node.order)
    }

    static func items(_ node: DocNode) -> DocNode {
        guard case .object(let children) = node.value else {
            // `<items/>` or `<items>  </items>`: no items.
            if case .text(let t) = node.value, t.trimmingWhitespace.isEmpty {
                return DocNode(.array([]), line: node.line, order: node.order)
            }
            return node
        }
        let elements = children.map { child -> DocNode in
            var fields: [DocMember]
            switch child.node.value {
            case .object(let m): fields = m
            default: fields = []
            }
            switch child.key {
            case "item": break
            case "custom_item":
                var price: [DocMember] = []
                fields.removeAll { f in
                    guard f.key == "amount" || f.key == "includes_tax" else { return false }
                    price.append(f)
                    return true
                }
                fields.insert(
                    DocMember(
                        key: "type", node: DocNode(.text("custom_item"), line: child.node.line, order: child.node.order)
                    ), at: 0)
                // The price is the item's own attributes: it stands where the first of them was written.
                if let first = price.first {
                    fields.append(
                        DocMember(
                            key: "price", node: DocNode(.object(price), line: child.node.line, order: first.node.order))
                    )
                }
            default:
                fields.insert(
                    DocMember(
                        key: "type", node: DocNode(.text(child.key), line: child.node.line, order: child.node.order)),
                    at: 0)
            }
            return DocNode(.object(fields), line: child.node.line, order: child.node.order)
        }
        return DocNode(.array(elements), line: node.line, order: node.order)
    }

    static func list(_ node: DocNode) -> DocNode {
        guard case .object(let children) = node.value else {
            if case .text(let t) = node.value, t.trimmingWhitespace.isEmpty {
                return DocNode(.array([]), line: node.line, order: node.order)
            }
            return node
        }
        return DocNode(.array(children.map(\.node)), line: node.line, order: node.order)
    }
}

/// An element or attribute name: its text, and the shape's lists it is on.
struct XMLName: Sendable {
    let text: String
    let lists: XMLCartShape.Lists

    init(_ text: String) {
        self.text = text
        self.lists = XMLCartShape.lists(of: text)
    }
}
