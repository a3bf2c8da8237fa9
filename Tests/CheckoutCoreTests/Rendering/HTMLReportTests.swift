import Testing

@testable import CheckoutCore

/// How the HTML report stays readable when a watcher's run has hundreds of inputs (issue 17).
@Suite("HTML report at scale")
struct HTMLReportTests {
    /// The "Carts per input" section as text.
    static func section(_ inputs: [RunReport.InputOutcome]) -> String {
        var bytes = ByteBuffer(capacity: 1024)
        HTMLReport.inputs(inputs, into: &bytes)
        return bytes.withBytes(from: 0) { String(decoding: $0, as: UTF8.self) }
    }

    /// 25 inputs of 1…25 carts in input order: the 20 largest (6…25) get bars, in input order; 1…5 are folded.
    @Test("more than 20 inputs: the 20 with the most carts are charted, the rest folded into a table")
    func foldsInputs() {
        let inputs = (1...25).map {
            RunReport.InputOutcome(file: "feed-\($0).json", outcome: "archived", carts: $0, orders: $0)
        }
        let page = Self.section(inputs)
        #expect(page.contains("The 20 inputs with the most carts, of 25:"))
        #expect(page.contains("<summary>The other 5 inputs</summary>"))
        let chart = String(page[..<page.range(of: "<details>")!.lowerBound])
        let folded = String(page[page.range(of: "<details>")!.lowerBound...])
        for n in 6...25 { #expect(chart.contains(">feed-\(n).json<") && !folded.contains(">feed-\(n).json<"), "\(n)") }
        for n in 1...5 {
            #expect(
                folded.contains("<td>feed-\(n).json</td><td class=\"n\">\(n)</td>")
                    && !chart.contains(">feed-\(n).json<"), "\(n)")
        }
        #expect(chart.range(of: ">feed-6.json<")!.lowerBound < chart.range(of: ">feed-25.json<")!.lowerBound)
    }

    /// The folded table is written as bytes: its names escaped as `e` escapes them, its counts grouped by thousands.
    @Test("a folded input's name is escaped and its counts grouped")
    func foldedRowsAreEscapedAndGrouped() {
        var inputs = (1...20).map {
            RunReport.InputOutcome(file: "big-\($0).json", outcome: "archived", carts: 5_000 + $0, orders: 5_000)
        }
        inputs.append(
            RunReport.InputOutcome(
                file: "a&b<c>\"d\" é.json", outcome: "rejected", carts: 1_234, orders: 999, rejected: 235))
        let page = Self.section(inputs)
        #expect(
            page.contains(
                "<tr><td>a&amp;b&lt;c&gt;&quot;d&quot; é.json</td><td class=\"n\">1,234</td><td class=\"n\">999</td>"
                    + "<td class=\"n\">235</td><td class=\"n\">0</td><td>rejected</td></tr>\n"), "\(page)")
    }

    @Test("20 inputs or fewer: all charted, nothing folded")
    func twentyInputsAreAllCharted() {
        let inputs = (1...20).map { RunReport.InputOutcome(file: "feed-\($0).json", outcome: "archived", carts: 1) }
        let page = Self.section(inputs)
        #expect(!page.contains("<details>"))
        #expect(page.components(separatedBy: "<text x=\"0\"").count - 1 == 20)
    }

    @Test("a count is coloured only when there is something to count, and grouped by thousands")
    func cards() {
        #expect(HTMLReport.card(0, "rejected", "bad") == "<div class=\"card\"><b>0</b>rejected</div>")
        #expect(HTMLReport.card(12_345, "rejected", "bad") == "<div class=\"card bad\"><b>12,345</b>rejected</div>")
        #expect(HTMLReport.card(1_000_000, "carts") == "<div class=\"card\"><b>1,000,000</b>carts</div>")
        let grouped = [0, 7, 999, -999, 1000, -1000, 123_456, -1_234_567, Int.min].map(RunReport.grouped)
        #expect(
            grouped == [
                "0", "7", "999", "-999", "1,000", "-1,000", "123,456", "-1,234,567", "-9,223,372,036,854,775,808",
            ])
        #expect(HTMLReport.e("plain.json") == "plain.json")
        #expect(HTMLReport.e("a<b>&\"c\"") == "a&lt;b&gt;&amp;&quot;c&quot;")
    }

    @Test("the run's duration in seconds, minutes and hours")
    func durations() {
        func report(_ seconds: Int64) -> RunReport {
            let start: Int64 = 1_795_317_600  // 2026-11-21T02:00:00Z
            return RunReport(
                runId: "t", startedAt: Timestamp(seconds: start), finishedAt: Timestamp(seconds: start + seconds))
        }
        #expect(HTMLReport.duration(report(0)) == "0 s")
        #expect(HTMLReport.duration(report(59)) == "59 s")
        #expect(HTMLReport.duration(report(754)) == "12 min 34 s")
        #expect(HTMLReport.duration(report(3 * 3600 + 25 * 60 + 9)) == "3 h 25 min")
    }

    @Test("errors by code: the commonest first, ties by code")
    func errorsByCount() {
        var r = RunReport(runId: "t", startedAt: Timestamp(seconds: 0), finishedAt: Timestamp(seconds: 0))
        r.errorsByCode = ["format": 3, "out_of_stock": 1_200, "currency_mismatch": 3, "required": 40]
        let page = String(decoding: HTMLReport.render(r), as: UTF8.self)
        let rows = [
            "out_of_stock</code></td><td class=\"n\">1,200<", "required</code></td><td class=\"n\">40<",
            "currency_mismatch</code></td><td class=\"n\">3<", "format</code></td><td class=\"n\">3<",
        ]
        let at = rows.map { page.range(of: $0)?.lowerBound }
        #expect(at.allSatisfy { $0 != nil }, "\(page)")
        #expect(at.compactMap { $0 } == at.compactMap { $0 }.sorted())
    }
}
