import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Runs the built `checkout-batch` executable as a user would: exit codes, messages, and what lands on disk.
@Suite("checkout-batch executable", .serialized)
struct ExecutableTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let now = "--now=2026-11-21T02:00:00Z"

    /// The executable next to the test bundle in the build folder.
    static var executable: URL {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while dir.path != "/" {
            let candidate = dir.appendingPathComponent("checkout-batch")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return repository.appendingPathComponent(".build/debug/checkout-batch")
    }

    struct Result {
        var status: Int32
        var stderr: String
        var stdout: String
    }

    static func run(_ arguments: [String], executable: URL = executable) throws -> Result {
        let p = Process()
        p.executableURL = executable
        p.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Result(status: p.terminationStatus, stderr: String(decoding: e, as: UTF8.self), stdout: String(decoding: o, as: UTF8.self))
    }

    /// A fresh workspace with the samples' catalogue and the given inbox files.
    static func workspace(_ files: [String: [UInt8]] = [:]) throws -> URL {
        let fm = FileManager.default
        let ws = fm.temporaryDirectory.appendingPathComponent("e2e-\(UUID().uuidString)")
        try fm.createDirectory(at: ws.appendingPathComponent("inbox"), withIntermediateDirectories: true)
        try fm.copyItem(at: repository.appendingPathComponent("samples/catalogue"), to: ws.appendingPathComponent("catalogue"))
        for (name, bytes) in files { try Data(bytes).write(to: ws.appendingPathComponent("inbox/\(name)")) }
        return ws
    }

    /// The names in `dir`, sorted.
    static func listing(_ dir: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).sorted()
    }

    /// The files below `dir`, in subfolders too, as sorted relative paths (`inputs/feed.ndjson.2.json`).
    static func documents(_ dir: URL) -> [String] {
        var names: [String] = []
        guard let walker = FileManager.default.enumerator(atPath: dir.path) else { return [] }
        while let path = walker.nextObject() as? String {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: dir.appendingPathComponent(path).path, isDirectory: &isDir), !isDir.boolValue {
                names.append(path)
            }
        }
        return names.sorted()
    }

    static func contents(_ dir: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        for sub in ["orders", "errors"] {
            for name in documents(dir.appendingPathComponent(sub)) {
                result["\(sub)/\(name)"] = try Data(contentsOf: dir.appendingPathComponent("\(sub)/\(name)"))
            }
        }
        result["inventory.json"] = try Data(contentsOf: dir.appendingPathComponent("inventory.json"))
        return result
    }

    static let goodCart: [UInt8] = Array("""
        {"data": {"reference": "e2e-1", "customer": {"name": "A B", "email": "a@example.com"},
          "billing_address": {"first_name": "A", "last_name": "B", "line_1": "1 Road", "city": "Los Angeles", "region": "CA", "postcode": "90001", "country": "US"},
          "items": [{"sku": "t-shirt-002", "quantity": 1}], "shipping_method": "standard"}}
        """.utf8)

    @Test("the samples, run twice from scratch, give the same outbox byte for byte, and the inputs stay put")
    func samplesAreDeterministic() throws {
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: tmp) }
        let samples = Self.repository.appendingPathComponent("samples").path
        let before = Self.listing(Self.repository.appendingPathComponent("samples/inbox"))
        var outboxes: [[String: Data]] = []
        for (i, jobs) in ["1", "2"].enumerated() {
            let outbox = tmp.appendingPathComponent("out\(i)").path
            let r = try Self.run(["run", samples, "--outbox", outbox, "--keep-inputs", "--jobs", jobs, Self.now])
            #expect(r.status == 1, "the samples include rejected carts: \(r.stderr)")
            #expect(r.stderr.contains("9 orders, 6 rejected"), "\(r.stderr)")
            outboxes.append(try Self.contents(URL(fileURLWithPath: outbox)))
        }
        #expect(outboxes[0] == outboxes[1])
        #expect(outboxes[0].keys.contains("orders/cart-1001.json"))
        #expect(Self.listing(Self.repository.appendingPathComponent("samples/inbox")) == before)
        #expect(!FileManager.default.fileExists(atPath: Self.repository.appendingPathComponent("samples/archive").path))
    }

    @Test("many groups of 256 carts, prepared ahead on other threads: the outbox and the journal are byte-identical for --jobs 1, 2 and 3")
    func jobsDoNotChangeTheOutbox() throws {
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: tmp) }
        let script = Self.repository.appendingPathComponent("Scripts/generate-workload.py").path
        let template = tmp.appendingPathComponent("template")
        // 3,000 carts in 6 files of 3 formats: 12 groups, scarce stock (allocation order matters), ~10% faulty.
        let g = try Self.run(["python3", script, template.path, "--carts", "3000", "--files", "6", "--mix",
                              "--formats", "json,ndjson,xml", "--skus", "40", "--broken-xml"],
                             executable: URL(fileURLWithPath: "/usr/bin/env"))
        #expect(g.status == 0, "\(g.stderr)")
        var results: [[String: Data]] = []
        for jobs in ["1", "2", "3"] {
            let ws = tmp.appendingPathComponent("jobs\(jobs)")
            try FileManager.default.copyItem(at: template, to: ws)
            let r = try Self.run(["run", ws.path, "--jobs", jobs, Self.now, "--quiet"])
            #expect(r.status == 1, "\(r.stderr)")
            var outbox = try Self.contents(ws.appendingPathComponent("outbox"))
            outbox["journal"] = try Data(contentsOf: ws.appendingPathComponent("outbox/.ledger/journal.ndjson"))
            outbox["archive"] = Data(Self.listing(ws.appendingPathComponent("archive")).joined(separator: "\n").utf8)
            outbox["rejected"] = Data(Self.listing(ws.appendingPathComponent("rejected")).joined(separator: "\n").utf8)
            results.append(outbox)
        }
        #expect(results[0].keys.filter { $0.hasPrefix("orders/") }.count > 2000)
        #expect(results[0].keys.contains("errors/inputs/feed-broken.xml.json"))
        for i in 1..<results.count {
            #expect(results[i].keys.sorted() == results[0].keys.sorted())
            for (key, value) in results[0] where results[i][key] != value { Issue.record("--jobs \(i + 1) differs in \(key)") }
        }
    }

    @Test("exit 0 when every cart converts; the input moves to archive/ only after")
    func convertsAndArchives() throws {
        let ws = try Self.workspace(["cart.json": Self.goodCart])
        defer { try? FileManager.default.removeItem(at: ws) }
        let r = try Self.run(["run", ws.path, Self.now])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(Self.listing(ws.appendingPathComponent("archive")) == ["cart.json"])
        #expect(Self.listing(ws.appendingPathComponent("inbox")).isEmpty)
        #expect(Self.listing(ws.appendingPathComponent("outbox/orders")) == ["e2e-1.json"])
        #expect(Self.listing(ws.appendingPathComponent("outbox/reports")) == ["20261121T020000Z.html", "20261121T020000Z.json"])
        // The same cart again: a duplicate, exit 0, a second report with a counter.
        try Data(Self.goodCart).write(to: ws.appendingPathComponent("inbox/again.json"))
        let again = try Self.run(["run", ws.path, Self.now])
        #expect(again.status == 0)
        #expect(again.stderr.contains("1 duplicate"))
        #expect(Self.listing(ws.appendingPathComponent("outbox/reports")) == ["20261121T020000Z-2.html", "20261121T020000Z-2.json",
                                                                              "20261121T020000Z.html", "20261121T020000Z.json"])
    }

    @Test("bad input of every kind becomes an error document; nothing crashes and the batch goes on")
    func hostileInputs() throws {
        let huge = "{\"data\": {\"reference\": \"huge-1\", \"customer\": {\"name\": \"" + String(repeating: "x", count: 50_000_000)
            + "\", \"email\": \"a@example.com\"}, \"items\": []}}"
        let ws = try Self.workspace([
            "a-empty.json": [],
            "b-huge-string.json": Array(huge.utf8),
            "c-big-number.json": Array(#"{"data": {"reference": "big-1", "items": [{"sku": "t-shirt-002", "quantity": 1e400}], "payment": {"status": "paid", "amount": 99999999999999999999}}}"#.utf8),
            "d-nul.json": [0x7B, 0x00, 0x7D],
            "e-deep.json": Array(String(repeating: "[", count: 200_000).utf8),
            "f-refs.json": Array(#"{"data": [{"reference": "../../x"}, {"reference": "a/b"}, {"reference": "a\u0000b"}]}"#.utf8),
            "z-good.json": Self.goodCart,
        ])
        defer { try? FileManager.default.removeItem(at: ws) }
        // A folder and a link pointing outside the inbox are not read.
        try FileManager.default.createDirectory(at: ws.appendingPathComponent("inbox/g-folder.json"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: ws.appendingPathComponent("inbox/h-link.json").path, withDestinationPath: "/etc/passwd")
        let r = try Self.run(["run", ws.path, Self.now])
        #expect(r.status == 1, "\(r.stderr)")
        let errors = Self.documents(ws.appendingPathComponent("outbox/errors"))
        #expect(errors == ["big-1.json", "huge-1.json", "inputs/a-empty.json.json", "inputs/d-nul.json.json", "inputs/e-deep.json.json",
                           "inputs/f-refs.json.1.json", "inputs/f-refs.json.2.json", "inputs/f-refs.json.3.json",
                           "inputs/g-folder.json.json", "inputs/h-link.json.json"])
        #expect(Self.listing(ws.appendingPathComponent("outbox/orders")) == ["e2e-1.json"])
        #expect(Self.listing(ws.appendingPathComponent("rejected")) == ["a-empty.json", "d-nul.json", "e-deep.json", "g-folder.json", "h-link.json"])
        let huge1 = try String(contentsOf: ws.appendingPathComponent("outbox/errors/huge-1.json"), encoding: .utf8)
        #expect(huge1.contains("\"code\": \"too_long\""))
        #expect(huge1.utf8.count < 10_000, "a 50 MB field must not be echoed back")
        let big = try String(contentsOf: ws.appendingPathComponent("outbox/errors/big-1.json"), encoding: .utf8)
        #expect(big.contains("\"code\": \"amount_overflow\""))
        #expect(big.contains("\"code\": \"invalid_quantity\""))
        // The link still points where it did, and nothing was written outside the outbox.
        #expect(FileManager.default.fileExists(atPath: "/etc/passwd"))
        #expect(!FileManager.default.fileExists(atPath: ws.appendingPathComponent("x.json").path))
    }

    @Test("hostile XML inputs are rejected one by one and the batch goes on")
    func hostileXML() throws {
        let good = "<cart reference=\"x-ok\"><customer name=\"A\" email=\"a@example.com\"/><billing_address><first_name>A</first_name><last_name>B</last_name><line_1>1 Road</line_1><city>Eugene</city><region>Oregon</region><postcode>97401</postcode><country>US</country></billing_address><items><item sku=\"gift-card-004\" quantity=\"1\"/></items></cart>"
        let ws = try Self.workspace([
            "a-laughs.xml": Array("<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]><cart reference=\"&b;\"/>".utf8),
            "b-xxe.xml": Array("<?xml version=\"1.0\"?><!DOCTYPE c [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><cart reference=\"x\">&x;</cart>".utf8),
            "c-deep.xml": Array(("<carts><cart>" + String(repeating: "<a>", count: 100_000)).utf8),
            "d-empty.xml": [],
            "e-ORDER.XML": Array(good.utf8),
        ])
        defer { try? FileManager.default.removeItem(at: ws) }
        let r = try Self.run(["run", ws.path, Self.now])
        #expect(r.status == 1, "\(r.stderr)")
        #expect(Self.listing(ws.appendingPathComponent("outbox/orders")) == ["x-ok.json"])
        #expect(Self.listing(ws.appendingPathComponent("rejected")) == ["a-laughs.xml", "b-xxe.xml", "c-deep.xml", "d-empty.xml"])
        let xxe = try String(contentsOf: ws.appendingPathComponent("outbox/errors/inputs/b-xxe.xml.json"), encoding: .utf8)
        #expect(xxe.contains("A DOCTYPE is not allowed"))
        #expect(!xxe.contains("root:"))
    }

    @Test("an input the process may not read is rejected with a clear error and does not block the folder")
    func unreadableInput() throws {
        let ws = try Self.workspace(["a-secret.json": Self.goodCart, "b-good.json": Self.goodCart])
        defer { try? FileManager.default.removeItem(at: ws) }
        let fm = FileManager.default
        try fm.setAttributes([.posixPermissions: 0o000], ofItemAtPath: ws.appendingPathComponent("inbox/a-secret.json").path)
        var arguments = ["run", ws.path, Self.now]
        if getuid() == 0 {
            // Root reads anything: run as `nobody`, in a workspace it may write, so the permission is real.
            for path in ["", "inbox", "catalogue"] + Self.listing(ws.appendingPathComponent("catalogue")).map({ "catalogue/\($0)" }) {
                try fm.setAttributes([.posixPermissions: path.hasPrefix("catalogue/") ? 0o644 : 0o777],
                                     ofItemAtPath: ws.appendingPathComponent(path).path)
            }
            arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", Self.executable.path] + arguments
        }
        let r = getuid() == 0 ? try Self.run(arguments, executable: URL(fileURLWithPath: "/usr/bin/setpriv")) : try Self.run(arguments)
        #expect(r.status == 1, "\(r.stderr)")
        #expect(Self.listing(ws.appendingPathComponent("rejected")) == ["a-secret.json"])
        #expect(Self.listing(ws.appendingPathComponent("archive")) == ["b-good.json"])
        let error = try String(contentsOf: ws.appendingPathComponent("outbox/errors/inputs/a-secret.json.json"), encoding: .utf8)
        #expect(error.contains("a-secret.json cannot be read: Permission denied"), "\(error)")
    }

    @Test("killed at random moments and restarted, the outbox is as if nothing had happened (short crash harness)")
    func crashEquivalence() throws {
        let script = Self.repository.appendingPathComponent("Scripts/crash-test.py").path
        let r = try Self.run(["python3", script, "--carts", "600", "--files", "6", "--kills", "12", "--binary", Self.executable.path],
                             executable: URL(fileURLWithPath: "/usr/bin/env"))
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("after crashes: 12 kills"), "\(r.stdout)")
        #expect(r.stdout.contains("identical:"), "\(r.stdout)")
    }

    @Test("a watcher killed at random moments while a writer is mid-file, and restarted, loses and doubles nothing (short crash harness)")
    func watchCrashEquivalence() throws {
        let script = Self.repository.appendingPathComponent("Scripts/crash-test.py").path
        let r = try Self.run(["python3", script, "--watch", "--carts", "600", "--files", "6", "--kills", "10", "--binary", Self.executable.path],
                             executable: URL(fileURLWithPath: "/usr/bin/env"))
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("after crashes: 10 kills"), "\(r.stdout)")
        #expect(r.stdout.contains("identical:"), "\(r.stdout)")
    }

    @Test("Schemas/: every catalogue file validates, and each cart of every fixture validates exactly when the program finds no shape problem in it")
    func schemasAgreeWithTheProgram() throws {
        let script = Self.repository.appendingPathComponent("Scripts/check-schemas.py").path
        let r = try Self.run(["python3", script, "--binary", Self.executable.path], executable: URL(fileURLWithPath: "/usr/bin/env"))
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)\n(jsonschema missing? run bash Scripts/ensure-deps.sh)")
        #expect(r.stdout.contains("; 0 disagreements"), "\(r.stdout)")
        // Fixtures 29 and 30 alone hold 56 carts with one shape problem each; the count guards against a run that checks nothing.
        let carts = r.stdout.firstMatch(of: /(\d+) carts, (\d+) schema-valid carts/)
        #expect((carts.flatMap { Int($0.1) } ?? 0) >= 150, "\(r.stdout)")
    }

    @Test("a full disk stops the run with exit 74, naming the file; once there is room, nothing is lost or doubled")
    func diskFull() throws {
        let script = Self.repository.appendingPathComponent("Scripts/disk-full-test.sh").path
        let r = try Self.run(["bash", script, Self.executable.path], executable: URL(fileURLWithPath: "/usr/bin/env"))
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("first run: exit 74: checkout-batch: cannot write"), "\(r.stdout)")
        #expect(r.stdout.contains("identical after the disk grew"), "\(r.stdout)")
    }

    @Test("verify: identical outboxes exit 0; a changed, missing or extra document exits 1 with a unified diff")
    func verify() throws {
        let ws = try Self.workspace(["cart.json": Self.goodCart])
        defer { try? FileManager.default.removeItem(at: ws) }
        _ = try Self.run(["run", ws.path, Self.now, "--keep-inputs"])
        let expected = ws.appendingPathComponent("expected")
        _ = try Self.run(["run", ws.path, Self.now, "--outbox", expected.path, "--keep-inputs"])
        let actual = ws.appendingPathComponent("outbox")
        let same = try Self.run(["verify", expected.path, actual.path])
        #expect(same.status == 0, "\(same.stdout)\(same.stderr)")
        #expect(same.stdout.isEmpty)
        // A report of another run differs but is not a result: still identical.
        #expect(try Self.run(["verify", expected.path, actual.path]).status == 0)
        let order = actual.appendingPathComponent("orders/e2e-1.json")
        let text = try String(contentsOf: order, encoding: .utf8).replacingOccurrences(of: "\"quantity\": 1", with: "\"quantity\": 2")
        try text.write(to: order, atomically: true, encoding: .utf8)
        try "{}\n".write(to: actual.appendingPathComponent("errors/extra.json"), atomically: true, encoding: .utf8)
        let changed = try Self.run(["verify", expected.path, actual.path])
        #expect(changed.status == 1)
        #expect(changed.stdout.contains("orders/e2e-1.json: --- \(expected.path)/orders/e2e-1.json"), "\(changed.stdout)")
        #expect(changed.stdout.contains("-        \"quantity\": 1,\n+        \"quantity\": 2,"), "\(changed.stdout)")
        #expect(changed.stdout.contains("errors/extra.json: only in \(actual.path)"))
        #expect(changed.stderr.contains("2 files differ"))
        #expect(try Self.run(["verify", expected.path]).status == 64)
    }

    @Test("check says what run would do — same counts, same exit code — and writes nothing")
    func check() throws {
        let fm = FileManager.default
        let tmp = fm.temporaryDirectory.appendingPathComponent("e2e-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: tmp) }
        try fm.copyItem(at: Self.repository.appendingPathComponent("samples"), to: tmp)
        let checked = try Self.run(["check", tmp.path, Self.now])
        #expect(checked.status == 1)
        #expect(checked.stdout.contains("15 carts in 9 inputs would give 9 orders, 6 rejected carts"), "\(checked.stdout)")
        #expect(checked.stdout.contains("06-broken.json: 0 carts, 0 orders, 0 rejected, 0 duplicates → would be rejected"))
        #expect(checked.stdout.contains("stock left: deck-shoe-001 11, t-shirt-002 85, mug-003 0, sticker-005 0, poster-007 3"), "\(checked.stdout)")
        #expect(Self.listing(tmp) == ["catalogue", "inbox"], "check wrote something")
        let ran = try Self.run(["run", tmp.path, Self.now])
        #expect(ran.status == checked.status)
        #expect(ran.stderr.contains("15 carts from 9 inputs: 9 orders, 6 rejected"))
        let inventory = try String(contentsOf: tmp.appendingPathComponent("outbox/inventory.json"), encoding: .utf8)
        #expect(inventory.contains("\"sku\": \"t-shirt-002\",\n      \"available\": 85"))
        // Checked again after the run: everything already converted is a duplicate.
        try fm.moveItem(at: tmp.appendingPathComponent("archive/02-feed.json"), to: tmp.appendingPathComponent("inbox/02-feed.json"))
        let again = try Self.run(["check", tmp.path, Self.now])
        #expect(again.stdout.contains("3 carts in 1 inputs would give 0 orders, 0 rejected carts, 3 duplicates"), "\(again.stdout)")
        #expect(again.status == 0)
    }

    @Test("--log-format json: one JSON object per event on standard output")
    func jsonLog() throws {
        let fm = FileManager.default
        let tmp = fm.temporaryDirectory.appendingPathComponent("e2e-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: tmp) }
        try fm.copyItem(at: Self.repository.appendingPathComponent("samples"), to: tmp)
        let r = try Self.run(["run", tmp.path, Self.now, "--log-format", "json", "--quiet"])
        #expect(r.status == 1)
        #expect(r.stderr.isEmpty)
        let events = try r.stdout.split(separator: "\n").map { line -> [String: Any] in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
        func count(_ name: String) -> Int { events.filter { $0["event"] as? String == name }.count }
        #expect(count("file_started") == 9)
        #expect(count("file_finished") == 9)
        #expect(count("cart_converted") == 9)
        #expect(count("cart_rejected") == 6)
        // The file that is not a document has no cart: it shows as a file rejected.
        #expect(events.contains { $0["event"] as? String == "file_finished" && $0["file"] as? String == "06-broken.json"
                                  && $0["outcome"] as? String == "rejected" })
        #expect(events.last?["event"] as? String == "run_finished")
        #expect(events.last?["exit_code"] as? Int == 1)
    }

    @Test("on a terminal a progress line is drawn and cleared; without one, none")
    func progressLine() throws {
        let fm = FileManager.default
        let tmp = fm.temporaryDirectory.appendingPathComponent("e2e-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: tmp) }
        try fm.copyItem(at: Self.repository.appendingPathComponent("samples"), to: tmp)
        let plain = try Self.run(["run", tmp.path, Self.now, "--keep-inputs", "--outbox", tmp.appendingPathComponent("plain").path])
        #expect(!plain.stderr.contains("\u{1B}[K"))
        // `script` gives the run a pseudo-terminal and records what it drew.
        let typescript = tmp.appendingPathComponent("typescript").path
        let command = "\(Self.executable.path) run \(tmp.path) \(Self.now) --keep-inputs --outbox \(tmp.appendingPathComponent("tty").path)"
        let r = try Self.run(["script", "-qec", command, typescript], executable: URL(fileURLWithPath: "/usr/bin/env"))
        #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
        let drawn = try String(contentsOf: URL(fileURLWithPath: typescript), encoding: .utf8)
        #expect(drawn.contains("\r\u{1B}[Kfiles 1/9 · carts 0"), "\(drawn)")
        #expect(drawn.contains("\r\u{1B}[Kcheckout-batch run"), "cleared before the summary")
    }

    @Test("the HTML report is well-formed and holds the figures of the JSON report")
    func htmlReport() throws {
        let fm = FileManager.default
        let tmp = fm.temporaryDirectory.appendingPathComponent("e2e-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: tmp) }
        try fm.copyItem(at: Self.repository.appendingPathComponent("samples"), to: tmp)
        _ = try Self.run(["run", tmp.path, Self.now])
        let html = tmp.appendingPathComponent("outbox/reports/20261121T020000Z.html").path
        // Well-formed: an XML parser reads it whole.
        let parse = try Self.run(["python3", "-c", "import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.argv[1])", html],
                                 executable: URL(fileURLWithPath: "/usr/bin/env"))
        #expect(parse.status == 0, "\(parse.stderr)")
        let page = try String(contentsOfFile: html, encoding: .utf8)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: tmp.appendingPathComponent("outbox/reports/20261121T020000Z.json"))) as? [String: Any])
        let counts = try #require(json["counts"] as? [String: Int])
        for (key, label) in [("inputs", "inputs"), ("carts", "carts"), ("orders", "orders"), ("rejected", "rejected"),
                             ("duplicates", "duplicates"), ("inputs_rejected", "unreadable inputs")] {
            #expect(page.contains("<b>\(counts[key]!)</b>\(label)</div>"), "\(key)")
        }
        for (code, count) in try #require(json["errors_by_code"] as? [String: Int]) {
            #expect(page.contains("<td><code>\(code)</code></td><td class=\"n\">\(count)</td>"), "\(code)")
        }
        // USD totals of the samples: cart-1001 486.09, gift-4001 92.90, mkt-9001 56.86, mug-7001 13.07 + 10.00 shipping…
        let totals = try #require(json["totals"] as? [[String: Any]])
        let usd = try #require(totals.first { $0["currency"] as? String == "USD" })
        let withTax = try #require(usd["with_tax"] as? Int)
        let formatted = "$" + String(withTax / 100).reversed().enumerated().map { $0.offset > 0 && $0.offset % 3 == 0 ? "\($0.element)," : "\($0.element)" }.joined().reversed().map(String.init).joined() + "." + String(format: "%02d", withTax % 100)
        #expect(page.contains("<td>USD</td><td class=\"n\">\(usd["orders"] as! Int)</td><td class=\"n\">\(formatted)</td>"), "\(formatted)")
        for sku in try #require(json["skus_out_of_stock"] as? [String]) { #expect(page.contains("<code>\(sku)</code>")) }
        for input in try #require(json["inputs"] as? [[String: Any]]) { #expect(page.contains(">\(input["file"] as! String)</text>")) }
        #expect(!page.contains("http://") || page.contains("xmlns=\"http://www.w3.org/2000/svg\""), "nothing fetched")
        #expect(!page.contains("<script") && !page.contains("<link") && !page.contains("src="))
    }

    @Test("usage errors exit 64 with a one-line message")
    func usage() throws {
        let r = try Self.run(["run", "--jobs", "zero"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("--jobs takes a whole number"))
        #expect(try Self.run(["frobnicate"]).status == 64)
        #expect(try Self.run(["run", "--bogus"]).status == 64)
        #expect(try Self.run(["run", "--now", "tomorrow"]).status == 64)
        let help = try Self.run(["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("Usage: checkout-batch"))
        for command in ["run", "watch", "check", "verify"] {
            let text = try Self.run(["help", command])
            #expect(text.status == 0)
            #expect(text.stdout.hasPrefix("Usage: checkout-batch \(command)"))
            #expect(text.stdout.components(separatedBy: "\n  checkout-batch \(command)").count == 3, "two examples for \(command)")
            #expect(try Self.run([command, "--help"]).stdout == text.stdout)
        }
        #expect(try Self.run(["help", "run"]).stdout.contains("--jobs N                threads for reading, validating and pricing, 1-256 (default: the number of cores)"))
        let typo = try Self.run(["run", "--jbos", "2"])
        #expect(typo.status == 64)
        #expect(typo.stderr.contains("unknown option --jbos; did you mean --jobs?"))
        #expect(try Self.run(["wacth"]).stderr.contains("did you mean watch?"))
        #expect(try Self.run(["run", "--jobs"]).stderr.contains("--jobs needs a value (N)"))
        #expect(try Self.run(["help", "frob"]).status == 64)
        #expect(try Self.run(["run", "--log-format", "xml"]).status == 64)
        #expect(try Self.run(["--version"]).stdout.hasPrefix("checkout-batch "))
    }

    @Test("a missing inbox or catalogue exits 66; an invalid catalogue exits 78 listing every problem, touching nothing")
    func missingAndInvalid() throws {
        let ws = try Self.workspace(["cart.json": Self.goodCart])
        defer { try? FileManager.default.removeItem(at: ws) }
        #expect(try Self.run(["run", ws.appendingPathComponent("nowhere").path]).status == 66)
        #expect(try Self.run(["run", ws.path, "--catalogue", "/nonexistent"]).status == 66)
        let products = ws.appendingPathComponent("catalogue/products.json")
        var text = try String(contentsOf: products, encoding: .utf8)
        text = text.replacingOccurrences(of: "\"sku\": \"mug-003\"", with: "\"sku\": \"t-shirt-002\"")
        text = text.replacingOccurrences(of: "\"amount\": 8900", with: "\"amount\": -1")
        try text.write(to: products, atomically: true, encoding: .utf8)
        try "{\"data\": [{\"code\": \"x\", \"jurisdiction\": \"US\", \"name\": \"X\", \"rate\": 0.1234567}]}".write(
            to: ws.appendingPathComponent("catalogue/taxes.json"), atomically: true, encoding: .utf8)
        let r = try Self.run(["run", ws.path, Self.now])
        #expect(r.status == 78)
        #expect(r.stderr.contains("products.json:6: duplicate sku 't-shirt-002' (first at line 4)"), "\(r.stderr)")
        #expect(r.stderr.contains("must not be negative"))
        #expect(r.stderr.contains("taxes.json:1: tax rate x: rate 0.1234567 has more than 6 decimal places"))
        #expect(Self.listing(ws.appendingPathComponent("inbox")) == ["cart.json"])
        #expect(!FileManager.default.fileExists(atPath: ws.appendingPathComponent("outbox").path))
    }

    @Test("a second process on the same workspace exits 75 naming the holder; a dead holder never blocks")
    func lock() throws {
        let ws = try Self.workspace(["cart.json": Self.goodCart])
        defer { try? FileManager.default.removeItem(at: ws) }
        let ledger = ws.appendingPathComponent("outbox/.ledger")
        try FileManager.default.createDirectory(at: ledger, withIntermediateDirectories: true)
        let fd = open(ledger.appendingPathComponent("lock").path, O_RDWR | O_CREAT, 0o644)
        #expect(fd >= 0)
        #expect(flock(fd, LOCK_EX | LOCK_NB) == 0)
        _ = "4242\n".withCString { write(fd, $0, 5) }
        let locked = try Self.run(["run", ws.path, Self.now])
        #expect(locked.status == 75)
        #expect(locked.stderr.contains("process 4242 holds the workspace lock"), "\(locked.stderr)")
        #expect(Self.listing(ws.appendingPathComponent("inbox")) == ["cart.json"])
        close(fd)  // as if the holder died: the kernel drops the lock, the file stays
        let after = try Self.run(["run", ws.path, Self.now])
        #expect(after.status == 0, "\(after.stderr)")
    }
}
