/// `outbox/inventory.json`: the stock left after the run, in `inventory.json`'s own format, so it can be copied
/// back into the catalogue (SPEC §6, §11).
enum InventoryRenderer {
    static func render(_ remaining: [(sku: String, available: Int64)], asOf: Timestamp) -> [UInt8] {
        var w = JSONWriter()
        w.beginObject()
        w.field("as_of", asOf.rfc3339)
        w.key("data")
        w.beginArray()
        for entry in remaining {
            w.beginObject()
            w.field("sku", entry.sku)
            w.field("available", entry.available)
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return w.finish()
    }
}
