/// What a run did (SPEC §9): written to `outbox/reports/<run-id>.json` and summarised on standard error.
public struct RunReport: Sendable {
    public struct InputOutcome: Sendable {
        public var file: String
        /// `archived`, `rejected`, `kept` (with `--keep-inputs`), or `vanished` (gone from the inbox before or
        /// while it was read, SPEC §11).
        public var outcome: String
        public var carts = 0
        public var orders = 0
        public var rejected = 0
        public var duplicates = 0
        /// In `watch`, which catalogue the input was checked against (`catalogues[].id`).
        var catalogue: String?
        /// Why the input was not a readable document, and where its error document is (`errors/inputs/…`).
        public var problem: String?
        public var errorDocument: String?
    }

    /// A catalogue a watcher used: its id (a digest of its files) and when it was loaded.
    struct CatalogueUse: Sendable {
        var id: String
        var loadedAt: Timestamp
    }

    struct CurrencyTotal: Sendable {
        /// For formatting amounts in the HTML report.
        var currency: Currency?
        var orders = 0
        var withTax: Int64 = 0
        var tax: Int64 = 0
        var discount: Int64 = 0
    }

    var runId: String
    var startedAt: Timestamp
    var finishedAt: Timestamp
    var inputs: [InputOutcome] = []
    var carts = 0
    var orders = 0
    var rejected = 0
    var duplicates = 0
    var inputsRejected = 0
    /// Acknowledgements written to partners (SPEC §13), a duplicate's again included.
    var responses = 0
    var errorsByCode: [String: Int] = [:]
    var totals: [String: CurrencyTotal] = [:]
    var skusOutOfStock: [String] = []
    /// In `watch`: the catalogues in use during this report's stretch, in the order they were loaded.
    var catalogues: [CatalogueUse] = []
    /// The first few rejected carts of each error code, with what was wrong, for the HTML report.
    var errorSamples: [String: [ErrorSample]] = [:]
    static let samplesPerCode = 3

    struct ErrorSample: Sendable {
        /// The error document's name: the reference, or `<file>.<n>`.
        var name: String
        var file: String
        var source: String?
        var detail: String
    }

    /// Counts an error, keeping it as a sample while its code has fewer than `samplesPerCode`.
    mutating func record(_ error: CheckoutError, name: String, file: String) {
        errorsByCode[error.code.rawValue, default: 0] += 1
        if errorSamples[error.code.rawValue, default: []].count < RunReport.samplesPerCode {
            errorSamples[error.code.rawValue, default: []].append(
                ErrorSample(name: name, file: file, source: error.source, detail: error.detail))
        }
    }
    /// The inventory's skus with what is left, in inventory order (for `check`'s output; the JSON report lists
    /// only the skus that ran out).
    var stockRemaining: [(sku: String, available: Int64)] = []

    /// SPEC §1: 0 when every cart converted (or was already), 1 when any cart or input was rejected.
    public var exitCode: ExitCode { rejected > 0 || inputsRejected > 0 ? .rejections : .success }

    func render() -> [UInt8] {
        var w = JSONWriter()
        w.beginObject()
        w.field("run_id", runId)
        w.field("started_at", startedAt.rfc3339)
        w.field("finished_at", finishedAt.rfc3339)
        w.key("counts")
        w.beginObject()
        w.field("inputs", Int64(inputs.count))
        w.field("carts", Int64(carts))
        w.field("orders", Int64(orders))
        w.field("rejected", Int64(rejected))
        w.field("duplicates", Int64(duplicates))
        w.field("inputs_rejected", Int64(inputsRejected))
        w.field("responses", Int64(responses))
        w.endObject()
        w.key("errors_by_code")
        w.beginObject()
        for code in errorsByCode.keys.sorted() {
            w.key(text: code)
            w.int(Int64(errorsByCode[code]!))
        }
        w.endObject()
        w.key("totals")
        w.beginArray()
        for code in totals.keys.sorted() {
            let t = totals[code]!
            w.beginObject()
            w.field("currency", code)
            w.field("orders", Int64(t.orders))
            w.field("with_tax", t.withTax)
            w.field("tax", t.tax)
            w.field("discount", t.discount)
            w.endObject()
        }
        w.endArray()
        w.key("skus_out_of_stock")
        w.beginArray()
        for sku in skusOutOfStock { w.string(sku) }
        w.endArray()
        w.key("inputs")
        w.beginArray()
        // Rows read through a pointer: read from the array inside the writer's closure, each copied the report.
        inputs.withUnsafeBufferPointer { rows in
            for i in rows.indices {
                w.preformatted(atDepth: 2) { InputOutcome.appendRow(rows.baseAddress! + i, to: &$0) }
            }
        }
        w.endArray()
        if !catalogues.isEmpty {
            w.key("catalogues")
            w.beginArray()
            for c in catalogues {
                w.beginObject()
                w.field("id", c.id)
                w.field("loaded_at", c.loadedAt.rfc3339)
                w.endObject()
            }
            w.endArray()
        }
        w.endObject()
        return w.finish()
    }
}

extension RunReport.InputOutcome {
    /// The input's row of `inputs`, as `JSONWriter` lays out an object at depth 2: its keys and layout are literal
    /// runs, only the values are written (issue 18: through the writer's calls, a row was ~1.9k instructions, and a
    /// run of one-cart files has a row per cart).
    fileprivate static func appendRow(_ row: UnsafePointer<Self>, to out: inout ByteBuffer) {
        out.append("{\n      \"file\": ")
        ByteBuffer.appendQuoted(row.pointee.file, to: &out)
        out.append(",\n      \"outcome\": ")
        ByteBuffer.appendQuoted(row.pointee.outcome, to: &out)
        out.append(",\n      \"carts\": ")
        ByteBuffer.appendDecimal(Int64(row.pointee.carts), to: &out)
        out.append(",\n      \"orders\": ")
        ByteBuffer.appendDecimal(Int64(row.pointee.orders), to: &out)
        out.append(",\n      \"rejected\": ")
        ByteBuffer.appendDecimal(Int64(row.pointee.rejected), to: &out)
        out.append(",\n      \"duplicates\": ")
        ByteBuffer.appendDecimal(Int64(row.pointee.duplicates), to: &out)
        if let catalogue = row.pointee.catalogue {
            out.append(",\n      \"catalogue\": ")
            ByteBuffer.appendQuoted(catalogue, to: &out)
        }
        out.append("\n    }")
    }
}

extension RunReport {
    /// A converted cart in the report's counts and per-currency totals.
    mutating func count(_ priced: PricedCart) {
        orders += 1
        // Updated in place: copied out and back, the total (its currency's arrays) was retained per cart.
        totals[priced.cart.currency.code, default: RunReport.CurrencyTotal()].add(priced)
    }
}

extension RunReport.CurrencyTotal {
    mutating func add(_ priced: PricedCart) {
        currency = priced.cart.currency
        orders += 1
        withTax &+= priced.totals.withTax
        tax &+= priced.totals.tax
        discount &+= priced.totals.discount
    }
}
