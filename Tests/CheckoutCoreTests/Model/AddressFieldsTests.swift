import Testing

@testable import CheckoutCore

/// An address's fields: a value or none per field, whatever order they are set, replaced or cleared in (the table
/// keeps the values present side by side, each field's place in a byte: issue 18).
@Suite("An address's fields")
struct AddressFieldsTests {
    @Test func setReplacedAndClearedInAnyOrder() {
        var f = AddressFields<String>()
        #expect(AddressField.allCases.allSatisfy { f[$0] == nil })
        f[.postcode] = "SW1A 1AA"
        f[.city] = "London"
        f[.firstName] = "Mary"
        f[.city] = "Westminster"
        #expect(f[.postcode] == "SW1A 1AA" && f[.city] == "Westminster" && f[.firstName] == "Mary")
        f[.postcode] = nil  // the first set: the others move down a place
        #expect(f[.postcode] == nil && f[.city] == "Westminster" && f[.firstName] == "Mary")
        f[.country] = "GB"
        f[.city] = nil
        #expect(f[.city] == nil && f[.firstName] == "Mary" && f[.country] == "GB" && f[.postcode] == nil)
        f[.lastName] = nil  // never set: nothing changes
        #expect(f["first_name"] == "Mary" && f["country"] == "GB" && f["last_name"] == nil)
        for field in AddressField.allCases { f[field] = field.name }
        #expect(AddressField.allCases.allSatisfy { f[$0] == $0.name })
    }

    @Test func equalByFieldNotByOrderSet() {
        var a = AddressFields<String>()
        a[.city] = "Paris"
        a[.country] = "FR"
        var b = AddressFields<String>()
        b[.country] = "FR"
        b[.postcode] = "75001"
        b[.city] = "Paris"
        #expect(a != b)
        b[.postcode] = nil
        #expect(a == b)
        #expect(a.mapValues { $0.count } == AddressFields<Int>(["city": 5, "country": 2]))
    }
}
