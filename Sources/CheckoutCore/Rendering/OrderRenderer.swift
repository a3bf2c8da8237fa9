/// The order document of SPEC §7: Elastic Path's checkout response, keys in its order. Layout only: every figure,
/// state and id comes from the `Order`.
///
/// The layout is written out as byte templates (issue 18): each run of constant lines, indentation included, is
/// one literal, and only the values between them are written per order. The layout is the one `JSONWriter` gives
/// every other document (2-space indentation, `"key": value`, empty containers as `{}` and `[]`); the golden files
/// hold it to that byte for byte.
enum OrderRenderer {
    static func render(_ order: Order) -> [UInt8] { render(order) { Array($0) } }

    /// The document lent to `use`: written straight to a file, an order's ~18 KB are never copied.
    static func render<R>(_ order: Order, _ use: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        var out = OrderText(ids: order.ids, currency: order.currency, timestamp: order.timestamp)
        data(order, &out)
        included(order, &out)
        return out.finish(use)
    }

    /// `data`: the order itself.
    private static func data(_ order: Order, _ out: inout OrderText) {
        out.text("{\n  \"data\": {\n    \"type\": \"order\",\n    \"id\": ", order.id)
        out.text(",\n    \"status\": ", order.status)
        out.text(",\n    \"payment\": ", order.payment)
        out.text(
            ",\n    \"shipping\": \"unfulfilled\",\n    \"anonymized\": false,\n    \"external_ref\": ",
            order.externalRef)
        out.text(",\n    \"customer\": {\n      \"name\": ", order.customer.name)
        out.text(",\n      \"email\": ", order.customer.email)
        out.put("\n    },\n    \"shipping_address\": {")
        address(order.shippingAddress, AddressDraft.shipping, &out)
        out.put("\n    },\n    \"billing_address\": {")
        address(order.billingAddress, AddressDraft.billing, &out)
        out.put("\n    },\n    \"links\": {},\n    \"meta\": {\n      \"display_price\": {")
        let t = order.totals
        out.displayPrice("\n        \"with_tax\": {\n          \"amount\": ", t.withTax, indent: .ten)
        out.displayPrice(",\n        \"without_tax\": {\n          \"amount\": ", t.withoutTax, indent: .ten)
        out.displayPrice(",\n        \"tax\": {\n          \"amount\": ", t.tax, indent: .ten)
        out.displayPrice(",\n        \"discount\": {\n          \"amount\": ", t.discount, indent: .ten)
        out.displayPrice(",\n        \"without_discount\": {\n          \"amount\": ", t.withoutDiscount, indent: .ten)
        out.displayPrice(",\n        \"shipping\": {\n          \"amount\": ", t.shipping, indent: .ten)
        out.displayPrice(",\n        \"balance_owing\": {\n          \"amount\": ", t.balanceOwing, indent: .ten)
        out.displayPrice(",\n        \"authorized\": {\n          \"amount\": ", t.authorized, indent: .ten)
        out.displayPrice(",\n        \"paid\": {\n          \"amount\": ", t.paid, indent: .ten)
        out.put("\n      },\n      \"timestamps\": {\n        \"created_at\": ")
        out.timestamp()
        out.put(",\n        \"updated_at\": ")
        out.timestamp()
        out.put("\n      }\n    },\n    \"relationships\": {\n      \"items\": {\n        \"data\": [")
        for n in order.items.indices {
            out.put(n == 0 ? "\n          {\n" : ",\n          {\n")
            out.put("            \"type\": \"item\",\n            \"id\": ")
            out.id(order.ids.item(n))
            out.put("\n          }")
        }
        out.put(order.items.isEmpty ? "]\n      }" : "\n        ]\n      }")
        if let id = order.customer.id {
            out.put(
                ",\n      \"customer\": {\n        \"data\": {\n          \"type\": \"customer\",\n          \"id\": ")
            out.text(id)
            out.put("\n        }\n      }")
        }
        out.put("\n    }\n  },")
    }

    /// The members of an address object, each field as a string (`""` when absent).
    private static func address(_ a: Address, _ fields: [AddressField], _ out: inout OrderText) {
        for (n, field) in fields.enumerated() {
            out.put(n == 0 ? "\n      \"" : ",\n      \"")
            out.put(field.literalName)  // a field name: nothing to escape
            out.text("\": ", a[field])
        }
    }

    /// `included`: the order items and their tax items.
    private static func included(_ order: Order, _ out: inout OrderText) {
        out.put("\n  \"included\": {\n    \"items\": [")
        for n in order.items.indices {
            out.put(n == 0 ? "\n" : ",\n")
            item(order, n, &out)
        }
        out.put(order.items.isEmpty ? "],\n    \"tax_items\": [" : "\n    ],\n    \"tax_items\": [")
        var first = true
        // Items and taxes are read where they stand: binding each copied it, retaining all its Strings (issue 18).
        for n in order.items.indices {
            for k in order.items[n].taxes.indices {
                out.put(first ? "\n      {\n" : ",\n      {\n")
                first = false
                out.put("        \"type\": \"tax_item\",\n        \"id\": ")
                out.id(order.ids.tax(n, k))
                out.put(run: order.items[n].taxes[k].rate.taxItemRun)  // name, jurisdiction, code and rate
                out.displayPrice(
                    ",\n        \"value\": {\n          \"amount\": ", order.items[n].taxes[k].amount, indent: .ten)
                out.put("\n      }")
            }
        }
        out.put(first ? "]\n  }\n}" : "\n    ]\n  }\n}")
    }

    /// One `order_item` (SPEC §7), from its opening brace to its closing one.
    private static func item(_ order: Order, _ n: Int, _ out: inout OrderText) {
        // Fields read where the item stands: binding it copied it, retaining all its Strings (issue 18).
        out.put("      {\n        \"type\": \"order_item\",\n        \"id\": ")
        out.id(order.ids.item(n))
        out.put(",\n        \"quantity\": ")
        out.number(order.items[n].quantity)
        if let run = order.items[n].orderItemRun {
            out.put(run: run)
        } else {
            out.itemNaming(productId: order.items[n].productId, name: order.items[n].name, sku: order.items[n].sku)
        }
        out.itemPrice(
            ",\n        \"unit_price\": {\n          \"amount\": ", order.items[n].unitPrice,
            includesTax: order.items[n].includesTax)
        out.itemPrice(
            ",\n        \"value\": {\n          \"amount\": ", order.items[n].value,
            includesTax: order.items[n].includesTax)
        out.put(",\n        \"links\": {},\n        \"meta\": {\n          \"display_price\": {")
        let quantity = order.items[n].quantity
        displayFigure("\n            \"with_tax\": {", order.items[n].display.withTax, quantity, &out)
        displayFigure(",\n            \"without_tax\": {", order.items[n].display.withoutTax, quantity, &out)
        displayFigure(",\n            \"tax\": {", order.items[n].display.tax, quantity, &out)
        displayFigure(",\n            \"discount\": {", order.items[n].display.discount, quantity, &out)
        displayFigure(
            ",\n            \"without_discount\": {", order.items[n].display.withoutDiscount, quantity, &out)
        out.put("\n          },\n")
        out.put("          \"timestamps\": {\n            \"created_at\": ")
        out.timestamp()
        out.put(",\n            \"updated_at\": ")
        out.timestamp()
        out.put("\n          }\n        },\n        \"relationships\": {\n          \"cart_item\": {\n")
        out.put("            \"data\": {\n              \"type\": \"cart_item\",\n              \"id\": ")
        out.id(order.ids.cartItem(n))
        out.put("\n            }\n          },\n          \"taxes\": {\n            \"data\": [")
        for k in order.items[n].taxes.indices {
            out.put(k == 0 ? "\n              {\n" : ",\n              {\n")
            out.put("                \"type\": \"tax_item\",\n                \"id\": ")
            out.id(order.ids.tax(n, k))
            out.put("\n              }")
        }
        out.put(
            order.items[n].taxes.isEmpty
                ? "]\n          }\n        }\n      }" : "\n            ]\n          }\n        }\n      }")
    }

    /// One figure of an item's `display_price` after `head` (its key): its unit and its value, written once and
    /// copied when they are the same (a quantity of 1, a zero).
    private static func displayFigure(_ head: StaticString, _ value: Int64, _ quantity: Int64, _ out: inout OrderText) {
        out.put(head)
        let unit = Rounding.unit(value, quantity: quantity)
        if unit == value {
            out.displayPriceTwice(
                "\n              \"unit\": {\n                \"amount\": ",
                ",\n              \"value\": {\n                \"amount\": ", value, indent: .sixteen)
        } else {
            out.displayPrice("\n              \"unit\": {\n                \"amount\": ", unit, indent: .sixteen)
            out.displayPrice(",\n              \"value\": {\n                \"amount\": ", value, indent: .sixteen)
        }
        out.put("\n            }")
    }
}
