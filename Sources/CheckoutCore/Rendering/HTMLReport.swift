/// The run report as one self-contained HTML page beside the JSON one (`reports/<run-id>.html`): summary counts,
/// totals per currency, errors by code with their first carts, skus that ran out, and a bar chart of each input's
/// carts. Inline CSS and SVG, nothing fetched; written as well-formed XML so any parser can check it.
enum HTMLReport {
    /// Written into bytes section by section: a batch of one-cart files has a row per file, and the page went
    /// through Strings twice (the rows into the page's String, the page into bytes; issue 18).
    static func render(_ r: RunReport) -> [UInt8] {
        var page = ByteBuffer(capacity: 16_384 + r.inputs.count * 160)
        page.append(string: summary(r))
        page.append("<h2>Carts per input</h2>\n")
        inputs(r.inputs, into: &page)
        page.append(string: errorsAndStock(r))
        return page.array
    }

    /// The head, the counts and the totals per currency.
    private static func summary(_ r: RunReport) -> String {
        var h = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8"/>
            <title>checkout-batch run \(e(r.runId))</title>
            <style>
            body { font: 14px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 60em; padding: 0 1em; color: #1d2330; }
            .wide { overflow-x: auto; } td { overflow-wrap: anywhere; } svg { max-width: 100%; height: auto; } details { margin: 0.5em 0; }
            @media (max-width: 600px) { .card { min-width: 5.5em; padding: 0.4em 0.6em; } th, td { padding-right: 0.5em; } }
            h1 { font-size: 1.5em; margin-bottom: 0.2em; } h2 { font-size: 1.1em; margin-top: 2em; }
            .muted { color: #667; } table { border-collapse: collapse; margin: 0.5em 0; }
            th, td { text-align: left; padding: 0.3em 0.9em 0.3em 0; border-bottom: 1px solid #e3e6ea; vertical-align: top; }
            td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; } td code { overflow-wrap: normal; white-space: nowrap; }
            .cards { display: flex; gap: 1em; flex-wrap: wrap; } .card { border: 1px solid #e3e6ea; border-radius: 6px; padding: 0.6em 1em; min-width: 7em; }
            .card b { display: block; font-size: 1.6em; } .ok { color: #1a7f37; } .bad { color: #c62828; } .dup { color: #667; }
            code { background: #f3f4f6; padding: 0 0.25em; border-radius: 3px; }
            </style>
            </head>
            <body>
            <h1>checkout-batch run <code>\(e(r.runId))</code></h1>
            <p class="muted">Started \(e(r.startedAt.rfc3339)), finished \(e(r.finishedAt.rfc3339)) (\(duration(r))).</p>
            <div class="cards">
            \(card(r.inputs.count, "inputs"))
            \(card(r.carts, "carts"))
            \(card(r.orders, "orders", "ok"))
            \(card(r.rejected, "rejected", "bad"))
            \(card(r.duplicates, "duplicates", "dup"))
            \(card(r.inputsRejected, "unreadable inputs", "bad"))\(r.responses > 0 ? "\n" + card(r.responses, "acknowledgements") : "")
            </div>

            """
        h += "<h2>Totals per currency</h2>\n"
        if r.totals.isEmpty {
            h += "<p class=\"muted\">No orders.</p>\n"
        } else {
            h +=
                "<div class=\"wide\"><table>\n<tr><th>Currency</th><th class=\"n\">Orders</th><th class=\"n\">With tax</th><th class=\"n\">Tax</th><th class=\"n\">Discount</th></tr>\n"
            for code in r.totals.keys.sorted() {
                let t = r.totals[code]!
                func money(_ v: Int64) -> String { t.currency.map { CurrencyFormatter.format(v, $0) } ?? "\(v)" }
                h +=
                    "<tr><td>\(e(code))</td><td class=\"n\">\(RunReport.grouped(t.orders))</td><td class=\"n\">\(e(money(t.withTax)))</td>"
                h += "<td class=\"n\">\(e(money(t.tax)))</td><td class=\"n\">\(e(money(t.discount)))</td></tr>\n"
            }
            h += "</table></div>\n"
        }
        return h
    }

    /// Errors by code with their first carts, and the skus that ran out, to the end of the page.
    private static func errorsAndStock(_ r: RunReport) -> String {
        var h = "<h2>Errors by code</h2>\n"
        if r.errorsByCode.isEmpty {
            h += "<p class=\"muted\">No errors.</p>\n"
        } else {
            h += "<div class=\"wide\"><table>\n<tr><th>Code</th><th class=\"n\">Count</th><th>First carts</th></tr>\n"
            // The commonest errors first: that is where a batch's trouble is.
            let codes = r.errorsByCode.keys.sorted { (r.errorsByCode[$0]!, $1) > (r.errorsByCode[$1]!, $0) }
            for code in codes {
                h +=
                    "<tr><td><code>\(e(code))</code></td><td class=\"n\">\(RunReport.grouped(r.errorsByCode[code]!))</td><td>"
                for s in r.errorSamples[code] ?? [] {
                    h +=
                        "<div><b>\(e(s.name))</b> <span class=\"muted\">(\(e(s.file))\(s.source.map { ", " + e($0) } ?? ""))</span>: \(e(s.detail))</div>"
                }
                h += "</td></tr>\n"
            }
            h += "</table></div>\n"
        }
        h += "<h2>Skus that ran out</h2>\n"
        h +=
            r.skusOutOfStock.isEmpty
            ? "<p class=\"muted\">None.</p>\n"
            : "<p>" + r.skusOutOfStock.map { "<code>\(e($0))</code>" }.joined(separator: " ") + "</p>\n"
        h += "</body>\n</html>\n"
        return h
    }

    /// How many inputs get a bar; the rest are folded into a table, so a watcher's report of 1,000 inputs stays a
    /// page and "Errors by code" is not pushed far below (issue 17).
    static let chartedInputs = 20

    /// The inputs with the most carts as bars (in input order), the rest folded into a table.
    static func inputs(_ all: [RunReport.InputOutcome], into rows: inout ByteBuffer) {
        guard all.count > chartedInputs else {
            rows.append(string: chart(all))
            return
        }
        var isTop = [Bool](repeating: false, count: all.count)
        for i in all.indices.sorted(by: { (all[$0].carts, $1) > (all[$1].carts, $0) }).prefix(chartedInputs) {
            isTop[i] = true
        }
        var s =
            "<p class=\"muted\">The \(chartedInputs) inputs with the most carts, of \(RunReport.grouped(all.count)):</p>\n"
        s += chart(all.indices.filter { isTop[$0] }.map { all[$0] })
        let rest = all.indices.filter { !isTop[$0] }
        s +=
            "<details><summary>The other \(RunReport.grouped(rest.count)) inputs</summary>\n<div class=\"wide\"><table>\n"
        s += "<tr><th>Input</th><th class=\"n\">Carts</th><th class=\"n\">Orders</th><th class=\"n\">Rejected</th>"
        s += "<th class=\"n\">Duplicates</th><th>Outcome</th></tr>\n"
        rows.append(string: s)
        // Written as bytes: a batch of one-cart files has a row per file (~8k instructions a row as String appends).
        rows.reserve(rest.count * 160 + 16)
        for i in rest {
            rows.append("<tr><td>")
            appendEscaped(all[i].file, to: &rows)
            // Each count on its own: a list of the four was an array made a row (issue 18).
            appendCount(all[i].carts, to: &rows)
            appendCount(all[i].orders, to: &rows)
            appendCount(all[i].rejected, to: &rows)
            appendCount(all[i].duplicates, to: &rows)
            rows.append("</td><td>")
            appendEscaped(all[i].outcome, to: &rows)
            rows.append("</td></tr>\n")
        }
        rows.append("</table></div></details>\n")
    }

    /// A table cell of a count, grouped in thousands.
    private static func appendCount(_ n: Int, to out: inout ByteBuffer) {
        out.append("</td><td class=\"n\">")
        if n >= 0 && n < 1000 {
            ByteBuffer.appendDecimal(Int64(n), to: &out)
        } else {
            out.append(string: RunReport.grouped(n))
        }
    }

    /// Escapes text for HTML/XML into bytes: the four characters it escapes are ASCII, so byte by byte will do.
    /// Text with none of them (nearly every file name) is copied whole.
    static func appendEscaped(_ text: String, to out: inout ByteBuffer) {
        text.utf8.withContiguousStorageIfAvailable { bytes in  // see `ByteBuffer.append(string:)`
            if !bytes.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 }) {
                out.append(bytes)
                return
            }
            for b in bytes {
                switch b {
                case 0x26: out.append("&amp;")
                case 0x3C: out.append("&lt;")
                case 0x3E: out.append("&gt;")
                case 0x22: out.append("&quot;")
                default: out.append(b)
                }
            }
        }!
    }

    /// A summary count; red or green only when there is something to count.
    static func card(_ n: Int, _ what: String, _ style: String? = nil) -> String {
        let cls = n > 0 ? style.map { "card " + $0 } ?? "card" : "card"
        return "<div class=\"\(cls)\"><b>\(RunReport.grouped(n))</b>\(what)</div>"
    }

    /// How long the run took, from its report's start and finish (0 s with a fixed `--now`).
    static func duration(_ r: RunReport) -> String {
        let seconds = max(0, r.finishedAt.seconds - r.startedAt.seconds)
        if seconds < 60 { return "\(seconds) s" }
        if seconds < 3600 { return "\(seconds / 60) min \(seconds % 60) s" }
        return "\(seconds / 3600) h \(seconds % 3600 / 60) min"
    }

    /// A horizontal bar per input: orders, rejected and duplicate carts, to one scale.
    static func chart(_ inputs: [RunReport.InputOutcome]) -> String {
        guard !inputs.isEmpty else { return "<p class=\"muted\">No inputs.</p>\n" }
        let rowHeight = 24
        let labelWidth = 260
        let barWidth = 420
        let largest = max(1, inputs.map(\.carts).max() ?? 1)
        var s =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(labelWidth + barWidth + 120)\" height=\"\(inputs.count * rowHeight + 30)\" viewBox=\"0 0 \(labelWidth + barWidth + 120) \(inputs.count * rowHeight + 30)\" role=\"img\" aria-label=\"Carts per input\">\n"
        for (i, input) in inputs.enumerated() {
            let y = i * rowHeight
            var x = labelWidth
            s +=
                "<text x=\"0\" y=\"\(y + 16)\" font-size=\"12\">\(e(input.file.count > 38 ? String(input.file.prefix(37)) + "…" : input.file))</text>\n"
            for (count, color, what) in [
                (input.orders, "#1a7f37", "orders"), (input.rejected, "#c62828", "rejected"),
                (input.duplicates, "#9aa1ab", "duplicates"),
            ] where count > 0 {
                let w = max(2, count * barWidth / largest)
                s +=
                    "<rect x=\"\(x)\" y=\"\(y + 4)\" width=\"\(w)\" height=\"16\" fill=\"\(color)\"><title>\(count) \(what)</title></rect>\n"
                x += w
            }
            let note = input.outcome == "rejected" ? " (unreadable)" : ""
            s +=
                "<text x=\"\(x + 6)\" y=\"\(y + 16)\" font-size=\"12\" fill=\"#556\">\(input.orders)/\(input.carts)\(note)</text>\n"
        }
        let legendY = inputs.count * rowHeight + 18
        s +=
            "<text x=\"\(labelWidth)\" y=\"\(legendY)\" font-size=\"12\"><tspan fill=\"#1a7f37\">■ orders</tspan> <tspan fill=\"#c62828\">■ rejected</tspan> <tspan fill=\"#9aa1ab\">■ duplicates</tspan></text>\n"
        return s + "</svg>\n"
    }

    /// Escapes text for HTML/XML.
    static func e(_ s: String) -> String {
        // Most text (file names, outcomes) has nothing to escape: a report lists every input.
        if !s.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 }) { return s }
        var out = ByteBuffer(capacity: s.utf8.count + 16)
        appendEscaped(s, to: &out)
        return out.withBytes(from: 0) { String(decoding: $0, as: UTF8.self) }
    }
}
