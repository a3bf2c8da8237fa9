import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// verify, check, the JSON log, the progress line, the HTML report, usage errors, exit codes 66/75/78.
extension ExecutableTests {
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
        let text = try String(contentsOf: order, encoding: .utf8).replacingOccurrences(
            of: "\"quantity\": 1", with: "\"quantity\": 2")
        try text.write(to: order, atomically: true, encoding: .utf8)
        try "{}\n".write(to: actual.appendingPathComponent("errors/extra.json"), atomically: true, encoding: .utf8)
        let changed = try Self.run(["verify", expected.path, actual.path])
        #expect(changed.status == 1)
        #expect(
            changed.stdout.contains("orders/e2e-1.json: --- \(expected.path)/orders/e2e-1.json"), "\(changed.stdout)")
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
        #expect(
            checked.stdout.contains("16 carts in 10 inputs would give 10 orders, 6 rejected carts"), "\(checked.stdout)"
        )
        #expect(
            checked.stdout.contains("06-broken.json: 0 carts, 0 orders, 0 rejected, 0 duplicates → would be rejected"))
        // Counts agree with their nouns: one cart, one unreadable input.
        #expect(
            checked.stdout.contains("01-cart-1001.json: 1 cart, 1 order, 0 rejected, 0 duplicates"), "\(checked.stdout)"
        )
        #expect(checked.stdout.contains("0 duplicates, 1 unreadable input\n"), "\(checked.stdout)")
        #expect(
            checked.stdout.contains(
                "stock left: deck-shoe-001 10, t-shirt-002 79, mug-003 0, sticker-005 0, poster-007 3"),
            "\(checked.stdout)")
        #expect(Self.listing(tmp) == ["catalogue", "inbox"], "check wrote something")
        let ran = try Self.run(["run", tmp.path, Self.now])
        #expect(ran.status == checked.status)
        #expect(ran.stderr.contains("16 carts from 10 inputs: 10 orders, 6 rejected"))
        let inventory = try String(contentsOf: tmp.appendingPathComponent("outbox/inventory.json"), encoding: .utf8)
        #expect(inventory.contains("\"sku\": \"t-shirt-002\",\n      \"available\": 79"))
        // Checked again after the run: everything already converted is a duplicate.
        try fm.moveItem(
            at: tmp.appendingPathComponent("archive/02-feed.json"), to: tmp.appendingPathComponent("inbox/02-feed.json")
        )
        let again = try Self.run(["check", tmp.path, Self.now])
        #expect(
            again.stdout.contains("3 carts in 1 input would give 0 orders, 0 rejected carts, 3 duplicates"),
            "\(again.stdout)")
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
        #expect(count("file_started") == 10)
        #expect(count("file_finished") == 10)
        #expect(count("cart_converted") == 10)
        #expect(count("cart_rejected") == 6)
        // The file that is not a document has no cart: it shows as a file rejected.
        #expect(
            events.contains {
                $0["event"] as? String == "file_finished" && $0["file"] as? String == "06-broken.json"
                    && $0["outcome"] as? String == "rejected"
            })
        #expect(events.last?["event"] as? String == "run_finished")
        #expect(events.last?["exit_code"] as? Int == 1)
    }

    @Test("on a terminal a progress line is drawn and cleared; without one, none")
    func progressLine() throws {
        let fm = FileManager.default
        let tmp = fm.temporaryDirectory.appendingPathComponent("e2e-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: tmp) }
        try fm.copyItem(at: Self.repository.appendingPathComponent("samples"), to: tmp)
        let plain = try Self.run([
            "run", tmp.path, Self.now, "--keep-inputs", "--outbox", tmp.appendingPathComponent("plain").path,
        ])
        #expect(!plain.stderr.contains("\u{1B}[K"))
        // `script` gives the run a pseudo-terminal and records what it drew.
        let typescript = tmp.appendingPathComponent("typescript").path
        let command =
            "\(Self.executable.path) run \(tmp.path) \(Self.now) --keep-inputs --outbox \(tmp.appendingPathComponent("tty").path)"
        let r = try Self.run(["script", "-qec", command, typescript], executable: URL(fileURLWithPath: "/usr/bin/env"))
        #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
        let drawn = try String(contentsOf: URL(fileURLWithPath: typescript), encoding: .utf8)
        #expect(drawn.contains("\r\u{1B}[Kfiles 1/10 · carts 0"), "\(drawn)")
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
        let parse = try Self.run(
            ["python3", "-c", "import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.argv[1])", html],
            executable: URL(fileURLWithPath: "/usr/bin/env"))
        #expect(parse.status == 0, "\(parse.stderr)")
        let page = try String(contentsOfFile: html, encoding: .utf8)
        let json = try #require(
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: tmp.appendingPathComponent("outbox/reports/20261121T020000Z.json")))
                as? [String: Any])
        let counts = try #require(json["counts"] as? [String: Int])
        for (key, label) in [
            ("inputs", "inputs"), ("carts", "carts"), ("orders", "orders"), ("rejected", "rejected"),
            ("duplicates", "duplicates"), ("inputs_rejected", "unreadable inputs"),
        ] {
            #expect(page.contains("<b>\(counts[key]!)</b>\(label)</div>"), "\(key)")
        }
        for (code, count) in try #require(json["errors_by_code"] as? [String: Int]) {
            #expect(page.contains("<td><code>\(code)</code></td><td class=\"n\">\(count)</td>"), "\(code)")
        }
        // USD totals of the samples: cart-1001 486.09, gift-4001 92.90, mkt-9001 56.86, mug-7001 13.07 + 10.00 shipping…
        let totals = try #require(json["totals"] as? [[String: Any]])
        let usd = try #require(totals.first { $0["currency"] as? String == "USD" })
        let withTax = try #require(usd["with_tax"] as? Int)
        let formatted =
            "$"
            + String(withTax / 100).reversed().enumerated().map {
                $0.offset > 0 && $0.offset % 3 == 0 ? "\($0.element)," : "\($0.element)"
            }.joined().reversed().map(String.init).joined() + "." + String(format: "%02d", withTax % 100)
        #expect(
            page.contains("<td>USD</td><td class=\"n\">\(usd["orders"] as! Int)</td><td class=\"n\">\(formatted)</td>"),
            "\(formatted)")
        for sku in try #require(json["skus_out_of_stock"] as? [String]) {
            #expect(page.contains("<code>\(sku)</code>"))
        }
        for input in try #require(json["inputs"] as? [[String: Any]]) {
            #expect(page.contains(">\(input["file"] as! String)</text>"))
        }
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
            #expect(
                text.stdout.components(separatedBy: "\n  checkout-batch \(command)").count == 3,
                "two examples for \(command)")
            #expect(try Self.run([command, "--help"]).stdout == text.stdout)
        }
        #expect(
            try Self.run(["help", "run"]).stdout.contains(
                "--jobs N                threads that validate, price and render carts, 1-256 (default: the number of cores)"
            ))
        let typo = try Self.run(["run", "--jbos", "2"])
        #expect(typo.status == 64)
        #expect(typo.stderr.contains("unknown option --jbos; did you mean --jobs?"))
        #expect(try Self.run(["wacth"]).stderr.contains("did you mean watch?"))
        #expect(try Self.run(["run", "--jobs"]).stderr.contains("--jobs needs a value (N)"))
        #expect(try Self.run(["help", "frob"]).status == 64)
        // No arguments at all: the usage on standard error, and exit 64 (issue 17).
        let bare = try Self.run([])
        #expect(bare.status == 64)
        #expect(bare.stderr.hasPrefix("Usage: checkout-batch COMMAND"), "\(bare.stderr)")
        // A flag the command does not take is refused, not ignored (`check --quiet` used to print anyway).
        let foreign = try Self.run(["check", "samples", "--quiet"])
        #expect(foreign.status == 64)
        #expect(
            foreign.stderr.contains(
                "check does not take --quiet; its options are --inbox, --catalogue, --outbox, --now, --jobs"),
            "\(foreign.stderr)")
        #expect(
            try Self.run(["verify", "a", "b", "--keep-inputs"]).stderr.contains("verify does not take --keep-inputs"))
        #expect(try Self.run(["run", "--log-format", "xml"]).status == 64)
        #expect(try Self.run(["--version"]).stdout.hasPrefix("checkout-batch "))
    }

    @Test(
        "a missing inbox or catalogue exits 66; an invalid catalogue exits 78 listing every problem, touching nothing")
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
