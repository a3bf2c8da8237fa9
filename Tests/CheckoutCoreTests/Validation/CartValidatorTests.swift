import Testing

@testable import CheckoutCore

/// SPEC §4 and §11 on carts written as JSON text: which errors, in which order, pointing where.
@Suite("Cart checks")
struct CartValidatorTests {
    typealias T = TestCatalogue

    static let shirt = T.product("t-shirt", ["USD": Price(amount: 2000, includesTax: false)])
    static let draftLamp = T.product("lamp", ["USD": Price(amount: 8900, includesTax: false)], status: "draft")
    static let euroOnly = T.product("poster", ["EUR": Price(amount: 1500, includesTax: false)])
    static let shipping = ShippingMethod(
        id: "standard", name: "Standard", price: ["USD": 1000], countries: ["US", "CA"],
        freeOver: [:], taxCode: nil, includesTax: false)
    static let catalogue: Catalogue = {
        var c = T.catalogue(
            products: [shirt, draftLamp, euroOnly],
            promotions: [
                T.promotion("5OFF", .fixedDiscount, order: 0, amount: ["USD": 500], minSubtotal: ["USD": 5000])
            ],
            shipping: [shipping])
        c.settings = Settings(cartTTLDays: 7, maxItems: 2, maxQuantity: 10)
        return c
    }()
    static let now = Timestamp(rfc3339: "2026-11-21T02:00:00Z")!

    let address =
        #""billing_address": {"first_name": "A", "last_name": "B", "line_1": "1 Road", "city": "Anaheim", "region": "CA", "postcode": "92802", "country": "US"}"#
    let customer = #""customer": {"name": "N", "email": "n@example.com"}"#

    func evaluate(_ json: String) -> CartEvaluation {
        guard let node = try? JSONParser.parse(json) else {
            Issue.record("the test's JSON does not parse: \(json)")
            return .rejected(CartRejection(beforeConflict: [], afterConflict: [], inValidation: true))
        }
        let draft = CartDecoder.decode(node)
        return CartPipeline.evaluate(draft, validator: CartValidator(catalogue: Self.catalogue, now: Self.now))
    }

    func errors(_ json: String) -> [CheckoutError] {
        guard case .rejected(let r) = evaluate(json) else { return [] }
        return r.errors
    }

    func codes(_ json: String) -> [String] { errors(json).map { "\($0.code.rawValue)@\($0.source ?? "-")" } }

    @Test func aValidCartIsPriced() {
        guard
            case .priced(let p) = evaluate(
                #"{"reference": "r-1", \#(customer), \#(address), "items": [{"sku": "t-shirt", "quantity": 2}], "shipping_method": "standard"}"#
            )
        else {
            Issue.record("expected a priced cart")
            return
        }
        #expect(p.totals.withTax == 5000)
    }

    @Test("validation collects every error, listed by step")
    func everyErrorByStep() {
        let json = """
            {"reference": "bad/ref", "currency": "USD", "updated_at": "yesterday",
             "customer": {"name": "N", "email": "not-an-email"},
             "billing_address": {"first_name": "A", "last_name": "  ", "country": "XX"},
             "items": [{"sku": "nope", "quantity": 1}, {"sku": "lamp", "quantity": 1}, {"sku": "t-shirt", "quantity": 1.5},
                       {"product_id": "id-poster", "quantity": 1}, {"sku": "t-shirt", "quantity": "2"}]}
            """
        // Step 1 (the shape of fields steps 2–6 use), 2, 3, 4, 6, then the date's shape under step 9 (SPEC §11).
        // Within a step, document order: the missing line_1 takes its address's place, before last_name; product
        // errors point at the field that named the product.
        #expect(
            codes(json) == [
                "type@data.items.4.quantity",
                "format@data.reference",
                "format@data.customer.email",
                "required@data.billing_address.line_1", "required@data.billing_address.last_name",
                "format@data.billing_address.country",
                "product_not_found@data.items.0.sku", "product_not_available@data.items.1.sku",
                "invalid_quantity@data.items.2.quantity", "missing_price@data.items.3.product_id",
                "format@data.updated_at",
            ])
    }

    @Test("a field of the wrong type gets one type error and nothing more; null is absent")
    func typeErrorsStandAlone() {
        #expect(
            codes(#"{"reference": 7, \#(customer), "billing_address": "home", "items": {"sku": "t-shirt"}}"#) == [
                "type@data.reference", "type@data.billing_address", "type@data.items",
            ])
        #expect(
            codes(
                #"{"reference": null, "customer": null, \#(address), "items": [{"sku": "t-shirt", "quantity": 1}], "shipping_method": "standard"}"#
            ) == [
                "required@data.reference", "required@data.customer",
            ])
    }

    @Test("quantities: 2.0 is 2, 1.5 and -1 are invalid, 0 drops, all zero is empty")
    func quantities() {
        guard
            case .priced(let p) = evaluate(
                #"{"reference": "r", \#(customer), \#(address), "items": [{"sku": "t-shirt", "quantity": 2.0}, {"sku": "t-shirt", "quantity": 0}, {"sku": "t-shirt", "quantity": 1}], "shipping_method": "standard"}"#
            )
        else {
            Issue.record("expected a priced cart")
            return
        }
        #expect(p.lines.count == 1)
        #expect(p.lines[0].quantity == 3)
        #expect(
            codes(#"{"reference": "r", \#(customer), \#(address), "items": [{"sku": "t-shirt", "quantity": -1}]}"#) == [
                "invalid_quantity@data.items.0.quantity"
            ])
        #expect(
            codes(#"{"reference": "r", \#(customer), \#(address), "items": [{"sku": "t-shirt", "quantity": 0}]}"#) == [
                "cart_empty@data.items"
            ])
        #expect(codes(#"{"reference": "r", \#(customer), \#(address)}"#) == ["cart_empty@data.items"])
        #expect(
            codes(
                #"{"reference": "r", \#(customer), \#(address), "items": [{"sku": "t-shirt", "quantity": 99999999999999999999999}]}"#
            ) == ["invalid_quantity@data.items.0.quantity"])
    }

    @Test("merged lines are checked against the limits")
    func limits() {
        // max_quantity is 10 here: 6 + 6 of one sku merge to 12.
        let merged = errors(
            #"{"reference": "r", \#(customer), \#(address), "items": [{"sku": "t-shirt", "quantity": 6}, {"sku": "t-shirt", "quantity": 6}]}"#
        )
        #expect(merged.map(\.code) == [.invalidQuantity])
        #expect(merged.first?.meta.last?.1 == .int(12))
        // A long cart (past 16 items, where lines are found by hashing): 17 of one sku merge into one line of 17.
        let many = Array(repeating: #"{"sku": "t-shirt", "quantity": 1}"#, count: 17).joined(separator: ", ")
        let long = errors(#"{"reference": "r", \#(customer), \#(address), "items": [\#(many)]}"#)
        #expect(long.map(\.code) == [.invalidQuantity])
        #expect(long.first?.meta.last?.1 == .int(17))
        // max_items is 2: three distinct lines (custom items never merge).
        let custom = #"{"type": "custom_item", "name": "X", "quantity": 1, "price": {"amount": 100}}"#
        #expect(
            codes(
                #"{"reference": "r", \#(customer), \#(address), "items": [{"sku": "t-shirt", "quantity": 1}, \#(custom), \#(custom)]}"#
            ) == ["too_many_items@data.items"])
    }

    @Test(
        "references that could escape the outbox are format errors",
        arguments: ["../etc", "a/b", "a\u{0}b", ".hidden", "", String(repeating: "x", count: 65)])
    func hostileReferences(reference: String) {
        var w = JSONWriter()
        w.string(reference)
        let quoted = w.text
        #expect(
            codes(
                #"{"reference": \#(quoted), \#(customer), \#(address), "items": [{"sku": "t-shirt", "quantity": 1}], "shipping_method": "standard"}"#
            ) == ["format@data.reference"])
    }

    @Test(
        "emails",
        arguments: [
            ("a@b.co", true), ("a.b+c@example.co.uk", true), ("a@b", false), ("a b@c.de", false),
            ("@b.co", false), ("a@@b.co", false), ("a@b..co", false), ("a@.co", false),
        ])
    func email(address: String, valid: Bool) {
        #expect(CustomerCheck.isEmail(address) == valid)
    }

    @Test("text fields are trimmed, limited to 255 characters, and free of control characters")
    func textRules() {
        let long = String(repeating: "é", count: 256)
        let json =
            #"{"reference": "r", "customer": {"name": "N\u0007", "email": "n@example.com"}, "billing_address": {"first_name": "  Ann  ", "last_name": "\#(long)", "line_1": "1 Road", "city": "Anaheim", "region": "CA", "postcode": "92802", "country": " us "}, "items": [{"sku": "t-shirt", "quantity": 1}], "shipping_method": "standard"}"#
        #expect(codes(json) == ["format@data.customer.name", "too_long@data.billing_address.last_name"])
        let ok =
            #"{"reference": "r", \#(customer), "billing_address": {"first_name": "\u2003Ann ", "last_name": "\#(String(repeating: "é", count: 255))", "line_1": "1 Road", "city": "Anaheim", "region": "california", "postcode": " 92802-1234 ", "country": " us "}, "items": [{"sku": "t-shirt", "quantity": 1}], "shipping_method": "standard"}"#
        guard case .priced(let p) = evaluate(ok) else {
            Issue.record("expected a priced cart")
            return
        }
        #expect(p.cart.billingAddress["first_name"] == "Ann")
        #expect(p.cart.billingAddress.country == "US")
        #expect(p.cart.billingAddress.region == "CA")
        #expect(p.cart.billingAddress["postcode"] == "92802-1234")
    }

    @Test("promotions, shipping and expiry are collected together after validation")
    func businessChecks() {
        let json =
            #"{"reference": "r", \#(customer), \#(address), "updated_at": "2026-11-13T01:59:59Z", "items": [{"sku": "t-shirt", "quantity": 1}], "promotion_codes": ["NOPE", "5OFF", "5OFF"], "shipping_method": "express"}"#
        #expect(
            codes(json) == [
                "promotion_not_found@data.promotion_codes.0", "promotion_not_applicable@data.promotion_codes.1",
                "shipping_method_not_found@data.shipping_method", "cart_expired@data.updated_at",
            ])
        let detail = errors(json)[1].detail
        #expect(detail == "5OFF needs a subtotal of at least $50.00")
        // 8 days and 1 second before the clock is expired (above); exactly 7 days before is not.
        let fresh =
            #"{"reference": "r", \#(customer), \#(address), "updated_at": "2026-11-14T02:00:00Z", "items": [{"sku": "t-shirt", "quantity": 1}], "shipping_method": "standard"}"#
        #expect(codes(fresh) == [])
        // A shippable cart without a method.
        #expect(
            codes(#"{"reference": "r", \#(customer), \#(address), "items": [{"sku": "t-shirt", "quantity": 1}]}"#) == [
                "shipping_method_required@data.shipping_method"
            ])
    }

    @Test("payment: currency and amount are checked against the total")
    func payment() {
        let base =
            #"{"reference": "r", \#(customer), \#(address), "items": [{"sku": "t-shirt", "quantity": 1}], "shipping_method": "standard", "payment": "#
        // Two broken rules, two errors, in the order the fields were written.
        #expect(
            codes(base + #"{"status": "paid", "amount": 3001, "currency": "EUR"}}"#) == [
                "payment_exceeds_total@data.payment.amount", "payment_currency_mismatch@data.payment.currency",
            ])
        #expect(
            codes(base + #"{"currency": "EUR", "status": "paid", "amount": 3001}}"#) == [
                "payment_currency_mismatch@data.payment.currency", "payment_exceeds_total@data.payment.amount",
            ])
        #expect(
            codes(base + #"{"status": "refunded", "amount": -5}}"#) == [
                "enum@data.payment.status", "type@data.payment.amount",
            ])
        guard case .priced(let p) = evaluate(base + #"{"status": "authorized", "amount": 3000}}"#) else {
            Issue.record("expected a priced cart")
            return
        }
        #expect(OrderMaker.states(p) == ("processing", "authorized"))
    }

    @Test("amounts too large for Int64 are errors, not crashes")
    func absurdNumbers() {
        let custom = #"{"type": "custom_item", "name": "X", "quantity": 1, "price": {"amount": 92233720368547758070}}"#
        #expect(
            codes(
                #"{"reference": "r", \#(customer), \#(address), "items": [\#(custom)], "shipping_method": "standard"}"#)
                == ["amount_overflow@data.items.0.price.amount"])
        let huge = #"{"type": "custom_item", "name": "X", "quantity": 3, "price": {"amount": 4611686018427387904}}"#
        #expect(
            codes(#"{"reference": "r", \#(customer), \#(address), "items": [\#(huge)], "shipping_method": "standard"}"#)
                == ["amount_overflow@data.items.0"])
    }
}
