import Testing

@testable import CheckoutCore

/// SPEC §5 with worked numbers: every expected figure below is computed by hand in the comment beside it.
@Suite("Pricing: discounts, tax, shipping, totals")
struct PriceCalculatorTests {
    typealias T = TestCatalogue

    let standardShipping = ShippingMethod(
        id: "standard", name: "Standard Shipping", price: ["USD": 1000, "JPY": 1000, "KWD": 2000],
        countries: [], freeOver: ["USD": 10_000], taxCode: nil, includesTax: false)

    /// Sums the order items' with_tax the way a reader of the order would (SPEC §5.7 invariant).
    func checkInvariant(_ p: PricedCart) {
        let lines = p.lines.map(\.gross).reduce(0, +) + (p.shipping?.gross ?? 0)
        #expect(p.totals.withTax == lines)
        #expect(p.totals.withTax == p.totals.withoutTax + p.totals.tax)
        #expect(p.totals.withoutDiscount == p.totals.withTax - p.totals.discount)
    }

    @Test("SPEC's Elastic Path example: a 47500 tax-inclusive Deck Shoe with 5OFF")
    func elasticPathExample() throws {
        let shoe = T.product("deck-shoe-001", ["USD": Price(amount: 47_500, includesTax: true)])
        let fiveOff = T.promotion("5OFF", .fixedDiscount, order: 0, amount: ["USD": 500])
        let catalogue = T.catalogue(
            products: [shoe], taxes: [T.rate("standard", "US-CA", "0.0725")], promotions: [fiveOff],
            shipping: [standardShipping])
        let cart = T.cart(
            [T.line(shoe, quantity: 1, currency: "USD"), T.custom("Engraving", amount: 1500, includesTax: false)],
            currency: T.usd, address: T.address(country: "US", region: "CA"))
        let p = try PriceCalculator.price(cart, promotions: [fiveOff], shipping: standardShipping, catalogue: catalogue)

        // Shoe: 47500 − 500 = 47000 gross; net = round(47000 / 1.0725) = round(43822.84) = 43823; tax 3177.
        #expect(p.lines[0].discount == 500)
        #expect((p.lines[0].net, p.lines[0].tax, p.lines[0].gross) == (43_823, 3177, 47_000))
        // Engraving (custom, tax-exclusive, `standard`): 1500 × 7.25% = 108.75 → 109; gross 1609.
        #expect((p.lines[1].net, p.lines[1].tax, p.lines[1].gross) == (1500, 109, 1609))
        // Items gross 48609 ≥ free_over 10000: shipping is 0.
        #expect(p.shipping?.unitPrice == 0)
        #expect(
            p.totals
                == Totals(
                    withTax: 48_609, withoutTax: 45_323, tax: 3286, discount: -500, withoutDiscount: 49_109,
                    shipping: 0, authorized: 0, paid: 0, balanceOwing: 48_609))
        #expect(p.promotions.map(\.total) == [500])
        checkInvariant(p)
    }

    /// SPEC §5.5, §11: a rate applies in its country, or in `country-region` for any spelling of the region.
    @Test("the rates at an address: the country's, and the region's under each of its spellings")
    func ratesAtAnAddress() {
        let catalogue = T.catalogue(
            products: [],
            taxes: [
                T.rate("standard", "US", "0.01"), T.rate("standard", "US-CA", "0.0725"),
                T.rate("standard", "US-CAL", "0.5"), T.rate("standard", "USX-CA", "0.5"),
                T.rate("standard", "US_CA", "0.5"), T.rate("reduced", "US-CA", "0.02"),
                T.rate("standard", "ES-CT", "0.03"), T.rate("standard", "ES-B", "0.04"),
                T.rate("local", "A-B-C", "0.05"), T.rate("local", "A", "0.06"),
            ])
        func jurisdictions(_ code: String, _ country: String, _ regions: [String]) -> [String] {
            catalogue.rates(taxCode: code, country: country, regions: regions).rates.map(\.jurisdiction)
        }
        #expect(jurisdictions("standard", "US", ["CA"]) == ["US", "US-CA"])
        #expect(jurisdictions("standard", "US", []) == ["US"])
        #expect(jurisdictions("standard", "US", [""]) == ["US"])
        #expect(jurisdictions("reduced", "US", ["CA"]) == ["US-CA"])
        #expect(jurisdictions("standard", "US", ["C"]) == ["US"])
        // A region key and its ISO 3166-2 code are both spellings (Barcelona: `B`, in Catalonia `CT`).
        #expect(jurisdictions("standard", "ES", ["CT", "B"]) == ["ES-CT", "ES-B"])
        #expect(jurisdictions("standard", "GB", ["CA"]).isEmpty)
        // Read by index (issue 18): a jurisdiction with dashes is a country of its own, or any cut at a dash.
        #expect(jurisdictions("standard", "US-CA", []) == ["US-CA"])
        #expect(jurisdictions("local", "A", ["B-C"]) == ["A-B-C", "A"])
        #expect(jurisdictions("local", "A-B", ["C"]) == ["A-B-C"])
        #expect(jurisdictions("local", "A-B-C", []) == ["A-B-C"])
        #expect(jurisdictions("local", "A", ["B"]) == ["A"])
        // A region is matched by its bytes, as `country-region` always was: KELVIN SIGN is not the region `K`.
        let kelvin = T.catalogue(
            products: [], taxes: [T.rate("standard", "US", "0.01"), T.rate("standard", "US-K", "0.02")])
        #expect(
            kelvin.rates(taxCode: "standard", country: "US", regions: ["K"]).rates.map(\.jurisdiction) == [
                "US", "US-K",
            ])
        #expect(
            kelvin.rates(taxCode: "standard", country: "US", regions: ["\u{212A}"]).rates.map(\.jurisdiction) == ["US"])
        // Each rate with its millionths, in the same order, whether shared (all national) or picked.
        #expect(catalogue.rates(taxCode: "standard", country: "US", regions: ["CA"]).millionths == [10_000, 72_500])
        #expect(catalogue.rates(taxCode: "local", country: "A", regions: []).millionths == [60_000])
    }

    /// Each line is taxed at its own code's rates, however many codes a cart has: a cart's first two codes are
    /// kept apart from the rest (issue 18), so four codes use every place a code can be kept.
    @Test("four tax codes in one cart: each line, and shipping, taxed at its own code's rates")
    func fourTaxCodes() throws {
        func product(_ sku: String, _ amount: Int64, _ code: String) -> Product {
            T.product(sku, ["USD": Price(amount: amount, includesTax: false)], taxCode: code)
        }
        let a = product("a", 1000, "standard")
        let b = product("b", 2000, "reduced")
        let c = product("c", 3000, "zero")
        let d = product("d", 4000, "luxury")
        let shipping = ShippingMethod(
            id: "standard", name: "Standard", price: ["USD": 500], countries: [], freeOver: [:],
            taxCode: "reduced", includesTax: false)
        let catalogue = T.catalogue(
            products: [a, b, c, d],
            taxes: [
                T.rate("standard", "US", "0.10"), T.rate("standard", "US-CA", "0.01"),
                T.rate("reduced", "US", "0.05"), T.rate("zero", "US", "0"), T.rate("luxury", "US-CA", "0.2"),
            ], shipping: [shipping])
        let cart = T.cart(
            [d, c, b, a, c].map { T.line($0, quantity: 1, currency: "USD") }, currency: T.usd,
            address: T.address(country: "US", region: "CA"))
        let p = try PriceCalculator.price(cart, promotions: [], shipping: shipping, catalogue: catalogue)

        // d (luxury, US-CA 20%): 4000 → 800. c (zero): 0. b (reduced 5%): 2000 → 100. a (standard 10% + CA 1%):
        // 1000 → 100 + 10. c again: 0. Shipping (reduced 5%): 500 → 25.
        #expect(p.lines.map(\.tax) == [800, 0, 100, 110, 0])
        #expect(
            p.lines.map { $0.taxes.map(\.rate.jurisdiction) } == [["US-CA"], ["US"], ["US"], ["US", "US-CA"], ["US"]])
        #expect(p.lines[3].taxes.map(\.amount) == [100, 10])
        #expect(p.shipping?.tax == 25)
        #expect(p.shipping?.taxes.map(\.rate.code) == ["reduced"])
        checkInvariant(p)
    }

    @Test("a fixed discount split over three lines leaves a remainder")
    func fixedDiscountRemainder() throws {
        let a = T.product("a", ["USD": Price(amount: 1000, includesTax: false)], taxCode: nil)
        let b = T.product("b", ["USD": Price(amount: 1000, includesTax: false)], taxCode: nil)
        let c = T.product("c", ["USD": Price(amount: 1001, includesTax: false)], taxCode: nil)
        let off = T.promotion("OFF", .fixedDiscount, order: 0, amount: ["USD": 500])
        let catalogue = T.catalogue(products: [a, b, c], promotions: [off])
        let cart = T.cart(
            [a, b, c].map { T.line($0, quantity: 1, currency: "USD") }, currency: T.usd,
            address: T.address(country: "US"))
        let p = try PriceCalculator.price(cart, promotions: [off], shipping: nil, catalogue: catalogue)
        // 500 × (1000, 1000, 1001) / 3001 = 166.61, 166.61, 166.78 → floors 498; +1 to c (.78), +1 to a (tie with b, earlier).
        #expect(p.lines.map(\.discount) == [167, 166, 167])
        #expect(p.totals.withTax == 3001 - 500)
        #expect(p.totals.discount == -500)
        checkInvariant(p)
    }

    @Test("a tie in apportioning goes to the earlier line")
    func apportioningTie() throws {
        let a = T.product("a", ["USD": Price(amount: 1000, includesTax: false)], taxCode: nil)
        let b = T.product("b", ["USD": Price(amount: 1000, includesTax: false)], taxCode: nil)
        let off = T.promotion("OFF", .fixedDiscount, order: 0, amount: ["USD": 101])
        let catalogue = T.catalogue(products: [a, b], promotions: [off])
        let cart = T.cart(
            [T.line(a, quantity: 1, currency: "USD"), T.line(b, quantity: 1, currency: "USD")],
            currency: T.usd, address: T.address(country: "US"))
        let p = try PriceCalculator.price(cart, promotions: [off], shipping: nil, catalogue: catalogue)
        // 101 / 2 = 50.5 each: floors 50 + 50, the last unit to the first line.
        #expect(p.lines.map(\.discount) == [51, 50])
    }

    @Test("JPY has no minor digits")
    func yen() throws {
        let shirt = T.product("t-shirt", ["JPY": Price(amount: 2500, includesTax: false)])
        let catalogue = T.catalogue(
            products: [shirt], taxes: [T.rate("standard", "JP", "0.10")], shipping: [standardShipping])
        let cart = T.cart(
            [T.line(shirt, quantity: 3, currency: "JPY")], currency: T.jpy, address: T.address(country: "JP"))
        let p = try PriceCalculator.price(cart, promotions: [], shipping: standardShipping, catalogue: catalogue)
        // 7500 + 10% = 8250, shipping 1000 untaxed (no free_over for JPY) → 9250 = ¥9,250.
        #expect(p.totals.withTax == 9250)
        #expect(p.totals.tax == 750)
        #expect(CurrencyFormatter.format(p.totals.withTax, T.jpy) == "¥9,250")
        checkInvariant(p)
    }

    @Test("KWD has three minor digits")
    func dinar() throws {
        let item = T.product("item", ["KWD": Price(amount: 1234, includesTax: false)])
        let catalogue = T.catalogue(
            products: [item], taxes: [T.rate("standard", "KW", "0.05")], shipping: [standardShipping])
        let cart = T.cart(
            [T.line(item, quantity: 3, currency: "KWD")], currency: T.kwd, address: T.address(country: "KW"))
        let p = try PriceCalculator.price(cart, promotions: [], shipping: standardShipping, catalogue: catalogue)
        // 3 × 1.234 = 3.702 KWD; 5% = 0.1851 → 0.185; + shipping 2.000 → 5.887 KWD.
        #expect(p.lines[0].tax == 185)
        #expect(p.totals.withTax == 5887)
        #expect(CurrencyFormatter.format(p.totals.withTax, T.kwd) == "5.887 KWD")
        checkInvariant(p)
    }

    @Test("a Canadian cart with GST 5% and BC PST 7%")
    func canadaTwoRates() throws {
        let mug = T.product("mug", ["CAD": Price(amount: 1599, includesTax: false)])
        let rates = [
            T.rate("standard", "CA", "0.05", name: "GST"), T.rate("standard", "CA-BC", "0.07", name: "BC PST"),
            T.rate("standard", "CA-ON", "0.08", name: "ON PST"),
        ]
        let catalogue = T.catalogue(products: [mug], taxes: rates)
        let cart = T.cart(
            [T.line(mug, quantity: 1, currency: "CAD")], currency: T.cad,
            address: T.address(country: "CA", region: "BC"))
        let p = try PriceCalculator.price(cart, promotions: [], shipping: nil, catalogue: catalogue)
        // GST 1599 × 0.05 = 79.95 → 80; PST 1599 × 0.07 = 111.93 → 112; Ontario's rate does not match.
        #expect(p.lines[0].taxes.map(\.rate.name) == ["GST", "BC PST"])
        #expect(p.lines[0].taxes.map(\.amount) == [80, 112])
        #expect(p.totals.withTax == 1791)
        checkInvariant(p)
    }

    @Test("20% VAT, tax-inclusive, exactly on a rounding boundary")
    func vatBoundary() throws {
        let item = T.product("item", ["GBP": Price(amount: 1203, includesTax: true)])
        let catalogue = T.catalogue(products: [item], taxes: [T.rate("standard", "GB", "0.20")])
        let cart = T.cart(
            [T.line(item, quantity: 1, currency: "GBP")], currency: T.gbp, address: T.address(country: "GB"))
        let p = try PriceCalculator.price(cart, promotions: [], shipping: nil, catalogue: catalogue)
        // net = 1203 / 1.2 = 1002.5 exactly → half away from zero → 1003; tax = 200. (Banker's rounding, the
        // default of many float libraries, would give 1002.)
        #expect((p.lines[0].net, p.lines[0].tax, p.lines[0].gross) == (1003, 200, 1203))
        checkInvariant(p)
    }

    @Test("tax-inclusive with two rates splits the tax by largest remainder")
    func inclusiveTwoRates() throws {
        let item = T.product("item", ["CAD": Price(amount: 1000, includesTax: true)])
        let catalogue = T.catalogue(
            products: [item], taxes: [T.rate("standard", "CA", "0.05"), T.rate("standard", "CA-BC", "0.07")])
        let cart = T.cart(
            [T.line(item, quantity: 1, currency: "CAD")], currency: T.cad,
            address: T.address(country: "CA", region: "BC"))
        let p = try PriceCalculator.price(cart, promotions: [], shipping: nil, catalogue: catalogue)
        // net = round(1000 / 1.12) = round(892.857) = 893; tax 107 split 5:7 → 44.58, 62.42 → 44 + 62 = 106, +1 to .58 → 45, 62.
        #expect(p.lines[0].net == 893)
        #expect(p.lines[0].taxes.map(\.amount) == [45, 62])
    }

    @Test("a percent discount, then a fixed one on what remains")
    func percentThenFixed() throws {
        let a = T.product("a", ["USD": Price(amount: 1000, includesTax: false)], taxCode: nil)
        let b = T.product("b", ["USD": Price(amount: 3000, includesTax: false)], taxCode: nil)
        // The fixed promotion comes first in the catalogue, but percent discounts always apply first.
        let fixed = T.promotion("FIXED", .fixedDiscount, order: 0, amount: ["USD": 333])
        let percent = T.promotion("10PCT", .percentDiscount, order: 1, percent: 1000)
        let catalogue = T.catalogue(products: [a, b], promotions: [fixed, percent])
        let cart = T.cart(
            [T.line(a, quantity: 1, currency: "USD"), T.line(b, quantity: 1, currency: "USD")],
            currency: T.usd, address: T.address(country: "US"))
        let p = try PriceCalculator.price(cart, promotions: [fixed, percent], shipping: nil, catalogue: catalogue)
        // 10%: 100 and 300 → remaining 900 and 2700. 333 over 900/2700: 83.25, 249.75 → 83 + 249 = 332, +1 to b.
        #expect(p.lines.map(\.discount) == [183, 550])
        // Promotion lines follow catalogue order: FIXED 333, then 10PCT 400.
        #expect(p.promotions.map(\.promotion.code) == ["FIXED", "10PCT"])
        #expect(p.promotions.map(\.total) == [333, 400])
        #expect(p.totals.withTax == 4000 - 733)
        checkInvariant(p)
    }

    @Test("shipping becomes free when the items reach free_over")
    func freeOverThreshold() throws {
        let item = T.product("item", ["USD": Price(amount: 9999, includesTax: false)], taxCode: nil)
        let cheap = T.product("cheap", ["USD": Price(amount: 1, includesTax: false)], taxCode: nil)
        let catalogue = T.catalogue(products: [item, cheap], shipping: [standardShipping])
        let below = T.cart(
            [T.line(item, quantity: 1, currency: "USD")], currency: T.usd, address: T.address(country: "US"))
        let p1 = try PriceCalculator.price(below, promotions: [], shipping: standardShipping, catalogue: catalogue)
        #expect(p1.totals.shipping == 1000)
        #expect(p1.totals.withTax == 10_999)
        let reached = T.cart(
            [T.line(item, quantity: 1, currency: "USD"), T.line(cheap, quantity: 1, currency: "USD")],
            currency: T.usd, address: T.address(country: "US"))
        let p2 = try PriceCalculator.price(reached, promotions: [], shipping: standardShipping, catalogue: catalogue)
        // 9999 + 1 = 10000 reaches the threshold: the shipping line stays, priced 0.
        #expect(p2.shipping?.unitPrice == 0)
        #expect(p2.totals.withTax == 10_000)
        checkInvariant(p2)
    }

    @Test("free shipping and a free gift each get a promotion line")
    func freeShippingAndGift() throws {
        let shirt = T.product("shirt", ["USD": Price(amount: 2000, includesTax: false)])
        let sticker = T.product("sticker", ["USD": Price(amount: 300, includesTax: false)])
        let ship = T.promotion("SHIP", .freeShipping, order: 0)
        let gift = T.promotion("GIFT", .freeGift, order: 1, gift: "sticker")
        let catalogue = T.catalogue(
            products: [shirt, sticker], taxes: [T.rate("standard", "US-CA", "0.0725")],
            promotions: [ship, gift], shipping: [standardShipping])
        let cart = T.cart(
            [T.line(shirt, quantity: 2, currency: "USD")], currency: T.usd,
            address: T.address(country: "US", region: "CA"))
        let p = try PriceCalculator.price(
            cart, promotions: [ship, gift], shipping: standardShipping, catalogue: catalogue)
        // Shirts 4000 + 290 tax; the sticker line is worth 300 with a 300 discount; shipping 1000 discounted to 0.
        #expect(p.lines.map(\.sku) == ["shirt", "sticker"])
        #expect((p.lines[1].value, p.lines[1].discount, p.lines[1].gross) == (300, 300, 0))
        #expect((p.shipping?.value, p.shipping?.discount, p.shipping?.gross) == (1000, 1000, 0))
        #expect(p.promotions.map(\.total) == [1000, 300])
        #expect(p.totals.withTax == 4290)
        #expect(p.totals.discount == -1300)
        checkInvariant(p)
    }

    @Test("a line whose value does not fit in Int64 is an overflow error")
    func overflow() {
        let item = T.product("item", ["USD": Price(amount: Int64.max / 2, includesTax: false)], taxCode: nil)
        let catalogue = T.catalogue(products: [item])
        let cart = T.cart(
            [T.line(item, quantity: 3, currency: "USD")], currency: T.usd, address: T.address(country: "US"))
        #expect(throws: AmountOverflow.self) {
            try PriceCalculator.price(cart, promotions: [], shipping: nil, catalogue: catalogue)
        }
    }
}
