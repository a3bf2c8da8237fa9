import Foundation
import Testing

/// Purchase orders that restate a `<cart>` case (a `figures-twin` file naming it) must come to the same figures:
/// the totals, each line's quantity, prices and display prices, and every tax item (SPEC §12: a purchase order is
/// one cart, priced by §5 like any other). Ids, references, customers and addresses may differ.
@Suite("purchase orders and their cart twins")
struct FigureTwinTests {
    static var cases: [String] {
        GoldenTests.cases.filter {
            FileManager.default.fileExists(
                atPath: GoldenTests.fixtures.appendingPathComponent("\($0)/figures-twin").path)
        }
    }

    /// The figures of an order document: everything priced, nothing that names it.
    static func figures(_ data: Data) throws -> String {
        let order = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
        let meta = (order["data"] as? [String: Any])?["meta"] as? [String: Any]
        let included = order["included"] as? [String: Any]
        let items = (included?["items"] as? [[String: Any]] ?? []).map { item in
            ["sku", "quantity", "unit_price", "value"].reduce(into: [String: Any]()) { $0[$1] = item[$1] }
                .merging(["display_price": (item["meta"] as? [String: Any])?["display_price"] ?? NSNull()]) { a, _ in a
                }
        }
        let taxes = (included?["tax_items"] as? [[String: Any]] ?? []).map { tax in
            ["name", "jurisdiction", "code", "rate", "value"].reduce(into: [String: Any]()) { $0[$1] = tax[$1] }
        }
        let figures: [String: Any] = ["totals": meta?["display_price"] ?? NSNull(), "items": items, "taxes": taxes]
        let bytes = try JSONSerialization.data(withJSONObject: figures, options: [.sortedKeys, .prettyPrinted])
        return String(decoding: bytes, as: UTF8.self)
    }

    static func orders(_ name: String) throws -> [(String, Data)] {
        let folder = GoldenTests.fixtures.appendingPathComponent("\(name)/expected/orders")
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().map {
            ($0, try Data(contentsOf: folder.appendingPathComponent($0)))
        }
    }

    @Test func thereAreFigureTwins() { #expect(!Self.cases.isEmpty) }

    @Test(arguments: cases)
    func sameFigures(_ name: String) throws {
        let twin = try String(
            contentsOf: GoldenTests.fixtures.appendingPathComponent("\(name)/figures-twin"), encoding: .utf8
        ).trimmingCharacters(in: .whitespacesAndNewlines)
        let cart = try #require(try Self.orders(twin).first, "\(twin) has no order")
        let expected = try Self.figures(cart.1)
        let orders = try Self.orders(name)
        #expect(orders.count >= 2, "\(name) should hold a UBL and a cXML order")
        for (file, data) in orders {
            let actual = try Self.figures(data)
            #expect(actual == expected, "\(name)/\(file) differs from \(twin)/\(cart.0):\n\(actual)")
        }
    }
}
