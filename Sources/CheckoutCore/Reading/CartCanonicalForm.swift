/// The canonical content of a cart (SPEC §11 "same content"): the parsed fields in a fixed order, so key order,
/// white space between tokens and number spelling (`2.0` vs `2`) do not matter, and a JSON cart and its XML twin agree.
enum CartCanonicalForm {
    static func of(_ d: CartDraft) -> String {
        var out = ""
        func put(_ key: String, _ value: String?) {
            guard let value else { return }
            out += key
            out += "="
            out += String(value.utf8.count)
            out += ":"
            out += value
            out += ";"
        }
        put("reference", d.reference?.value)
        put("currency", d.currency?.value)
        put("updated_at", d.updatedAt.map { "\($0.value.seconds).\($0.value.nanoseconds)" })
        put("created_at", d.createdAt.map { "\($0.value.seconds).\($0.value.nanoseconds)" })
        if let c = d.customer {
            put("customer.id", c.id?.value)
            put("customer.name", c.name?.value)
            put("customer.email", c.email?.value)
        }
        for (prefix, address) in [("billing", d.billingAddress), ("shipping", d.shippingAddress)] {
            guard let address else { continue }
            put(prefix, "")
            for key in address.fields.keys.sorted() { put("\(prefix).\(key)", address.fields[key]?.value) }
        }
        if let items = d.items {
            put("items", String(items.count))
            for item in items {
                put("item", String(item.index))
                put("kind", item.kind == .custom ? "custom" : "catalogue")
                put("sku", item.sku?.value)
                put("product_id", item.productId?.value)
                put("name", item.name?.value)
                switch item.quantity?.value {
                case .whole(let q): put("quantity", String(q))
                case .invalid(let s): put("quantity!", s)
                case nil: break
                }
                put("amount", item.amount.map { String($0.value) })
                put("includes_tax", item.includesTax.map { String($0) })
                put("shippable", item.shippable.map { String($0) })
            }
        }
        for code in d.promotionCodes { put("promotion_code", code.value) }
        put("shipping_method", d.shippingMethod?.value)
        if let p = d.payment {
            put("payment.gateway", p.gateway?.value)
            put("payment.status", p.status?.value)
            put("payment.amount", p.amount.map { String($0.value) })
            put("payment.currency", p.currency?.value)
            put("payment.transaction_id", p.transactionId?.value)
        }
        return out
    }
}
