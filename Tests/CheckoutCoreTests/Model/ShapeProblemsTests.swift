import Testing

@testable import CheckoutCore

@Suite("ShapeProblems")
struct ShapeProblemsTests {
    static func typeError(at source: String) -> CheckoutError {
        .typeMismatch(expected: "object", given: "string", at: Location(source: source, line: 1, order: 0))
    }

    @Test("a wrong type covers its field and the fields inside it, and nothing beside it")
    func coverage() {
        var shape = ShapeProblems()
        #expect(!shape.covers("data.payment.status"))
        shape.record(Self.typeError(at: "data.payment"))
        shape.record(Self.typeError(at: "data.items.2"))
        #expect(shape.covers("data.payment"))
        #expect(shape.covers("data.payment.status"))
        #expect(!shape.covers("data.pay"))
        #expect(!shape.covers("data.payments"))  // a sibling whose name starts alike
        #expect(!shape.covers("data"))
        #expect(shape.covers("data.items.2.quantity"))
        #expect(!shape.covers("data.items.20.quantity"))
        #expect(!shape.covers("data.items"))
        #expect(shape.errors.count == 2)
    }

    @Test("a cart that is not an object covers every field of the cart")
    func wholeCart() {
        var shape = ShapeProblems()
        shape.record(Self.typeError(at: "data"))
        #expect(shape.covers("data.reference"))
        #expect(shape.covers("data.billing_address.line_1"))
    }
}
