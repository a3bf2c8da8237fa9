import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Runs the built `checkout-batch` executable as a user would: exit codes, messages, and what lands on disk.
@Suite("checkout-batch executable", .serialized)
struct ExecutableTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
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
        return Result(
            status: p.terminationStatus, stderr: String(decoding: e, as: UTF8.self),
            stdout: String(decoding: o, as: UTF8.self))
    }

    /// One of the repository's `Scripts/`, run by `interpreter` (`python3`, `bash`) found on the PATH.
    static func script(_ interpreter: String, _ name: String, _ arguments: [String]) throws -> Result {
        let path = repository.appendingPathComponent("Scripts/\(name)").path
        return try run([interpreter, path] + arguments, executable: URL(fileURLWithPath: "/usr/bin/env"))
    }

    /// A fresh workspace with the samples' catalogue and the given inbox files.
    static func workspace(_ files: [String: [UInt8]] = [:]) throws -> URL {
        let fm = FileManager.default
        let ws = fm.temporaryDirectory.appendingPathComponent("e2e-\(UUID().uuidString)")
        try fm.createDirectory(at: ws.appendingPathComponent("inbox"), withIntermediateDirectories: true)
        try fm.copyItem(
            at: repository.appendingPathComponent("samples/catalogue"), to: ws.appendingPathComponent("catalogue"))
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
            if FileManager.default.fileExists(atPath: dir.appendingPathComponent(path).path, isDirectory: &isDir),
                !isDir.boolValue
            {
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

    static let goodCart: [UInt8] = Array(
        """
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
            #expect(r.stderr.contains("10 orders, 6 rejected"), "\(r.stderr)")
            outboxes.append(try Self.contents(URL(fileURLWithPath: outbox)))
        }
        #expect(outboxes[0] == outboxes[1])
        #expect(outboxes[0].keys.contains("orders/cart-1001.json"))
        #expect(outboxes[0].keys.contains("orders/NORD-PO-4711.json"))  // the partner's purchase order
        #expect(Self.listing(Self.repository.appendingPathComponent("samples/inbox")) == before)
        #expect(!FileManager.default.fileExists(atPath: Self.repository.appendingPathComponent("samples/archive").path))
    }

    @Test(
        "many groups of 256 carts, prepared ahead on other threads: the outbox and the journal are byte-identical for --jobs 1, 2 and 3 (but for which file each copy's input is)"
    )
    func jobsDoNotChangeTheOutbox() throws {
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: tmp) }
        let template = tmp.appendingPathComponent("template")
        // 3,000 carts in 6 files of 3 formats: 12 groups, scarce stock (allocation order matters), ~10% faulty.
        let g = try Self.script(
            "python3", "generate-workload.py",
            [
                template.path, "--carts", "3000", "--files", "6", "--mix", "--formats", "json,ndjson,xml", "--skus",
                "40", "--broken-xml",
            ])
        #expect(g.status == 0, "\(g.stderr)")
        var results: [[String: Data]] = []
        for jobs in ["1", "2", "3"] {
            let ws = tmp.appendingPathComponent("jobs\(jobs)")
            try FileManager.default.copyItem(at: template, to: ws)
            let r = try Self.run(["run", ws.path, "--jobs", jobs, Self.now, "--quiet"])
            #expect(r.status == 1, "\(r.stderr)")
            var outbox = try Self.contents(ws.appendingPathComponent("outbox"))
            // Progress lines name each input's inode, device and time, which differ between copies: those go.
            let journal = try String(
                contentsOf: ws.appendingPathComponent("outbox/.ledger/journal.ndjson"), encoding: .utf8)
            outbox["journal"] = Data(
                journal.replacing(#/"device":\d+,"inode":\d+,"size":\d+,"modified":-?\d+/#, with: "").utf8)
            #expect(journal.components(separatedBy: "{\"progress\":[").count == 14)  // one empty, 12 groups
            outbox["archive"] = Data(Self.listing(ws.appendingPathComponent("archive")).joined(separator: "\n").utf8)
            outbox["rejected"] = Data(Self.listing(ws.appendingPathComponent("rejected")).joined(separator: "\n").utf8)
            results.append(outbox)
        }
        #expect(results[0].keys.filter { $0.hasPrefix("orders/") }.count > 2000)
        #expect(results[0].keys.contains("errors/inputs/feed-broken.xml.json"))
        for i in 1..<results.count {
            #expect(results[i].keys.sorted() == results[0].keys.sorted())
            for (key, value) in results[0] where results[i][key] != value {
                Issue.record("--jobs \(i + 1) differs in \(key)")
            }
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
        #expect(
            Self.listing(ws.appendingPathComponent("outbox/reports")) == [
                "20261121T020000Z.html", "20261121T020000Z.json",
            ])
        // The same cart again: a duplicate, exit 0, a second report with a counter.
        try Data(Self.goodCart).write(to: ws.appendingPathComponent("inbox/again.json"))
        let again = try Self.run(["run", ws.path, Self.now])
        #expect(again.status == 0)
        #expect(again.stderr.contains("1 duplicate"))
        #expect(
            Self.listing(ws.appendingPathComponent("outbox/reports")) == [
                "20261121T020000Z-2.html", "20261121T020000Z-2.json",
                "20261121T020000Z.html", "20261121T020000Z.json",
            ])
    }

    @Test("bad input of every kind becomes an error document; nothing crashes and the batch goes on")
    func hostileInputs() throws {
        let huge =
            "{\"data\": {\"reference\": \"huge-1\", \"customer\": {\"name\": \""
            + String(repeating: "x", count: 50_000_000)
            + "\", \"email\": \"a@example.com\"}, \"items\": []}}"
        let ws = try Self.workspace([
            "a-empty.json": [],
            "b-huge-string.json": Array(huge.utf8),
            "c-big-number.json": Array(
                #"{"data": {"reference": "big-1", "items": [{"sku": "t-shirt-002", "quantity": 1e400}], "payment": {"status": "paid", "amount": 99999999999999999999}}}"#
                    .utf8),
            "d-nul.json": [0x7B, 0x00, 0x7D],
            "e-deep.json": Array(String(repeating: "[", count: 200_000).utf8),
            "f-refs.json": Array(
                #"{"data": [{"reference": "../../x"}, {"reference": "a/b"}, {"reference": "a\u0000b"}]}"#.utf8),
            "z-good.json": Self.goodCart,
        ])
        defer { try? FileManager.default.removeItem(at: ws) }
        // A folder and a link pointing outside the inbox are not read.
        try FileManager.default.createDirectory(
            at: ws.appendingPathComponent("inbox/g-folder.json"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: ws.appendingPathComponent("inbox/h-link.json").path, withDestinationPath: "/etc/passwd")
        // A FIFO no one writes to: opening it to read would wait for a writer for ever.
        #expect(mkfifo(ws.appendingPathComponent("inbox/i-fifo.json").path, 0o644) == 0)
        let r = try Self.run(["run", ws.path, Self.now])
        #expect(r.status == 1, "\(r.stderr)")
        let errors = Self.documents(ws.appendingPathComponent("outbox/errors"))
        #expect(
            errors == [
                "big-1.json", "huge-1.json", "inputs/a-empty.json.json", "inputs/d-nul.json.json",
                "inputs/e-deep.json.json",
                "inputs/f-refs.json.1.json", "inputs/f-refs.json.2.json", "inputs/f-refs.json.3.json",
                "inputs/g-folder.json.json", "inputs/h-link.json.json", "inputs/i-fifo.json.json",
            ])
        #expect(Self.listing(ws.appendingPathComponent("outbox/orders")) == ["e2e-1.json"])
        #expect(
            Self.listing(ws.appendingPathComponent("rejected")) == [
                "a-empty.json", "d-nul.json", "e-deep.json", "g-folder.json", "h-link.json", "i-fifo.json",
            ])
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
        let good =
            "<cart reference=\"x-ok\"><customer name=\"A\" email=\"a@example.com\"/><billing_address><first_name>A</first_name><last_name>B</last_name><line_1>1 Road</line_1><city>Eugene</city><region>Oregon</region><postcode>97401</postcode><country>US</country></billing_address><items><item sku=\"gift-card-004\" quantity=\"1\"/></items></cart>"
        let ws = try Self.workspace([
            "a-laughs.xml": Array(
                "<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]><cart reference=\"&b;\"/>"
                    .utf8),
            "b-xxe.xml": Array(
                "<?xml version=\"1.0\"?><!DOCTYPE c [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><cart reference=\"x\">&x;</cart>"
                    .utf8),
            "c-deep.xml": Array(("<carts><cart>" + String(repeating: "<a>", count: 100_000)).utf8),
            "d-empty.xml": [],
            "e-ORDER.XML": Array(good.utf8),
        ])
        defer { try? FileManager.default.removeItem(at: ws) }
        let r = try Self.run(["run", ws.path, Self.now])
        #expect(r.status == 1, "\(r.stderr)")
        #expect(Self.listing(ws.appendingPathComponent("outbox/orders")) == ["x-ok.json"])
        #expect(
            Self.listing(ws.appendingPathComponent("rejected")) == [
                "a-laughs.xml", "b-xxe.xml", "c-deep.xml", "d-empty.xml",
            ])
        let xxe = try String(
            contentsOf: ws.appendingPathComponent("outbox/errors/inputs/b-xxe.xml.json"), encoding: .utf8)
        #expect(xxe.contains("A DOCTYPE is not allowed"))
        #expect(!xxe.contains("root:"))
    }

    @Test("an input the process may not read is rejected with a clear error and does not block the folder")
    func unreadableInput() throws {
        let ws = try Self.workspace(["a-secret.json": Self.goodCart, "b-good.json": Self.goodCart])
        defer { try? FileManager.default.removeItem(at: ws) }
        let fm = FileManager.default
        try fm.setAttributes(
            [.posixPermissions: 0o000], ofItemAtPath: ws.appendingPathComponent("inbox/a-secret.json").path)
        var arguments = ["run", ws.path, Self.now]
        if getuid() == 0 {
            // Root reads anything: run as `nobody`, in a workspace it may write, so the permission is real.
            for path in ["", "inbox", "catalogue"]
                + Self.listing(ws.appendingPathComponent("catalogue")).map({ "catalogue/\($0)" })
            {
                try fm.setAttributes(
                    [.posixPermissions: path.hasPrefix("catalogue/") ? 0o644 : 0o777],
                    ofItemAtPath: ws.appendingPathComponent(path).path)
            }
            arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", Self.executable.path] + arguments
        }
        let r =
            getuid() == 0
            ? try Self.run(arguments, executable: URL(fileURLWithPath: "/usr/bin/setpriv")) : try Self.run(arguments)
        #expect(r.status == 1, "\(r.stderr)")
        #expect(Self.listing(ws.appendingPathComponent("rejected")) == ["a-secret.json"])
        #expect(Self.listing(ws.appendingPathComponent("archive")) == ["b-good.json"])
        let error = try String(
            contentsOf: ws.appendingPathComponent("outbox/errors/inputs/a-secret.json.json"), encoding: .utf8)
        #expect(error.contains("a-secret.json cannot be read: Permission denied"), "\(error)")
    }
}
