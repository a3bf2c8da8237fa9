import Foundation
import Testing

@testable import CheckoutCore

/// The run report's `inputs` rows are written from literal runs; they must be what `JSONWriter` writes for the same
/// object at the same place, byte for byte, with or without a watcher's `catalogue`, whatever the name holds.
@Suite("Run report")
struct RunReportTests {
    /// The rows as the writer lays them out, in a document shaped like the report's.
    static func throughWriter(_ inputs: [RunReport.InputOutcome]) -> String {
        var w = JSONWriter()
        w.beginObject()
        w.key("inputs")
        w.beginArray()
        for input in inputs {
            w.beginObject()
            w.field("file", input.file)
            w.field("outcome", input.outcome)
            w.field("carts", Int64(input.carts))
            w.field("orders", Int64(input.orders))
            w.field("rejected", Int64(input.rejected))
            w.field("duplicates", Int64(input.duplicates))
            if let catalogue = input.catalogue { w.field("catalogue", catalogue) }
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return String(decoding: w.finish(), as: UTF8.self)
    }

    @Test("each input's row is what the writer writes for it")
    func rowsAsTheWriterWritesThem() {
        var quoted = RunReport.InputOutcome(
            file: "a \"quoted\" \\ name\t✓.json", outcome: "rejected", carts: 0, rejected: 0)
        quoted.problem = "not JSON"
        var watched = RunReport.InputOutcome(
            file: "feed.ndjson", outcome: "archived", carts: 1_234_567, orders: 1_000_000, rejected: 234_560,
            duplicates: 7)
        watched.catalogue = "3f2a9c1b7e40"
        let inputs = [quoted, watched, RunReport.InputOutcome(file: "gone.json", outcome: "vanished")]
        var report = RunReport(
            runId: "20261121T020000Z", startedAt: Timestamp(rfc3339: "2026-11-21T02:00:00Z")!,
            finishedAt: Timestamp(rfc3339: "2026-11-21T02:00:00Z")!)
        report.inputs = inputs
        let text = String(decoding: report.render(), as: UTF8.self)
        let rows = Self.throughWriter(inputs)
        // The writer's document is `{"inputs": [...]}`: its array, from `[` to `]`, is the report's last one.
        let array = rows[rows.range(of: "[")!.lowerBound...rows.range(of: "]", options: .backwards)!.lowerBound]
        #expect(text.hasSuffix("\"inputs\": " + array + "\n}\n"), "\(text)")
        #expect(array.contains(#""file": "a \"quoted\" \\ name\t✓.json""#))
        #expect(array.contains(#""catalogue": "3f2a9c1b7e40""#))
    }
}
