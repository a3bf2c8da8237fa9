import Foundation
import Testing

/// What a new user meets first (issue 17): the samples work on whatever day they are run, and a batch of old carts
/// replayed with today's clock says what happened and what to pass.
@Suite("a new user's first runs", .serialized)
struct NewUserTests {
    typealias E = ExecutableTests

    @Test("the samples give the same outcome on the system clock as on their own date: only the expired sample expires")
    func samplesWorkOnAnyDate() throws {
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: tmp) }
        let samples = E.repository.appendingPathComponent("samples").path
        let today = try E.run(["run", samples, "--outbox", tmp.appendingPathComponent("a").path, "--keep-inputs"])
        #expect(today.stderr.contains("16 carts from 10 inputs: 10 orders, 6 rejected"), "\(today.stderr)")
        #expect(today.stderr.contains("cart_expired 1,"), "\(today.stderr)")
        // The summary names the report a person opens, and each unreadable input with why and where to read more.
        #expect(today.stderr.contains("report: \(tmp.path)/a/reports/"), "\(today.stderr)")
        #expect(today.stderr.contains(".html (and .json)"), "\(today.stderr)")
        #expect(
            today.stderr.contains(
                "not a document: 06-broken.json: Expected ',' or '}' at line 2, column 25 (errors/inputs/06-broken.json.json)"
            ),
            "\(today.stderr)")
        #expect(!today.stderr.contains("<file>"), "\(today.stderr)")
        // Ten years on, nothing else has expired either.
        let later = try E.run([
            "run", samples, "--outbox", tmp.appendingPathComponent("b").path, "--keep-inputs",
            "--now", "2036-11-21T02:00:00Z",
        ])
        #expect(later.stderr.contains("10 orders, 6 rejected"), "\(later.stderr)")
        #expect(!later.stderr.contains("expired: last updated"), "one expired cart is no pattern: \(later.stderr)")
    }

    @Test("when expiry rejects many carts, the summary says so and names --now")
    func manyExpiredCartsNameNow() throws {
        var files: [String: [UInt8]] = [:]
        for i in 1...3 {
            files["old-\(i).json"] = Array(
                """
                {"data": {"reference": "old-\(i)", "updated_at": "2026-11-01T00:00:00Z",
                  "customer": {"name": "A B", "email": "a@example.com"},
                  "billing_address": {"first_name": "A", "last_name": "B", "line_1": "1 Road", "city": "Los Angeles",
                    "region": "CA", "postcode": "90001", "country": "US"},
                  "items": [{"sku": "t-shirt-002", "quantity": 1}], "shipping_method": "standard"}}
                """.utf8)
        }
        let ws = try E.workspace(files)
        defer { try? FileManager.default.removeItem(at: ws) }
        let r = try E.run(["run", ws.path, "--now", "2026-12-06T02:00:00Z"])
        #expect(r.status == 1)
        #expect(
            r.stderr.contains(
                "3 carts expired: last updated more than the catalogue's cart_ttl_days before the run clock 2026-12-06T02:00:00Z"
            ), "\(r.stderr)")
        #expect(r.stderr.contains("Run with --now set to the time they were due"), "\(r.stderr)")
    }

    @Test("watch says why it rejected an input, and where the error document is")
    func watchSaysWhy() throws {
        let ws = try E.workspace(["broken.json": Array("{\"data\": {".utf8)])
        defer { try? FileManager.default.removeItem(at: ws) }
        let (p, err) = try WatchTests.start(ws)
        #expect(WatchTests.waitFor(10) { E.listing(ws.appendingPathComponent("rejected")).contains("broken.json") })
        #expect(WatchTests.stop(p) == 0)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(
            stderr.contains("broken.json: 0 carts, 0 orders, 0 rejected, 0 duplicates (rejected): "), "\(stderr)")
        #expect(stderr.contains("— see errors/inputs/broken.json.json"), "\(stderr)")
    }

    @Test("documents that only look like carts are named for what they are, in one error each")
    func documentKinds() throws {
        let documents: [String: String] = [
            "a-ep-order.json":
                #"{"data": {"type": "order", "id": "5fb7a2a6-…", "status": "complete", "payment": "paid", "meta": {}}}"#,
            "b-ep-items.json":
                #"{"data": [{"type": "cart_item", "id": "c1", "sku": "t-shirt-002", "quantity": 1}], "meta": {}}"#,
            "c-shopify.json": #"{"order": {"id": 450789469, "financial_status": "paid", "line_items": []}}"#,
            "d-commercetools.json": #"{"id": "ct-1", "version": 1, "lineItems": [], "orderState": "Open"}"#,
        ]
        let ws = try E.workspace(documents.mapValues { Array($0.utf8) })
        defer { try? FileManager.default.removeItem(at: ws) }
        let r = try E.run(["run", ws.path, E.now, "--quiet"])
        #expect(r.status == 1)
        #expect(E.listing(ws.appendingPathComponent("rejected")) == documents.keys.sorted())
        for (file, kind) in [
            ("a-ep-order.json", "an Elastic Path order (a checkout response)"),
            ("b-ep-items.json", "an Elastic Path cart-items response"), ("c-shopify.json", "a Shopify order"),
            ("d-commercetools.json", "a commercetools order"),
        ] {
            let doc = try String(
                contentsOf: ws.appendingPathComponent("outbox/errors/inputs/\(file).json"), encoding: .utf8)
            #expect(doc.contains("\"detail\": \"This is \(kind), not a cart:"), "\(file): \(doc)")
            #expect(doc.components(separatedBy: "\"code\"").count == 2, "one error for \(file): \(doc)")
        }
    }

    /// What the progress line drew on a pseudo-terminal of `columns` columns: each redraw's text after `\r\e[K`.
    static func progressDraws(columns: Int) throws -> [String] {
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: tmp) }
        let samples = E.repository.appendingPathComponent("samples").path
        let command =
            "stty cols \(columns) rows 20; \(E.executable.path) run \(samples) --keep-inputs --outbox \(tmp.path)/out \(E.now)"
        let typescript = tmp.appendingPathComponent("typescript").path
        _ = try E.run(["script", "-qec", command, typescript], executable: URL(fileURLWithPath: "/usr/bin/env"))
        let drawn = try String(contentsOf: URL(fileURLWithPath: typescript), encoding: .utf8)
        return drawn.components(separatedBy: "\r\u{1B}[K").dropFirst().map {
            String($0.prefix { $0 != "\r" && $0 != "\n" })
        }.filter { !$0.isEmpty && !$0.hasPrefix("checkout-batch") }
    }

    @Test("the progress line fits the terminal: cut to 49 characters at 50 columns, whole at 120")
    func progressFitsTheTerminal() throws {
        let narrow = try Self.progressDraws(columns: 50)
        #expect(!narrow.isEmpty)
        #expect(narrow.allSatisfy { $0.count <= 49 }, "\(narrow)")
        #expect(narrow.first?.hasSuffix("…") == true, "\(narrow)")
        let wide = try Self.progressDraws(columns: 120)
        #expect(wide.first?.hasPrefix("files 1/10 · carts 0 · 0 carts/s · rejected 0 · ETA") == true, "\(wide)")
        #expect(wide.allSatisfy { !$0.hasSuffix("…") }, "\(wide)")
    }

    @Test("one large feed gets an ETA from the bytes read, not `--` for its whole run")
    func etaWithinOneFeed() throws {
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: tmp) }
        _ = try E.script(
            "python3", "generate-workload.py",
            [
                tmp.appendingPathComponent("ws").path, "--carts", "4000", "--files", "1", "--formats", "ndjson",
                "--seed", "3",
            ])
        let command =
            "stty cols 120 rows 20; \(E.executable.path) run \(tmp.path)/ws \(E.now) --jobs 1"
        let typescript = tmp.appendingPathComponent("typescript").path
        _ = try E.run(["script", "-qec", command, typescript], executable: URL(fileURLWithPath: "/usr/bin/env"))
        let drawn = try String(contentsOf: URL(fileURLWithPath: typescript), encoding: .utf8)
        let draws = drawn.components(separatedBy: "\r\u{1B}[K").filter { $0.hasPrefix("files 1/1") }
        #expect(draws.count >= 2, "\(draws)")
        #expect(
            draws.contains { $0.range(of: #"ETA \d+:\d\d"#, options: .regularExpression) != nil },
            "no ETA while the one feed was read: \(draws)")
    }
}
