import Testing

@testable import CheckoutCore

/// The order document is written from byte templates (issue 18); these hold it to the layout `JSONWriter` gives
/// every other document, on the orders the golden files do not reach: escaped currencies and text, extreme amounts,
/// lines without taxes or with only zero display figures, orders without lines or without a customer id.
@Suite("Order document templates")
struct OrderRendererTests {
    static let quoted = Currency(
        code: "Q\"", format: "\"{price}\"", decimalPoint: ".", thousandSeparator: "\t",
        decimalPlaces: 3, isDefault: false, enabled: true)
    static let euro = Currency(
        code: "EUR", format: "{price} €", decimalPoint: ",", thousandSeparator: ".",
        decimalPlaces: 2, isDefault: false, enabled: true)

    static func order(_ currency: Currency, items: [OrderItem], customerId: String?) -> Order {
        let address = Address(fields: ["first_name": "Ann \"Q\"", "line_1": "1 Rue\tX", "country": "FR"])
        var text: [UInt8] = []
        var taxStart: [Int] = []
        var next = items.count * 2
        for (n, item) in items.enumerated() {
            taxStart.append(next)
            next += item.taxes.count
            _ = n
        }
        for k in 0..<next { text += Array(String(format: "%08d-0000-5000-8000-000000000000", k).utf8) }
        let totals = Totals(
            withTax: Int64.min, withoutTax: Int64.max, tax: -1, discount: 0, withoutDiscount: 123_456_789,
            shipping: 5, authorized: 0, paid: 0, balanceOwing: -123_456_789)
        return Order(
            id: "order-id", reference: "ref", externalRef: "ext\\ref", status: "incomplete", payment: "unpaid",
            currency: currency, customer: OrderCustomer(name: "Nö\u{01}", email: "a@b.c", id: customerId),
            shippingAddress: address, billingAddress: address, totals: totals, items: items,
            timestamp: "2026-11-21T02:00:00Z", ids: OrderIds(text: text, items: items.count, taxStart: taxStart))
    }

    static let rate = TaxRate(
        code: "std", jurisdiction: "FR", name: "TVA \"normale\"", millionths: 200_000, literal: "0.20")
    static let taxed = OrderItem(
        quantity: 3, productId: "p-1", name: "Crew\nT", sku: "sku-1", unitPrice: 1000, value: 3000,
        includesTax: true,
        display: DisplayFigures(withTax: 3600, withoutTax: Int64.min, tax: 7, discount: -1, withoutDiscount: Int64.max),
        taxes: [LineTax(rate: rate, amount: 600), LineTax(rate: rate, amount: -1)])
    static let bare = OrderItem(
        quantity: 1, productId: "", name: "Shipping", sku: "ship", unitPrice: 0, value: 0, includesTax: false,
        display: DisplayFigures(withTax: 0, withoutTax: 0, tax: 0, discount: 0, withoutDiscount: 0), taxes: [])

    /// What `JSONWriter` writes for the same tree: the layout of every other document.
    static func rewritten(_ node: DocNode) -> String {
        func write(_ node: DocNode, _ w: inout JSONWriter) {
            switch node.value {
            case .null: w.rawNumber("null")
            case .bool(let b): w.bool(b)
            case .number(let n): w.rawNumber(n)
            case .string(let s), .text(let s): w.string(s)
            case .array(let elements):
                w.beginArray()
                for e in elements { write(e, &w) }
                w.endArray()
            case .object(let members):
                w.beginObject()
                for m in members {
                    w.key(text: m.key)
                    write(m.node, &w)
                }
                w.endObject()
            }
        }
        var w = JSONWriter()
        write(node, &w)
        return String(decoding: w.finish(), as: UTF8.self)
    }

    @Test(arguments: [
        (quoted, [taxed, bare], "c-1" as String?), (euro, [bare, taxed, taxed], nil), (euro, [], "c-2"),
        (quoted, [bare], nil),
    ])
    func theTemplateWritesTheWritersLayout(currency: Currency, items: [OrderItem], customerId: String?) throws {
        let text = String(
            decoding: OrderRenderer.render(Self.order(currency, items: items, customerId: customerId)), as: UTF8.self)
        let tree = try JSONParser.parse(text)
        #expect(Self.rewritten(tree) == text)
        #expect((tree["data"]?["relationships"]?["customer"] != nil) == (customerId != nil))
    }

    /// A catalogue product's item writes its naming members from the run made once for the product
    /// (`Catalogue.orderItemRuns`): the same bytes as writing them for the item.
    @Test func anItemsRunWritesWhatItsFieldsWould() {
        var withRun = Self.taxed
        withRun.orderItemRun = OrderRuns.item(productId: "p-1", name: "Crew\nT", sku: "sku-1")
        let order = Self.order(Self.euro, items: [Self.taxed, Self.bare], customerId: "c")
        let orderWithRun = Self.order(Self.euro, items: [withRun, Self.bare], customerId: "c")
        let text = String(decoding: OrderRenderer.render(orderWithRun), as: UTF8.self)
        #expect(text == String(decoding: OrderRenderer.render(order), as: UTF8.self))
        #expect(text.contains("\"product_id\": \"p-1\",\n        \"name\": \"Crew\\nT\",\n        \"sku\": \"sku-1\","))
    }

    @Test func valuesAreEscapedAndAmountsWrittenWhole() throws {
        let text = String(
            decoding: OrderRenderer.render(Self.order(Self.quoted, items: [Self.taxed], customerId: nil)),
            as: UTF8.self)
        #expect(text.contains(#""currency": "Q\"","#))
        #expect(text.contains(#""formatted": "-\"9\t223\t372\t036\t854\t775.808\"""#))
        #expect(text.contains(#""amount": -9223372036854775808,"#))
        #expect(text.contains(#""name": "Nö\u0001","#))
        #expect(text.contains(#""name": "TVA \"normale\"","#))
        #expect(text.contains(#""rate": 0.20,"#))
        #expect(text.contains(#""first_name": "Ann \"Q\"","#))
        #expect(text.contains(#""phone_number": "","#))
        #expect(text.hasSuffix("}\n}\n"))
        let euro = String(
            decoding: OrderRenderer.render(Self.order(Self.euro, items: [Self.taxed], customerId: nil)),
            as: UTF8.self)
        #expect(euro.contains(#""formatted": "1.234.567,89 €""#))
        #expect(euro.contains(#""formatted": "-1.234.567,89 €""#))
    }
}
