import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Nothing blocks the inbox, nothing half-read is taken, nothing is overwritten (issue 13; SPEC §8, §11): hostile
/// names, sizes, numbers, vanishing inputs, colliding names, a closed log pipe, and `verify` on what is no outbox.
@Suite("robustness", .serialized)
struct RobustnessTests {
    typealias E = ExecutableTests

    static func cart(_ reference: String) -> [UInt8] { WatchTests.cart(reference) }

    /// Writes a file whose name is raw bytes (not always UTF-8) into `folder`.
    static func write(_ bytes: [UInt8], named name: [UInt8], in folder: URL) {
        let path = Array(folder.path.utf8) + [UInt8(ascii: "/")] + name + [0]
        let fd = path.withUnsafeBufferPointer {
            $0.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_WRONLY | O_CREAT | O_TRUNC, 0o644) }
        }
        _ = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        close(fd)
    }

    /// The names in `folder` as bytes.
    static func rawNames(_ folder: URL) -> [[UInt8]] {
        guard let dir = opendir(folder.path) else { return [] }
        defer { closedir(dir) }
        var names: [[UInt8]] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
            if name != [46] && name != [46, 46] { names.append(name) }
        }
        return names.sorted { $0.lexicographicallyPrecedes($1) }
    }

    @Test("a 250-byte name and a name that is not UTF-8 are handled, moved under their own bytes, and block nothing")
    func hostileNames() throws {
        let ws = try E.workspace()
        defer { try? FileManager.default.removeItem(at: ws) }
        let inbox = ws.appendingPathComponent("inbox")
        let long = Array(String(repeating: "l", count: 245).utf8) + Array(".json".utf8)  // 250 bytes
        let latin1 = Array("caf".utf8) + [0xE9] + Array("-order.json".utf8)  // "café" in ISO 8859-1
        Self.write(Array("{not json".utf8), named: long, in: inbox)
        Self.write(Self.cart("latin-1"), named: latin1, in: inbox)
        Self.write(Self.cart("after-1"), named: Array("z-after.json".utf8), in: inbox)
        for round in 1...2 {
            let r = try E.run(["run", ws.path, E.now, "--quiet"])
            #expect(r.status == (round == 1 ? 1 : 0), "round \(round): \(r.stderr)")
        }
        #expect(E.listing(ws.appendingPathComponent("outbox/orders")) == ["after-1.json", "latin-1.json"])
        #expect(Self.rawNames(ws.appendingPathComponent("rejected")) == [long])
        #expect(Self.rawNames(ws.appendingPathComponent("archive")) == [latin1, Array("z-after.json".utf8)])
        #expect(Self.rawNames(inbox).isEmpty)
        // The long name's error document: its first 180 bytes, ~, 16 hex digits of its SHA-256.
        let docs = E.documents(ws.appendingPathComponent("outbox/errors"))
        #expect(docs.count == 1)
        let doc = docs.first ?? ""
        #expect(
            doc.hasPrefix("inputs/" + String(repeating: "l", count: 180) + "~") && doc.hasSuffix(".json")
                && doc.utf8.count == 7 + 180 + 1 + 16 + 5, "\(doc)")
        // The order of the non-UTF-8 name says where it came from, with the byte that is not UTF-8 as %E9.
        let report = try String(
            contentsOf: ws.appendingPathComponent("outbox/reports/20261121T020000Z.json"), encoding: .utf8)
        #expect(report.contains("\"file\": \"caf%E9-order.json\""), "\(report)")
    }

    @Test("a .json over 256 MiB is refused before it is read, with what to do instead; the next input goes on")
    func hugeJSONDocument() throws {
        let ws = try E.workspace(["b-good.json": Self.cart("good-1")])
        defer { try? FileManager.default.removeItem(at: ws) }
        let huge = ws.appendingPathComponent("inbox/a-huge.json").path
        let fd = open(huge, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        #expect(ftruncate(fd, 300 << 20) == 0)  // 300 MB (sparse): far more than memory allows to parse
        close(fd)
        // Under a 512 MB memory limit, as SPEC §11 promises to stay within.
        let r = try E.run(
            ["--data=\(512 << 20)", E.executable.path, "run", ws.path, E.now, "--quiet"],
            executable: URL(fileURLWithPath: "/usr/bin/prlimit"))
        #expect(r.status == 1, "\(r.stderr)")
        #expect(E.listing(ws.appendingPathComponent("outbox/orders")) == ["good-1.json"])
        #expect(E.listing(ws.appendingPathComponent("rejected")) == ["a-huge.json"])
        let doc = try String(
            contentsOf: ws.appendingPathComponent("outbox/errors/inputs/a-huge.json.json"), encoding: .utf8)
        #expect(
            doc.contains("a-huge.json is 300 MiB; a .json document may be at most 256 MiB. Send it as NDJSON"), "\(doc)"
        )
    }

    /// Runs one cart whose quantity has `zeros` leading fractional zeros; returns the wall time and the error.
    static func zeroPadded(_ zeros: Int, format: String) throws -> (seconds: Double, document: String) {
        let quantity = "0." + String(repeating: "0", count: zeros) + "1"
        let text: String
        if format == "xml" {
            text =
                "<cart reference=\"pad-1\"><items><item sku=\"t-shirt-002\" quantity=\"\(quantity)\"/></items></cart>"
        } else {
            text = "{\"reference\": \"pad-1\", \"items\": [{\"sku\": \"t-shirt-002\", \"quantity\": \(quantity)}]}\n"
        }
        let ws = try E.workspace(["pad.\(format)": Array(text.utf8)])
        defer { try? FileManager.default.removeItem(at: ws) }
        let start = Date()
        let r = try E.run(["run", ws.path, E.now, "--quiet"])
        let seconds = Date().timeIntervalSince(start)
        #expect(r.status == 1)
        let doc = try String(
            contentsOf: ws.appendingPathComponent("outbox/errors/inputs/pad.\(format).1.json"), encoding: .utf8)
        return (seconds, "\(doc)")
    }

    @Test(
        "a number with a million leading zeros costs what a short one costs: a clear error, in linear time",
        arguments: ["ndjson", "xml"])
    func zeroPaddedNumbers(format: String) throws {
        let small = try Self.zeroPadded(10_000, format: format)
        let large = try Self.zeroPadded(1_000_000, format: format)
        #expect(large.document.contains("A number literal longer than 64 characters"), "\(large.document)")
        #expect(small.document.contains("A number literal longer than 64 characters"))
        // 100 times the input: linear time means the process start-up still dominates (quadratic was ~180×).
        #expect(large.seconds < small.seconds * 20 + 0.5, "10 KB: \(small.seconds) s, 1 MB: \(large.seconds) s")
    }

    @Test("unknown fields are skipped, limits hold per cart, and the other carts of the input still convert")
    func limitsPerCart() throws {
        let good = String(decoding: Self.cart("lim-ok"), as: UTF8.self)
        let unknownNumbers = "[" + Array(repeating: "1", count: 200_000).joined(separator: ",") + "]"
        let withUnknown = good.replacingOccurrences(
            of: "\"reference\": \"lim-ok\"", with: "\"reference\": \"lim-unknown\", \"notes\": \(unknownNumbers)")
        let items =
            "[" + Array(repeating: "{\"sku\": \"t-shirt-002\", \"quantity\": 1}", count: 100_001).joined(separator: ",")
            + "]"
        let tooMany = "{\"reference\": \"lim-items\", \"items\": \(items)}"
        let deep =
            "{\"reference\": \"lim-deep\", \"notes\": " + String(repeating: "[", count: 70)
            + String(repeating: "]", count: 70) + "}"
        let json =
            "{\"data\": [\(good.dropFirst(9).dropLast(1)), \(tooMany), \(deep), \(withUnknown.dropFirst(9).dropLast(1))]}"
        let ws = try E.workspace(["feed.json": Array(json.utf8)])
        defer { try? FileManager.default.removeItem(at: ws) }
        let r = try E.run(["run", ws.path, E.now, "--quiet"])
        #expect(r.status == 1, "\(r.stderr)")
        #expect(E.listing(ws.appendingPathComponent("outbox/orders")) == ["lim-ok.json", "lim-unknown.json"])
        let docs = E.documents(ws.appendingPathComponent("outbox/errors"))
        #expect(docs == ["inputs/feed.json.2.json", "inputs/feed.json.3.json"], "\(docs)")
        let items2 = try String(
            contentsOf: ws.appendingPathComponent("outbox/errors/inputs/feed.json.2.json"), encoding: .utf8)
        #expect(items2.contains("More than 100000 elements in one list"), "\(items2)")
        let deep3 = try String(
            contentsOf: ws.appendingPathComponent("outbox/errors/inputs/feed.json.3.json"), encoding: .utf8)
        #expect(deep3.contains("Nesting deeper than 64 levels"), "\(deep3)")
    }

    @Test("an input deleted before it is reached, or unlinked while it is read, never stops the run")
    func vanishingInputs() throws {
        // A feed large enough to be caught mid-read, and a file after it.
        var feed = ""
        for n in 0..<6000 {
            feed +=
                String(decoding: Self.cart("v-\(n)"), as: UTF8.self).dropFirst(9).dropLast(1).replacingOccurrences(
                    of: "\n", with: " ") + "\n"
        }
        let ws = try E.workspace(["a-feed.ndjson": Array(feed.utf8), "z-late.json": Self.cart("late-1")])
        defer { try? FileManager.default.removeItem(at: ws) }
        // Unlimited stock, so every cart of the feed converts.
        try FileManager.default.removeItem(at: ws.appendingPathComponent("catalogue/inventory.json"))
        let p = Process()
        p.executableURL = E.executable
        p.arguments = ["run", ws.path, E.now, "--quiet", "--jobs", "1"]
        let err = Pipe()
        p.standardError = err
        try p.run()
        let orders = ws.appendingPathComponent("outbox/orders")
        let caught = WatchTests.waitFor(30) { !E.listing(orders).isEmpty }
        unlink(ws.appendingPathComponent("inbox/a-feed.ndjson").path)
        unlink(ws.appendingPathComponent("inbox/z-late.json").path)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(caught)
        #expect(p.terminationStatus == 0, "\(stderr)")
        #expect(E.listing(orders).count == 6000, "what was read of the unlinked feed is committed")
        #expect(E.listing(ws.appendingPathComponent("archive")).isEmpty)
        #expect(E.documents(ws.appendingPathComponent("outbox/errors")).isEmpty)
        let report = try String(
            contentsOf: ws.appendingPathComponent("outbox/reports/20261121T020000Z.json"), encoding: .utf8)
        #expect(report.components(separatedBy: "\"outcome\": \"vanished\"").count == 3, "\(report)")
    }

    @Test("error documents of inputs, of carts without a reference and of references never overwrite each other")
    func noNameCollisions() throws {
        func ref(_ reference: String, valid: Bool) -> String {
            let cart = String(decoding: Self.cart(reference), as: UTF8.self)
            return valid ? cart : cart.replacingOccurrences(of: "\"t-shirt-002\"", with: "\"no-such-sku\"")
        }
        let ws = try E.workspace([
            "x.json": Array("{broken".utf8),
            "y.json": Array("{broken".utf8),
            "feed.ndjson": Array("{\"reference\": \"f-1\"}\n{\"items\": []}\n".utf8),
            "refs-a.json": Array(ref("x.json.json", valid: false).utf8),
            "refs-b.json": Array(ref("y.json", valid: true).utf8),
            "refs-c.json": Array(ref("feed.ndjson.2", valid: false).utf8),
            "refs-d.json": Array(ref("z.json", valid: false).utf8),
            "z.json": Self.cart("z-good"),
        ])
        defer { try? FileManager.default.removeItem(at: ws) }
        let r = try E.run(["run", ws.path, E.now, "--quiet"])
        #expect(r.status == 1)
        #expect(
            E.documents(ws.appendingPathComponent("outbox/errors")) == [
                "f-1.json", "feed.ndjson.2.json", "inputs/feed.ndjson.2.json", "inputs/x.json.json",
                "inputs/y.json.json", "x.json.json.json", "z.json.json",
            ])
        #expect(E.listing(ws.appendingPathComponent("outbox/orders")) == ["y.json.json", "z-good.json"])
    }

    @Test("a new outcome clears the old one: of a reference, within a run and across runs, and of an input")
    func latestOutcomeOnly() throws {
        func cart(_ reference: String, valid: Bool) -> [UInt8] {
            let cart = String(decoding: Self.cart(reference), as: UTF8.self)
            return Array(
                (valid ? cart : cart.replacingOccurrences(of: "\"t-shirt-002\"", with: "\"no-such-sku\"")).utf8)
        }
        // First run: a reference rejected, an input that breaks off; a reference rejected and then converted.
        let ws = try E.workspace([
            "a.json": cart("again-1", valid: false), "b.json": Array("{broken".utf8),
            "c.json": cart("twice-1", valid: false), "d.json": cart("twice-1", valid: true),
        ])
        defer { try? FileManager.default.removeItem(at: ws) }
        let errors = ws.appendingPathComponent("outbox/errors")
        #expect(try E.run(["run", ws.path, E.now, "--quiet"]).status == 1)
        #expect(E.documents(errors) == ["again-1.json", "inputs/b.json.json"])
        #expect(E.listing(ws.appendingPathComponent("outbox/orders")) == ["twice-1.json"])
        // Second run: the same reference and the same input name, now good.
        try Data(cart("again-1", valid: true)).write(to: ws.appendingPathComponent("inbox/a.json"))
        try Data(cart("again-2", valid: true)).write(to: ws.appendingPathComponent("inbox/b.json"))
        let second = try E.run(["run", ws.path, E.now, "--quiet"])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(E.documents(errors).isEmpty)
        #expect(
            E.listing(ws.appendingPathComponent("outbox/orders")) == ["again-1.json", "again-2.json", "twice-1.json"])
    }

    @Test("a closed log pipe does not kill the batch: the run finishes, writes its report and moves its inputs")
    func closedLogPipe() throws {
        let ws = try E.workspace([
            "a.json": Self.cart("pipe-1"), "b.json": Self.cart("pipe-2"), "c.json": Self.cart("pipe-3"),
        ])
        defer { try? FileManager.default.removeItem(at: ws) }
        let command =
            "'\(E.executable.path)' run '\(ws.path)' \(E.now) --log-format json | head -1; echo \"status ${PIPESTATUS[0]}\" >&2"
        let r = try E.run(["-c", command], executable: URL(fileURLWithPath: "/bin/bash"))
        #expect(r.stderr.contains("status 0"), "\(r.stderr)")
        #expect(r.stdout.split(separator: "\n").count == 1)
        #expect(E.listing(ws.appendingPathComponent("outbox/orders")) == ["pipe-1.json", "pipe-2.json", "pipe-3.json"])
        #expect(E.listing(ws.appendingPathComponent("archive")) == ["a.json", "b.json", "c.json"])
        #expect(E.listing(ws.appendingPathComponent("outbox/reports")).count == 2)
    }

    @Test("libxml2 says nothing of its own on standard error: --quiet is quiet")
    func libxml2IsQuiet() throws {
        let ws = try E.workspace([
            "a.xml": Array(
                "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><cart reference=\"x\"><customer name=\"\u{00E9}".utf8)
                + [0xFF, 0xFE, 0x00],
            "b.xml": [0xFE, 0xFF, 0x00, 0x3C, 0xD8, 0x00],
            "c.xml": Array("<?xml version=\"1.0\" encoding=\"Shift_JIS\"?><cart reference=\"".utf8) + [
                0x81, 0x39, 0xFF,
            ],
        ])
        defer { try? FileManager.default.removeItem(at: ws) }
        let r = try E.run(["run", ws.path, E.now, "--quiet"])
        #expect(r.status == 1)
        #expect(r.stderr.isEmpty, "\(r.stderr)")
        #expect(E.listing(ws.appendingPathComponent("rejected")).count == 3)
    }

    @Test("verify refuses what is not an outbox (exit 66, naming what is missing)")
    func verifyNeedsOutboxes() throws {
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("verify-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: tmp) }
        for d in ["empty-a", "empty-b", "orders-a/orders", "orders-b/orders"] {
            try FileManager.default.createDirectory(
                at: tmp.appendingPathComponent(d), withIntermediateDirectories: true)
        }
        let a = try E.workspace(["a.json": Self.cart("v-1")])
        let b = try E.workspace(["a.json": Self.cart("v-1")])
        defer {
            try? FileManager.default.removeItem(at: a)
            try? FileManager.default.removeItem(at: b)
        }
        _ = try E.run(["run", a.path, E.now, "--quiet"])
        _ = try E.run(["run", b.path, E.now, "--quiet"])
        let empty = try E.run([
            "verify", tmp.appendingPathComponent("empty-a").path, tmp.appendingPathComponent("empty-b").path,
        ])
        #expect(empty.status == 66)
        #expect(empty.stderr.contains("it is not an outbox: it has no inventory.json"), "\(empty.stderr)")
        let workspaces = try E.run(["verify", a.path, b.path])
        #expect(workspaces.status == 66)
        #expect(workspaces.stderr.contains("(a workspace? its outbox is \(a.path)/outbox)"), "\(workspaces.stderr)")
        let orders = try E.run([
            "verify", tmp.appendingPathComponent("orders-a/orders").path,
            tmp.appendingPathComponent("orders-b/orders").path,
        ])
        #expect(orders.status == 66)
        // And two real outboxes still compare.
        #expect(
            try E.run(["verify", a.appendingPathComponent("outbox").path, b.appendingPathComponent("outbox").path])
                .status == 0)
    }

    /// SPEC §11: the outbox shows an input's latest outcome. The session knows which error documents are there and
    /// looks for an input's only when some input has one (issue 18), so a clean pass must still clear an old break.
    @Test("an input read cleanly after it broke clears its old error document")
    func cleanPassClearsAnOldBreak() throws {
        let ws = try E.workspace(["feed.json": Array("{\"data\": [".utf8), "other.json": Self.cart("other-1")])
        defer { try? FileManager.default.removeItem(at: ws) }
        let document = ws.appendingPathComponent("outbox/errors/inputs/feed.json.json").path
        #expect(try E.run(["run", ws.path, E.now]).status != 0)
        #expect(FileManager.default.fileExists(atPath: document))
        try Data(Self.cart("fixed-1")).write(to: ws.appendingPathComponent("inbox/feed.json"))
        #expect(try E.run(["run", ws.path, E.now]).status == 0)
        #expect(!FileManager.default.fileExists(atPath: document), "the old break is cleared")
        #expect(FileManager.default.fileExists(atPath: ws.appendingPathComponent("outbox/orders/fixed-1.json").path))
    }
}
