/// What a run reports as it goes, for progress displays and log shippers; the library never prints (DESIGN.md).
public enum RunEvent: Sendable {
    case fileStarted(file: String, bytes: Int64)
    /// After each committed group of carts: how far into its input the run has read.
    case fileProgress(file: String, bytesRead: Int64)
    case cartConverted(file: String, reference: String, orderId: String)
    case cartRejected(file: String, name: String, codes: [String])
    case cartDuplicate(file: String, reference: String)
    case fileFinished(RunReport.InputOutcome)
    case runFinished(RunReport)

    /// One JSON object per event, one line each (`--log-format json`).
    public func jsonLine(at time: Timestamp) -> String {
        var w = JSONWriter(compact: true)
        w.beginObject()
        w.field("time", time.rfc3339)
        switch self {
        case .fileProgress(let file, let bytesRead):
            w.field("event", "file_progress")
            w.field("file", file)
            w.field("bytes_read", bytesRead)
        case .fileStarted(let file, let bytes):
            w.field("event", "file_started")
            w.field("file", file)
            w.field("bytes", bytes)
        case .cartConverted(let file, let reference, let orderId):
            w.field("event", "cart_converted")
            w.field("file", file)
            w.field("reference", reference)
            w.field("order_id", orderId)
        case .cartRejected(let file, let name, let codes):
            w.field("event", "cart_rejected")
            w.field("file", file)
            w.field("name", name)
            w.key("codes")
            w.beginArray()
            for c in codes { w.string(c) }
            w.endArray()
        case .cartDuplicate(let file, let reference):
            w.field("event", "cart_duplicate")
            w.field("file", file)
            w.field("reference", reference)
        case .fileFinished(let o):
            w.field("event", "file_finished")
            w.field("file", o.file)
            w.field("outcome", o.outcome)
            w.field("carts", Int64(o.carts))
            w.field("orders", Int64(o.orders))
            w.field("rejected", Int64(o.rejected))
            w.field("duplicates", Int64(o.duplicates))
        case .runFinished(let r):
            w.field("event", "run_finished")
            w.field("run_id", r.runId)
            w.field("inputs", Int64(r.inputs.count))
            w.field("carts", Int64(r.carts))
            w.field("orders", Int64(r.orders))
            w.field("rejected", Int64(r.rejected))
            w.field("duplicates", Int64(r.duplicates))
            w.field("inputs_rejected", Int64(r.inputsRejected))
            w.field("exit_code", Int64(r.exitCode.rawValue))
        }
        w.endObject()
        return w.text
    }
}
