import Testing

@testable import CheckoutCore

/// SPEC §4 step 7 and §11: a promotion's dates are inclusive, a given code that breaks its dates and its conditions
/// gets both errors, and an automatic promotion applies silently when both hold — tested without its reasons being
/// worded, which must agree with the reasons given for a code.
@Suite("Promotion checks")
struct PromotionCheckTests {
    typealias T = TestCatalogue

    static let mug = T.product("mug", ["USD": Price(amount: 1000, includesTax: false)])
    static let cap = T.product("cap", ["USD": Price(amount: 3000, includesTax: false)])
    static let now = Timestamp(rfc3339: "2026-11-21T02:00:00Z")!

    static func promotion(
        _ code: String, automatic: Bool, skus: Set<String> = [], minimum: Int64? = nil,
        starts: String? = nil, ends: String? = nil, order: Int
    ) -> Promotion {
        Promotion(
            id: "id-\(code)", code: automatic ? nil : code, name: code, kind: .percentDiscount, amount: [:],
            percentHundredths: 1000, automatic: automatic, minSubtotal: minimum.map { ["USD": $0] } ?? [:],
            skus: skus, startsAt: starts.map { Timestamp(rfc3339: $0)! }, endsAt: ends.map { Timestamp(rfc3339: $0)! },
            giftSku: nil, order: order)
    }

    /// Which promotions apply to one mug and one cap, and the errors for the codes given.
    func check(_ promotions: [Promotion], codes: [String] = []) -> (applied: [String], errors: [String]) {
        let catalogue = T.catalogue(products: [Self.mug, Self.cap], promotions: promotions)
        var cart = T.cart(
            [T.line(Self.mug, quantity: 1, currency: "USD"), T.line(Self.cap, quantity: 1, currency: "USD")],
            currency: T.usd, address: T.address(country: "US"))
        cart.promotionCodes = codes.enumerated().map {
            Located($1, at: Location(source: "data.promotion_codes.\($0)", line: 1, order: $0))
        }
        var errors: [CheckoutError] = []
        let applied = PromotionCheck.check(cart, catalogue: catalogue, now: Self.now, into: &errors)
        return (applied.map(\.name), errors.map { "\($0.code.rawValue): \($0.detail)" })
    }

    @Test("dates are inclusive to the second, for automatic promotions and for codes alike")
    func inclusiveDates() {
        let found = check([
            Self.promotion("STARTS-NOW", automatic: true, starts: "2026-11-21T02:00:00Z", order: 0),
            Self.promotion("ENDS-NOW", automatic: true, ends: "2026-11-21T02:00:00Z", order: 1),
            Self.promotion("STARTS-LATER", automatic: true, starts: "2026-11-21T02:00:01Z", order: 2),
            Self.promotion("ENDED", automatic: true, ends: "2026-11-21T01:59:59Z", order: 3),
        ])
        #expect(found.applied == ["STARTS-NOW", "ENDS-NOW"])
        #expect(found.errors.isEmpty, "an automatic promotion that does not apply is silent")

        let given = check(
            [
                Self.promotion("LATER", automatic: false, starts: "2026-11-21T02:00:01Z", order: 0),
                Self.promotion("ENDED", automatic: false, ends: "2026-11-21T01:59:59Z", order: 1),
                Self.promotion("NOW", automatic: false, starts: "2026-11-21T02:00:00Z", order: 2),
            ], codes: ["LATER", "ENDED", "NOW"])
        #expect(given.applied == ["NOW"])
        #expect(
            given.errors == [
                "promotion_expired: LATER starts at 2026-11-21T02:00:01Z",
                "promotion_expired: ENDED ended at 2026-11-21T01:59:59Z",
            ])
    }

    @Test("conditions: eligible skus and a minimum subtotal of the eligible lines")
    func conditions() {
        let found = check([
            Self.promotion("MUGS", automatic: true, skus: ["mug"], order: 0),
            Self.promotion("HATS", automatic: true, skus: ["hat"], order: 1),
            Self.promotion("MUGS-OVER-10", automatic: true, skus: ["mug"], minimum: 1000, order: 2),
            Self.promotion("MUGS-OVER-20", automatic: true, skus: ["mug"], minimum: 2000, order: 3),
            Self.promotion("ALL-OVER-40", automatic: true, minimum: 4000, order: 4),
        ])
        #expect(found.applied == ["MUGS", "MUGS-OVER-10", "ALL-OVER-40"])
        #expect(found.errors.isEmpty)

        let given = check(
            [
                Self.promotion("HATS", automatic: false, skus: ["hat"], order: 0),
                Self.promotion("MUGS-OVER-20", automatic: false, skus: ["mug"], minimum: 2000, order: 1),
                Self.promotion("BOTH", automatic: false, skus: ["hat"], ends: "2026-01-01T00:00:00Z", order: 2),
            ], codes: ["HATS", "MUGS-OVER-20", "BOTH"])
        #expect(given.applied.isEmpty)
        #expect(
            given.errors == [
                "promotion_not_applicable: HATS does not apply to any item in the cart",
                "promotion_not_applicable: MUGS-OVER-20 needs a subtotal of at least $20.00",
                "promotion_expired: BOTH ended at 2026-01-01T00:00:00Z",
                "promotion_not_applicable: BOTH does not apply to any item in the cart",
            ])
    }
}
