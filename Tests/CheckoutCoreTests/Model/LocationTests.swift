import Testing

@testable import CheckoutCore

@Suite("Location")
struct LocationTests {
    @Test("a member's path is its parent's and its key, joined with a dot, whatever the bytes")
    func memberPaths() {
        let cart = Location(source: "data", line: 1, order: 0)
        let address = Location(member: "billing_address", of: cart, line: 3, order: 40)
        #expect(address.source == "data.billing_address")
        #expect(address.line == 3 && address.order == 40)
        let joined = address.joined
        #expect(joined.source == "data.billing_address")
        #expect(Location(member: "postcode", of: joined, line: 4, order: 90).source == "data.billing_address.postcode")
        // Keys beyond ASCII, and a parent long enough to live on the heap.
        let long = Location(source: String(repeating: "x", count: 40), line: 1, order: 0)
        #expect(Location(member: "名前", of: long, line: 1, order: 0).source == String(repeating: "x", count: 40) + ".名前")
        #expect(Location(member: "", of: cart, line: 1, order: 0).source == "data.")
        #expect(Location(member: "é", of: Location(source: "", line: 1, order: 0), line: 1, order: 0).source == ".é")
    }
}
