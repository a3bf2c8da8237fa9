import Testing
@testable import CheckoutCore

@Suite("Byte-stable JSON writer")
struct JSONWriterTests {
    @Test func layoutIsFixed() {
        var w = JSONWriter()
        w.beginObject()
        w.field("b", "x/y")
        w.field("a", Int64(-1))
        w.emptyObject("links")
        w.key("list")
        w.beginArray()
        w.int(1)
        w.beginObject()
        w.field("k", true)
        w.endObject()
        w.endArray()
        w.key("empty")
        w.beginArray()
        w.endArray()
        w.key("rate")
        w.rawNumber("0.20")
        w.endObject()
        let text = String(decoding: w.finish(), as: UTF8.self)
        #expect(text == """
            {
              "b": "x/y",
              "a": -1,
              "links": {},
              "list": [
                1,
                {
                  "k": true
                }
              ],
              "empty": [],
              "rate": 0.20
            }

            """)
    }

    @Test func stringsEscapeOnlyWhatJSONRequires() {
        var w = JSONWriter()
        w.string("é ¥ \"q\" \\ \n\t\u{01} / 😀")
        #expect(w.text == #""é ¥ \"q\" \\ \n\t\u0001 / 😀""#)
    }
}

@Suite("Byte buffer and one-go display prices")
struct ByteBufferTests {
    @Test func growsPastItsCapacityKeepingEveryByte() {
        var b = ByteBuffer(capacity: 16)
        for i in 0..<10_000 { b.append(UInt8(truncatingIfNeeded: i)) }
        b.append("tail")
        #expect(b.count == 10_004)
        #expect(b.array.prefix(10_000).elementsEqual((0..<10_000).map { UInt8(truncatingIfNeeded: $0) }))
        #expect(Array(b.array.suffix(4)) == Array("tail".utf8))
        b.truncate(to: 3)
        #expect(b.array == [0, 1, 2])
    }

    /// `displayPrice` writes in one go what the member-by-member calls write, at any depth and after any sibling.
    @Test(arguments: [0, 1, 5, 30]) func displayPriceEqualsTheMemberByMemberCalls(depth: Int) {
        let euro = Currency(code: "EUR", format: "{price} €", decimalPoint: ",", thousandSeparator: ".",
                            decimalPlaces: 2, isDefault: false, enabled: true)
        let quoted = Currency(code: "Q\"", format: "\"{price}\"", decimalPoint: ".", thousandSeparator: "\t",
                              decimalPlaces: 3, isDefault: false, enabled: true)
        func document(oneGo: Bool, _ currency: Currency) -> String {
            var w = JSONWriter()
            w.beginObject()
            for _ in 0..<depth { w.key("nest"); w.beginObject() }
            w.field("before", Int64(1))
            for amount in [Int64(0), -123_456_789, 1, Int64.min] {
                if oneGo {
                    w.displayPrice("price", amount, currency)
                } else {
                    w.key("price")
                    w.beginObject()
                    w.field("amount", amount)
                    w.field("currency", currency.code)
                    w.formatted("formatted", amount, currency)
                    w.endObject()
                }
            }
            for _ in 0..<depth { w.endObject() }
            w.endObject()
            return String(decoding: w.finish(), as: UTF8.self)
        }
        for currency in [euro, quoted] {
            #expect(document(oneGo: true, currency) == document(oneGo: false, currency))
        }
        #expect(document(oneGo: true, euro).contains(#""formatted": "-1.234.567,89 €""#))
        #expect(document(oneGo: true, quoted).contains(#""formatted": "-\"123\t456.789\"""#))
    }

    @Test func aMemberLocationIsItsParentsPathAndKey() {
        let parent = Location(source: "data.billing_address", line: 4, order: 0)
        let member = Location(member: "city", of: parent, line: 9, order: 0)
        #expect(member.source == "data.billing_address.city")
        #expect(member == Location(source: "data.billing_address.city", line: 9, order: 0))
        #expect(member != Location(source: "data.billing_address.city", line: 8, order: 0))
    }
}
