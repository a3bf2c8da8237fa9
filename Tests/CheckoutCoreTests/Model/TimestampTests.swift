import Testing

@testable import CheckoutCore

@Suite("RFC 3339 timestamps")
struct TimestampTests {
    @Test func parsesAndFormatsInUTC() {
        let t = Timestamp(rfc3339: "2026-11-21T02:00:00Z")!
        #expect(t.seconds == 1_795_226_400)
        #expect(t.rfc3339 == "2026-11-21T02:00:00Z")
        #expect(t.compact == "20261121T020000Z")
        #expect(Timestamp(rfc3339: "2026-11-21T03:30:00+01:30")!.rfc3339 == "2026-11-21T02:00:00Z")
        #expect(Timestamp(rfc3339: "1969-12-31T23:59:59Z")!.seconds == -1)
        #expect(Timestamp(rfc3339: "2024-02-29T00:00:00Z") != nil)
    }

    @Test func fractionsCountInComparisonsButNotInOutput() {
        let a = Timestamp(rfc3339: "2026-11-21T02:00:00.25Z")!
        let b = Timestamp(rfc3339: "2026-11-21T02:00:00Z")!
        #expect(b < a)
        #expect(a.nanoseconds == 250_000_000)
        #expect(a.rfc3339 == "2026-11-21T02:00:00Z")
    }

    @Test(
        "rejects what is not RFC 3339",
        arguments: [
            "2026-11-21", "2026-11-21T02:00:00", "2026-13-01T00:00:00Z", "2025-02-29T00:00:00Z", "2026-11-21T24:00:00Z",
            "2026-11-21T02:00:00.Z", "2026-11-21T02:00:00+0100", "yesterday", "2026-11-21T02:00:00Zjunk",
        ])
    func rejects(text: String) {
        #expect(Timestamp(rfc3339: text) == nil)
    }
}
