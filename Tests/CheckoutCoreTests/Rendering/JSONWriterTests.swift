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
        #expect(
            text == """
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

@Suite("Byte buffer and display prices")
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

    /// A flat object writes exactly what the general calls write, at any depth (past the indentation run too) and
    /// after any sibling, with in-place strings escaped when they are not plain text.
    @Test(arguments: [0, 1, 5, 30]) func aFlatObjectEqualsTheGeneralCalls(depth: Int) {
        func document(flat: Bool, compact: Bool = false) -> String {
            var w = JSONWriter(compact: compact)
            w.beginObject()
            for _ in 0..<depth {
                w.key("nest")
                w.beginObject()
            }
            w.field("before", Int64(1))
            for (n, text) in [(Int64(0), "plain"), (Int64.min, "tab\tand \"quote\"")] {
                let plain = !text.contains("\t")
                if flat {
                    var f = w.beginFlatObject("price")
                    w.flatMember("amount", n, &f)
                    w.flatMember("currency", "EUR", &f)
                    let start = w.beginInPlaceString("formatted", &f)
                    w.bytes.append(string: text)
                    w.endInPlaceString(from: start, isPlainText: plain)
                    w.endFlatObject(f)
                } else {
                    w.key("price")
                    w.beginObject()
                    w.field("amount", n)
                    w.field("currency", "EUR")
                    w.field("formatted", text)
                    w.endObject()
                }
            }
            for _ in 0..<depth { w.endObject() }
            w.endObject()
            return String(decoding: w.finish(), as: UTF8.self)
        }
        #expect(document(flat: true) == document(flat: false))
        #expect(document(flat: true, compact: true) == document(flat: false, compact: true))
        #expect(document(flat: true).contains(#""formatted": "tab\tand \"quote\"""#))
    }

    /// A display price is three members at the next indentation; a currency whose format needs JSON escaping is
    /// escaped, and amounts of either sign down to Int64.min are written whole.
    @Test func aDisplayPriceIsItsAmountCurrencyAndFormattedText() {
        let euro = Currency(
            code: "EUR", format: "{price} €", decimalPoint: ",", thousandSeparator: ".",
            decimalPlaces: 2, isDefault: false, enabled: true)
        let quoted = Currency(
            code: "Q\"", format: "\"{price}\"", decimalPoint: ".", thousandSeparator: "\t",
            decimalPlaces: 3, isDefault: false, enabled: true)
        func document(_ currency: Currency, _ amounts: [Int64]) -> String {
            var w = JSONWriter()
            w.beginObject()
            w.key("nest")
            w.beginObject()
            w.field("before", Int64(1))
            for amount in amounts { DisplayPrice.write("price", amount, currency, to: &w) }
            w.endObject()
            w.endObject()
            return String(decoding: w.finish(), as: UTF8.self)
        }
        #expect(
            document(euro, [-123_456_789]) == """
                {
                  "nest": {
                    "before": 1,
                    "price": {
                      "amount": -123456789,
                      "currency": "EUR",
                      "formatted": "-1.234.567,89 €"
                    }
                  }
                }

                """)
        #expect(
            document(quoted, [0, Int64.min]).contains(
                #"""
                      "currency": "Q\"",
                      "formatted": "\"0.000\""
                """#))
        #expect(document(quoted, [Int64.min]).contains(#""formatted": "-\"9\t223\t372\t036\t854\t775.808\"""#))
    }

    @Test func aMemberLocationIsItsParentsPathAndKey() {
        let parent = Location(source: "data.billing_address", line: 4, order: 0)
        let member = Location(member: "city", of: parent, line: 9, order: 0)
        #expect(member.source == "data.billing_address.city")
        #expect(member == Location(source: "data.billing_address.city", line: 9, order: 0))
        #expect(member != Location(source: "data.billing_address.city", line: 8, order: 0))
    }
}
