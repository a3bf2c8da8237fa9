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

@Suite("Byte buffer")
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

    /// Numbers are written in place, from the last digit back: every width, both signs, both ends of Int64.
    @Test func decimalsAreWrittenWhole() {
        let values: [Int64] = [0, 7, 9, 10, 99, 100, 123_456, -1, -10, 1_000_000_000_000, .max, .min]
        #expect(Self.decimals(values) == values.map { "\($0)," }.joined())
    }

    /// Two digits at a time: every width from 1 to 19 digits, at both ends of it (10^k − 1 and 10^k), both signs.
    @Test func decimalsOfEveryWidth() {
        var values: [Int64] = []
        var power: Int64 = 1
        for _ in 0..<18 {
            power *= 10
            values += [power - 1, power, -(power - 1), -power]
        }
        #expect(Self.decimals(values) == values.map { "\($0)," }.joined())
    }

    /// `values` written by `appendDecimal` into one small buffer (so it grows), each followed by a comma.
    static func decimals(_ values: [Int64]) -> String {
        var b = ByteBuffer(capacity: 16)
        for v in values {
            ByteBuffer.appendDecimal(v, to: &b)
            b.append(0x2C)
        }
        return String(decoding: b.array, as: UTF8.self)
    }

    /// Eight bytes at a time: a byte that must be escaped is found at every place in texts of 1 to 20 bytes, and a
    /// byte that need not be (next to those that must, or past 0x7F) is never taken for one.
    @Test func bytesToEscapeAreFoundAnywhere() {
        let probes: [UInt8] = [
            0x00, 0x01, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x5B, 0x5C, 0x5D, 0x7E, 0x7F, 0x80, 0xC2, 0xFF,
        ]
        for length in 1...20 {
            for place in 0..<length {
                for probe in probes {
                    var text = [UInt8](repeating: 0x61, count: length)
                    text[place] = probe
                    let found = text.withUnsafeBufferPointer { ByteBuffer.containsQuotedEscape($0) }
                    #expect(found == ByteBuffer.needsQuotedEscape(probe), "0x\(String(probe, radix: 16)) at \(place)")
                }
            }
        }
        #expect(!ByteBuffer.containsQuotedEscape(UnsafeBufferPointer(start: nil, count: 0)))
    }

    @Test func aMemberLocationIsItsParentsPathAndKey() {
        let parent = Location(source: "data.billing_address", line: 4, order: 0)
        let member = Location(member: "city", of: parent, line: 9, order: 0)
        #expect(member.source == "data.billing_address.city")
        #expect(member == Location(source: "data.billing_address.city", line: 9, order: 0))
        #expect(member != Location(source: "data.billing_address.city", line: 8, order: 0))
    }
}
