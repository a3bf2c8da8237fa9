/// Maps the generic reading of a `<cart>` element onto the JSON cart shape (SPEC §2.2): `<items>` holds `<item>`
/// and `<custom_item>` elements in document order; a custom item's `amount` and `includes_tax` attributes are its
/// `price`; `<promotion_codes>` holds `<code>` elements.
enum XMLCartShape {
    static let lists: Set<String> = ["items", "promotion_codes"]
    static let cartFields: Set<String> = ["reference", "currency", "updated_at", "created_at", "shipping_method"]
    static let customerFields: Set<String> = ["id", "name", "email"]
    static let addressFields = Set(AddressDraft.shippingFields)
    static let paymentFields: Set<String> = ["gateway", "status", "amount", "currency", "transaction_id"]
    static let itemFields: Set<String> = [
        "type", "sku", "product_id", "name", "quantity", "amount", "includes_tax", "shippable",
    ]
    static let numbers: Set<String> = ["quantity", "amount"]

    /// The role of a child element named `name` of an element of role `parent`, or nil when a cart has no such
    /// field there (it is then not kept, SPEC §11).
    static func role(of name: String, in parent: XMLCartStream.Role) -> XMLCartStream.Role? {
        switch parent {
        case .cart:
            switch name {
            case "customer": return .customer
            case "billing_address", "shipping_address": return .address
            case "items": return .items
            case "promotion_codes": return .codes
            case "payment": return .payment
            default: return cartFields.contains(name) ? .scalar : nil
            }
        case .customer: return customerFields.contains(name) ? .scalar : nil
        case .address: return addressFields.contains(name) ? .scalar : nil
        case .payment: return paymentFields.contains(name) ? .scalar : nil
        case .items: return .item
        case .item: return itemFields.contains(name) ? .scalar : nil
        case .codes: return .scalar
        case .scalar: return nil
        }
    }

    /// Whether an attribute is one of the element's fields (scalar cart fields may be attributes, SPEC §2.2).
    static func keepsAttribute(_ key: String, of role: XMLCartStream.Role) -> Bool {
        switch role {
        case .cart: return cartFields.contains(key)
        case .customer: return customerFields.contains(key)
        case .address: return addressFields.contains(key)
        case .payment: return paymentFields.contains(key)
        case .item: return itemFields.contains(key)
        case .items, .codes, .scalar: return false
        }
    }

    static func cart(_ node: DocNode) -> DocNode {
        guard case .object(let members) = node.value else {
            return DocNode(.object([]), line: node.line, order: node.order)
        }
        var out: [DocMember] = []
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
