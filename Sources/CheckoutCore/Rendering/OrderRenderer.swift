/// The order document of SPEC §7: Elastic Path's checkout response, keys in its order, ids by UUIDv5.
public enum OrderRenderer {
    public static func orderId(reference: String) -> String { UUIDv5.make("order/\(reference)") }

    public static func render(_ priced: PricedCart, now: Timestamp, orderId: String) -> [UInt8] {
        let cart = priced.cart
        let currency = cart.currency
        let reference = cart.reference
        let stamp = now.rfc3339
        var w = JSONWriter()

        let items = orderItems(priced)
        let itemIds = items.indices.map { UUIDv5.make("order/\(reference)/item/\($0 + 1)") }
        var taxItems: [(id: String, rate: TaxRate, amount: Int64)] = []
        var itemTaxIds: [[String]] = []
        for (n, item) in items.enumerated() {
            var ids: [String] = []
            for (k, tax) in item.taxes.enumerated() {
                let id = UUIDv5.make("order/\(reference)/item/\(n + 1)/tax/\(k + 1)")
                ids.append(id)
                taxItems.append((id, tax.rate, tax.amount))
            }
            itemTaxIds.append(ids)
        }

        func displayPrice(_ key: StaticString, _ amount: Int64) {
            w.key(key)
            w.beginObject()
            w.field("amount", amount)
            w.field("currency", currency.code)
            w.formatted("formatted", amount, currency)
            w.endObject()
        }
        func address(_ key: StaticString, _ a: Address, fields: [String]) {
            w.key(key)
            w.beginObject()
            for f in fields { w.field(text: f, a[f]) }
            w.endObject()
        }
        func timestamps() {
            w.key("timestamps")
            w.beginObject()
            w.field("created_at", stamp)
            w.field("updated_at", stamp)
            w.endObject()
        }

        let (status, payment) = states(priced)
        let t = priced.totals
        w.beginObject()
        w.key("data")
        w.beginObject()
        w.field("type", "order")
        w.field("id", orderId)
        w.field("status", status)
        w.field("payment", payment)
        w.field("shipping", "unfulfilled")
        w.field("anonymized", false)
        w.field("external_ref", reference)
        w.key("customer")
        w.beginObject()
        w.field("name", cart.customer.name)
        w.field("email", cart.customer.email)
        w.endObject()
        address("shipping_address", cart.shippingAddress, fields: AddressDraft.shippingFields)
        address("billing_address", cart.billingAddress, fields: AddressDraft.billingFields)
        w.emptyObject("links")
        w.key("meta")
        w.beginObject()
        w.key("display_price")
        w.beginObject()
        displayPrice("with_tax", t.withTax)
        displayPrice("without_tax", t.withoutTax)
        displayPrice("tax", t.tax)
        displayPrice("discount", t.discount)
        displayPrice("without_discount", t.withoutDiscount)
        displayPrice("shipping", t.shipping)
        displayPrice("balance_owing", t.balanceOwing)
        displayPrice("authorized", t.authorized)
        displayPrice("paid", t.paid)
        w.endObject()
        timestamps()
        w.endObject()
        w.key("relationships")
        w.beginObject()
        w.key("items")
        w.beginObject()
        w.key("data")
        w.beginArray()
        for id in itemIds { w.resource(type: "item", id: id) }
        w.endArray()
        w.endObject()
        if let id = cart.customer.id {
            w.key("customer")
            w.beginObject()
            w.key("data")
            w.resource(type: "customer", id: id)
            w.endObject()
        }
        w.endObject()
        w.endObject()

        w.key("included")
        w.beginObject()
        w.key("items")
        w.beginArray()
        for (n, item) in items.enumerated() {
            w.beginObject()
            w.field("type", "order_item")
            w.field("id", itemIds[n])
            w.field("quantity", item.quantity)
            w.field("product_id", item.productId)
            w.field("name", item.name)
            w.field("sku", item.sku)
            for (key, amount) in [("unit_price", item.unitPrice), ("value", item.value)] as [(StaticString, Int64)] {
                w.key(key)
                w.beginObject()
                w.field("amount", amount)
                w.field("currency", currency.code)
                w.field("includes_tax", item.includesTax)
                w.endObject()
            }
            w.emptyObject("links")
            w.key("meta")
            w.beginObject()
            w.key("display_price")
            w.beginObject()
            for (key, value) in item.display {
                w.key(key)
                w.beginObject()
                displayPrice("unit", Rounding.unit(value, quantity: item.quantity))
                displayPrice("value", value)
                w.endObject()
            }
            w.endObject()
            timestamps()
            w.endObject()
            w.key("relationships")
            w.beginObject()
            w.key("cart_item")
            w.beginObject()
            w.key("data")
            w.resource(type: "cart_item", id: UUIDv5.make("cart/\(reference)/item/\(n + 1)"))
            w.endObject()
            w.key("taxes")
            w.beginObject()
            w.key("data")
            w.beginArray()
            for id in itemTaxIds[n] { w.resource(type: "tax_item", id: id) }
            w.endArray()
            w.endObject()
            w.endObject()
            w.endObject()
        }
        w.endArray()
        w.key("tax_items")
        w.beginArray()
        for tax in taxItems {
            w.beginObject()
            w.field("type", "tax_item")
            w.field("id", tax.id)
            w.field("name", tax.rate.name)
            w.field("jurisdiction", tax.rate.jurisdiction)
            w.field("code", tax.rate.code)
            w.key("rate")
            w.rawNumber(tax.rate.literal)
            displayPrice("value", tax.amount)
            w.endObject()
        }
        w.endArray()
        w.endObject()
        w.endObject()
        return w.finish()
    }

    /// `status` and `payment` of the order from its payment (SPEC §7).
    static func states(_ priced: PricedCart) -> (String, String) {
        guard let p = priced.cart.payment else { return ("incomplete", "unpaid") }
        let full = p.amount.value == priced.totals.withTax
        switch p.status {
        case .authorized: return full ? ("processing", "authorized") : ("incomplete", "partially_authorized")
        case .paid: return full ? ("complete", "paid") : ("incomplete", "partially_paid")
        }
    }

    /// One order item as rendered: its identity, prices before discount, display values after discount.
    struct Item {
        var quantity: Int64
        var productId: String
        var name: String
        var sku: String
        var unitPrice: Int64
        var value: Int64
        var includesTax: Bool
        /// with_tax, without_tax, tax, discount, without_discount: values (units are derived).
        var display: [(StaticString, Int64)]
        var taxes: [(rate: TaxRate, amount: Int64)]
    }

    /// Cart lines, then the shipping line, then one line per promotion that took something off.
    static func orderItems(_ priced: PricedCart) -> [Item] {
        var items: [Item] = []
        for line in priced.lines + (priced.shipping.map { [$0] } ?? []) {
            items.append(Item(quantity: line.quantity, productId: line.productId, name: line.name, sku: line.sku,
                              unitPrice: line.unitPrice, value: line.value, includesTax: line.includesTax,
                              display: [("with_tax", line.gross), ("without_tax", line.net), ("tax", line.tax),
                                        ("discount", -line.discount), ("without_discount", line.gross + line.discount)],
                              taxes: line.taxes))
        }
        for (promotion, total) in priced.promotions {
            items.append(Item(quantity: 1, productId: promotion.id, name: promotion.name, sku: promotion.lineSku,
                              unitPrice: -total, value: -total, includesTax: false,
                              display: [("with_tax", 0), ("without_tax", 0), ("tax", 0), ("discount", -total),
                                        ("without_discount", 0)],
                              taxes: []))
        }
        return items
    }
}
