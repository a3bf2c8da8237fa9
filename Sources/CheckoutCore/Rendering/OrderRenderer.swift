/// The order document of SPEC §7: Elastic Path's checkout response, keys in its order, ids by UUIDv5.
public enum OrderRenderer {
    public static func orderId(reference: String) -> String { UUIDv5.make("order/\(reference)") }

    /// `timestamp` is the run's `--now` in RFC 3339 (created_at and updated_at of everything in the order).
    public static func render(_ priced: PricedCart, timestamp stamp: String, orderId: String) -> [UInt8] {
        let cart = priced.cart
        let currency = cart.currency
        let reference = cart.reference
        var w = JSONWriter()

        let items = orderItems(priced)
        // Every id of the order as text in one buffer, 36 bytes each: item k (0-based) at k, its cart item at
        // items.count + k, its tax items from taxIdStart[k] on.
        var message = ByteBuffer(capacity: 96 + reference.utf8.count)
        message.append(UUIDv5.checkoutNamespace)
        let nameStart = message.count
        var taxCount = 0
        for item in items { taxCount += item.taxes.count }
        var ids = ByteBuffer(capacity: 36 * (2 * items.count + taxCount))
        func makeId(_ kind: StaticString, _ item: Int, tax: Int? = nil) {
            message.truncate(to: nameStart)
            message.append(kind)
            message.append(reference)
            message.append("/item/")
            JSONWriter.appendDecimal(Int64(item), to: &message)
            if let tax {
                message.append("/tax/")
                JSONWriter.appendDecimal(Int64(tax), to: &message)
            }
            UUIDv5.append(of: message, to: &ids)
        }
        for n in items.indices { makeId("order/", n + 1) }
        for n in items.indices { makeId("cart/", n + 1) }
        var taxIdStart: [Int] = []
        taxIdStart.reserveCapacity(items.count)
        var taxItems: [(rate: TaxRate, amount: Int64)] = []
        taxItems.reserveCapacity(taxCount)
        for (n, item) in items.enumerated() {
            taxIdStart.append(2 * items.count + taxItems.count)
            for (k, tax) in item.taxes.enumerated() {
                makeId("order/", n + 1, tax: k + 1)
                taxItems.append(tax)
            }
        }
        func idField(_ index: Int) { w.key("id"); w.verbatimString(ids, from: index * 36, count: 36) }
        func resource(_ type: StaticString, _ index: Int) {
            w.beginObject()
            w.field("type", type)
            idField(index)
            w.endObject()
        }

        func displayPrice(_ key: StaticString, _ amount: Int64) { w.displayPrice(key, amount, currency) }
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
        for n in items.indices { resource("item", n) }
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
            resource("cart_item", items.count + n)
            w.endObject()
            w.key("taxes")
            w.beginObject()
            w.key("data")
            w.beginArray()
            for k in item.taxes.indices { resource("tax_item", taxIdStart[n] + k) }
            w.endArray()
            w.endObject()
            w.endObject()
            w.endObject()
        }
        w.endArray()
        w.key("tax_items")
        w.beginArray()
        for (k, tax) in taxItems.enumerated() {
            w.beginObject()
            w.field("type", "tax_item")
            idField(2 * items.count + k)
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
