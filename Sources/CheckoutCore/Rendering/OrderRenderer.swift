/// The order document of SPEC §7: Elastic Path's checkout response, keys in its order. Layout only: every figure,
/// state and id comes from the `Order`.
enum OrderRenderer {
    static func render(_ order: Order) -> [UInt8] { render(order) { Array($0) } }

    /// The document lent to `use`: written straight to a file, an order's ~18 KB are never copied (issue 18).
    static func render<R>(_ order: Order, _ use: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        var layout = OrderLayout(order: order)
        layout.w.beginObject()
        layout.data()
        layout.included()  // closes the document too
        return layout.w.finish(use)
    }
}

/// The writer and the order being laid out, with the pieces the document repeats.
private struct OrderLayout: ~Copyable {
    var w = JSONWriter()
    let order: Order
    var currency: Currency { order.currency }

    init(order: Order) { self.order = order }

    mutating func idField(_ index: Int) {
        w.key("id")
        w.verbatimString(order.ids.text, from: index * 36, count: 36)
    }

    mutating func resource(_ type: StaticString, _ index: Int) {
        w.beginObject()
        w.field("type", type)
        idField(index)
        w.endObject()
    }

    mutating func displayPrice(_ key: StaticString, _ amount: Int64) {
        DisplayPrice.write(key, amount, order.currency, to: &w)
    }

    mutating func address(_ key: StaticString, _ a: Address, fields: [String]) {
        w.key(key)
        w.beginObject()
        for f in fields { w.field(text: f, a[f]) }
        w.endObject()
    }

    mutating func timestamps() {
        w.key("timestamps")
        w.beginObject()
        w.field("created_at", order.timestamp)
        w.field("updated_at", order.timestamp)
        w.endObject()
    }

    /// `data`: the order itself.
    mutating func data() {
        let items = order.items
        let t = order.totals
        w.key("data")
        w.beginObject()
        w.field("type", "order")
        w.field("id", order.id)
        w.field("status", order.status)
        w.field("payment", order.payment)
        w.field("shipping", "unfulfilled")
        w.field("anonymized", false)
        w.field("external_ref", order.externalRef)
        w.key("customer")
        w.beginObject()
        w.field("name", order.customer.name)
        w.field("email", order.customer.email)
        w.endObject()
        address("shipping_address", order.shippingAddress, fields: AddressDraft.shippingFields)
        address("billing_address", order.billingAddress, fields: AddressDraft.billingFields)
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
        for n in items.indices { resource("item", n) }
        w.endArray()
        w.endObject()
        if let id = order.customer.id {
            w.key("customer")
            w.beginObject()
            w.key("data")
            w.resource(type: "customer", id: id)
            w.endObject()
        }
        w.endObject()
        w.endObject()
    }

    /// `included`: the order items and their tax items.
    mutating func included() {
        let items = order.items
        w.key("included")
        w.beginObject()
        w.key("items")
        w.beginArray()
        for n in items.indices { item(n) }
        w.endArray()
        w.key("tax_items")
        w.beginArray()
        for (n, item) in items.enumerated() {
            for (k, tax) in item.taxes.enumerated() {
                w.beginObject()
                w.field("type", "tax_item")
                idField(order.ids.tax(n, k))
                w.field("name", tax.rate.name)
                w.field("jurisdiction", tax.rate.jurisdiction)
                w.field("code", tax.rate.code)
                w.key("rate")
                w.rawNumber(tax.rate.literal)
                displayPrice("value", tax.amount)
                w.endObject()
            }
        }
        w.endArray()
        w.endObject()
        w.endObject()
    }

    /// One `order_item` (SPEC §7).
    mutating func item(_ n: Int) {
        let item = order.items[n]
        let ids = order.ids
        w.beginObject()
        w.field("type", "order_item")
        idField(n)
        w.field("quantity", item.quantity)
        w.field("product_id", item.productId)
        w.field("name", item.name)
        w.field("sku", item.sku)
        func price(_ key: StaticString, _ amount: Int64) {
            w.key(key)
            w.beginObject()
            w.field("amount", amount)
            w.field("currency", currency.code)
            w.field("includes_tax", item.includesTax)
            w.endObject()
        }
        price("unit_price", item.unitPrice)
        price("value", item.value)
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
        resource("cart_item", ids.cartItem(n))
        w.endObject()
        w.key("taxes")
        w.beginObject()
        w.key("data")
        w.beginArray()
        for k in item.taxes.indices { resource("tax_item", ids.tax(n, k)) }
        w.endArray()
        w.endObject()
        w.endObject()
        w.endObject()
    }
}
