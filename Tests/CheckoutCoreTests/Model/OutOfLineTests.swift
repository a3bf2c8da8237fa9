import Testing

@testable import CheckoutCore

/// `OutOfLine` keeps a value behind a shared reference; copies must still behave as values.
@Suite("Out-of-line values")
struct OutOfLineTests {
    struct Terms: Equatable {
        var names: [String]
        var a = 0, b = 0, c = 0, d = 0
    }

    struct Holder {
        @OutOfLine var terms: Terms? = nil
        var other = 0
    }

    @Test("a copy changed leaves the original as it was; nil is kept as nil")
    func valueSemantics() {
        var a = Holder()
        #expect(a.terms == nil)
        a.terms = Terms(names: ["x"])
        var b = a
        b.terms?.names.append("y")
        b.terms?.d = 4
        #expect(a.terms == Terms(names: ["x"]))
        #expect(b.terms == Terms(names: ["x", "y"], d: 4))
        b.terms = nil
        #expect(b.terms == nil && a.terms == Terms(names: ["x"]))
        #expect(MemoryLayout<Holder>.size == 16, "one reference and the Int, not the 40-byte terms inline")
    }
}
