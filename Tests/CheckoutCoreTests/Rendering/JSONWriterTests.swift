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
