import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Purchase orders (SPEC §12) through the built executable: a long order converts whole, and hostile ones — a
/// million lines, a 100 MB text node — are each one clear error in bounded memory while the batch goes on.
@Suite("purchase orders, end to end", .serialized)
struct PurchaseOrderTests {
    typealias E = ExecutableTests

    /// A workspace with the purchase-order fixtures' catalogue (partners, GTINs, units).
    static func workspace() throws -> URL {
        let ws = try E.workspace()
        let fm = FileManager.default
        try fm.removeItem(at: ws.appendingPathComponent("catalogue"))
        try fm.copyItem(
            at: E.repository.appendingPathComponent("Fixtures/40-ubl-orders/catalogue"),
            to: ws.appendingPathComponent("catalogue"))
        return ws
    }

    static let header = """
        <?xml version="1.0" encoding="UTF-8"?>
        <Order xmlns="urn:oasis:names:specification:ubl:schema:xsd:Order-2" \
        xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" \
        xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
          <cbc:ID>%@</cbc:ID>
          <cbc:DocumentCurrencyCode>SEK</cbc:DocumentCurrencyCode>
          <cac:BuyerCustomerParty><cac:Party><cbc:EndpointID schemeID="0088">7300010000001</cbc:EndpointID>\
        <cac:PartyName><cbc:Name>Johnssons byggvaror</cbc:Name></cac:PartyName></cac:Party></cac:BuyerCustomerParty>

        """

    static func line(_ n: Int, sku: String, quantity: Int = 1) -> String {
        "  <cac:OrderLine><cac:LineItem><cbc:ID>\(n)</cbc:ID><cbc:Quantity unitCode=\"C62\">\(quantity)</cbc:Quantity>"
            + "<cac:Item><cac:SellersItemIdentification><cbc:ID>\(sku)</cbc:ID></cac:SellersItemIdentification>"
            + "</cac:Item></cac:LineItem></cac:OrderLine>\n"
    }

    @Test("an order of 2,000 lines converts whole: 2,000 order items, a shipping line, totals that add up")
    func twoThousandLines() throws {
        let ws = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: ws) }
        // 2,000 products of 1.00 SEK to 20.00 SEK, and room for 2,000 distinct items in a cart.
        var products: [String] = []
        for i in 1...2000 {
            products.append(
                "{\"id\": \"p-\(i)\", \"sku\": \"SKU-\(i)\", \"name\": \"Part \(i)\", \"tax_code\": \"standard\", "
                    + "\"price\": {\"SEK\": {\"amount\": \(100 + i % 1900), \"includes_tax\": false}}}")
        }
        try ("{\"data\": [\n" + products.joined(separator: ",\n") + "\n]}\n").write(
            to: ws.appendingPathComponent("catalogue/products.json"), atomically: true, encoding: .utf8)
        try "{\"data\": {\"default_shipping_method\": \"freight\", \"max_items\": 5000}}".write(
            to: ws.appendingPathComponent("catalogue/settings.json"), atomically: true, encoding: .utf8)
        try "{\"as_of\": \"2026-11-01T00:00:00Z\", \"data\": []}".write(
            to: ws.appendingPathComponent("catalogue/inventory.json"), atomically: true, encoding: .utf8)
        var doc = String(format: Self.header, "LONG-1")
        for i in 1...2000 { doc += Self.line(i, sku: "SKU-\(i)", quantity: i % 3 + 1) }
        doc += "</Order>\n"
        try doc.write(to: ws.appendingPathComponent("inbox/long.xml"), atomically: true, encoding: .utf8)

        let r = try E.run(["run", ws.path, E.now, "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        let data = try Data(contentsOf: ws.appendingPathComponent("outbox/orders/JOHNSSON-LONG-1.json"))
        let order = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
        let items = try #require((order["included"] as? [String: Any])?["items"] as? [[String: Any]])
        #expect(items.count == 2001)
        #expect(items.prefix(2000).map { $0["sku"] as? String } == (1...2000).map { "SKU-\($0)" })
        func withTax(_ item: [String: Any]) -> Int {
            let display = (item["meta"] as? [String: Any])?["display_price"] as? [String: Any]
            return ((display?["with_tax"] as? [String: Any])?["value"] as? [String: Any])?["amount"] as? Int ?? -1
        }
        let total =
            (((order["data"] as? [String: Any])?["meta"] as? [String: Any])?["display_price"] as? [String: Any])?[
                "with_tax"] as? [String: Any]
        // Worked: each line is (100 + i mod 1900) × (i mod 3 + 1) öre, taxed 25% per line, plus freight 199 + 25%.
        var expected = 0
        for i in 1...2000 {
            let net = (100 + i % 1900) * (i % 3 + 1)
            expected += net + (net * 25 + 50) / 100
        }
        expected += 19900 + 4975
        #expect(total?["amount"] as? Int == expected)
        #expect(items.reduce(0) { $0 + withTax($1) } == expected)
    }

    /// Writes `count` copies of `piece` between `head` and `tail` without holding the file in memory.
    static func writeLarge(_ path: String, head: String, piece: String, count: Int, tail: String) throws {
        guard
            let out = FileHandle(forWritingAtPath: path)
                ?? {
                    _ = FileManager.default.createFile(atPath: path, contents: nil)
                    return FileHandle(forWritingAtPath: path)
                }()
        else { throw CocoaError(.fileWriteUnknown) }
        defer { try? out.close() }
        try out.write(contentsOf: Data(head.utf8))
        let chunk = Data(String(repeating: piece, count: 10_000).utf8)
        for _ in 0..<(count / 10_000) { try out.write(contentsOf: chunk) }
        try out.write(contentsOf: Data(tail.utf8))
    }

    @Test(
        "a million-line order and a 100 MB text node are each one clear error, in under 512 MB, and the batch goes on")
    func hostileOrders() throws {
        let ws = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: ws) }
        let inbox = ws.appendingPathComponent("inbox").path
        try Self.writeLarge(
            inbox + "/a-million-lines.xml", head: String(format: Self.header, "HUGE-1"),
            piece: Self.line(1, sku: "SItemNo011"), count: 1_000_000, tail: "</Order>\n")
        // 100 MB of text in an element no mapping reads (a Note) and in one it reads (a party name).
        try Self.writeLarge(
            inbox + "/b-huge-note.xml", head: String(format: Self.header, "TEXT-1") + "  <cbc:Note>",
            piece: String(repeating: "x", count: 100), count: 1_000_000,
            tail: "</cbc:Note>\n" + Self.line(1, sku: "SItemNo011") + "</Order>\n")
        try Self.writeLarge(
            inbox + "/c-huge-name.xml",
            head: String(format: Self.header, "TEXT-2")
                + "  <cac:Delivery><cac:DeliveryParty><cac:PartyName><cbc:Name>",
            piece: String(repeating: "y", count: 100), count: 1_000_000,
            tail: "</cbc:Name></cac:PartyName></cac:DeliveryParty></cac:Delivery>\n</Order>\n")
        var good = String(format: Self.header, "OK-1")
        good += Self.line(1, sku: "SItemNo011") + "</Order>\n"
        try good.write(toFile: inbox + "/d-good.xml", atomically: true, encoding: .utf8)
        let r = try E.run(
            ["--as=\(768 << 20)", "--data=\(512 << 20)", E.executable.path, "run", ws.path, E.now, "--quiet"],
            executable: URL(fileURLWithPath: "/usr/bin/prlimit"))
        #expect(r.status == 1, "\(r.stderr)")
        #expect(E.listing(ws.appendingPathComponent("outbox/orders")) == ["JOHNSSON-OK-1.json"])
        let million = try String(
            contentsOf: ws.appendingPathComponent("outbox/errors/inputs/a-million-lines.xml.1.json"), encoding: .utf8)
        #expect(million.contains("More than 100000 lines in one order"), "\(million)")
        let note = try String(
            contentsOf: ws.appendingPathComponent("outbox/errors/inputs/b-huge-note.xml.1.json"), encoding: .utf8)
        #expect(note.contains("An order longer than 64 MiB"), "\(note)")
        let name = try String(
            contentsOf: ws.appendingPathComponent("outbox/errors/inputs/c-huge-name.xml.json"), encoding: .utf8)
        #expect(name.contains("A text value longer than 10000000 bytes"), "\(name)")
        #expect(E.listing(ws.appendingPathComponent("rejected")) == ["c-huge-name.xml"])
        #expect(
            E.listing(ws.appendingPathComponent("archive")) == ["a-million-lines.xml", "b-huge-note.xml", "d-good.xml"])
    }
}
