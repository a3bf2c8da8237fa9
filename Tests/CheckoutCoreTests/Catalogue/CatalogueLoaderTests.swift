import Foundation
import Testing

@testable import CheckoutCore

/// SPEC §3 and §11: a catalogue that breaks the rules is refused with every problem listed, each at its file and line.
@Suite("Catalogue loading")
struct CatalogueLoaderTests {
    static let currencies =
        #"{"data": [{"code": "USD", "format": "${price}", "decimal_point": ".", "thousand_separator": ",", "decimal_places": 2, "default": true, "enabled": true}]}"#
    static let products = #"{"data": [{"id": "p-1", "sku": "mug", "name": "Mug", "price": {"USD": {"amount": 1000}}}]}"#

    func load(_ files: [String: String]) throws -> Result<Catalogue, InvalidCatalogue> {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("catalogue-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, text) in files {
            try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        do { return .success(try CatalogueLoader.load(folder: folder.path)) } catch { return .failure(error) }
    }

    func problems(_ files: [String: String]) throws -> [String] {
        guard case .failure(let e) = try load(files) else { return [] }
        return e.problems.map(\.description)
    }

    @Test("the two required files make a catalogue; defaults fill the rest")
    func minimal() throws {
        guard case .success(let c) = try load(["currencies.json": Self.currencies, "products.json": Self.products])
        else {
            Issue.record("a minimal catalogue should load")
            return
        }
        #expect(c.defaultCurrency.code == "USD")
        #expect(c.product(sku: "mug")?.isLive == true, "status defaults to live")
        #expect(c.product(sku: "mug")?.prices["USD"]?.includesTax == false, "product prices default to tax-exclusive")
        #expect(c.settings.maxItems == 100 && c.settings.maxQuantity == 10_000 && c.settings.cartTTLDays == 7)
        #expect(c.inventory == nil)
    }

    @Test("every problem is listed, at its file and line")
    func everyProblem() throws {
        let products = """
            {"data": [
              {"id": "p-1", "sku": "mug", "name": "Mug", "price": {"USD": {"amount": 1000}}},
              {"id": "p-2", "sku": "mug", "name": "Mug again", "price": {"USD": {"amount": -5}}}
            ]}
            """
        let taxes = #"{"data": [{"code": "standard", "jurisdiction": "US-CA", "name": "Tax", "rate": 0.0000001}]}"#
        let found = try problems(["currencies.json": Self.currencies, "products.json": products, "taxes.json": taxes])
        #expect(found.count == 3, "\(found)")
        #expect(found.contains { $0.hasPrefix("products.json:3:") && $0.contains("duplicate sku 'mug'") }, "\(found)")
        #expect(found.contains { $0.hasPrefix("products.json:3:") && $0.contains("amount") }, "\(found)")
        #expect(found.contains { $0.hasPrefix("taxes.json:1:") && $0.contains("6 decimal") }, "\(found)")
    }

    @Test("a missing required file is one problem")
    func missingFile() throws {
        let found = try problems(["currencies.json": Self.currencies])
        #expect(found == ["products.json: missing; the catalogue needs this file"], "\(found)")
    }

    /// Issue 17: a file that failed to load is its own one problem; references into it are not checked again.
    @Test("a missing or broken file is one problem, not one per reference to it")
    func noCascades() throws {
        let gift =
            #"{"data": [{"id": "g", "code": "GIFT", "name": "Gift", "type": "free_gift", "gift_sku": "mug", "automatic": false}]}"#
        let shipping = #"{"data": [{"id": "std", "name": "Std", "price": {"USD": 500}, "countries": []}]}"#
        #expect(
            try problems(["products.json": Self.products, "promotions.json": gift, "shipping.json": shipping])
                == ["currencies.json: missing; the catalogue needs this file"])
        let broken = try problems([
            "currencies.json": Self.currencies, "products.json": "{\"data\": [", "promotions.json": gift,
        ])
        #expect(broken.count == 1, "\(broken)")
        #expect(broken.first?.hasPrefix("products.json:1: not valid JSON") == true, "\(broken)")
        // A file that loads still has its references checked.
        let unknown = try problems([
            "currencies.json": Self.currencies, "products.json": Self.products,
            "shipping.json": #"{"data": [{"id": "std", "name": "Std", "price": {"EUR": 500}, "countries": []}]}"#,
        ])
        #expect(unknown.contains { $0.contains("names unknown currency 'EUR'") }, "\(unknown)")
    }
}
