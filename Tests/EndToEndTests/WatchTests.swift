import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `checkout-batch watch` as a drop folder's user sees it (SPEC §10, issue 5).
@Suite("checkout-batch watch", .serialized)
struct WatchTests {
    typealias E = ExecutableTests

    static func cart(_ reference: String) -> [UInt8] {
        Array(String(decoding: E.goodCart, as: UTF8.self).replacingOccurrences(of: "e2e-1", with: reference).utf8)
    }

    /// Starts a watcher on `ws`; the caller stops it with SIGTERM.
    static func start(_ ws: URL, polling: Bool = false) throws -> (Process, Pipe) {
        let p = Process()
        p.executableURL = E.executable
        p.arguments = ["watch", ws.path, E.now]
        if polling {
            p.environment = ProcessInfo.processInfo.environment.merging(["CHECKOUT_BATCH_POLL": "1"]) { _, b in b }
        }
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        return (p, err)
    }

    static func waitFor(_ timeout: Double, _ condition: () -> Bool) -> Bool {
        let end = Date().addingTimeInterval(timeout)
        while Date() < end {
            if condition() { return true }
            usleep(10_000)
        }
        return condition()
    }

    static func stop(_ p: Process) -> Int32 {
        kill(p.processIdentifier, SIGTERM)
        p.waitUntilExit()
        return p.terminationStatus
    }

    @Test("files are taken once complete; temporary and dot files are left alone; SIGTERM exits 0 with a report")
    func takesCompleteFiles() throws {
        let ws = try E.workspace(["a-present.json": Self.cart("w-1")])
        defer { try? FileManager.default.removeItem(at: ws) }
        let (p, _) = try Self.start(ws)
        let inbox = ws.appendingPathComponent("inbox")
        let orders = ws.appendingPathComponent("outbox/orders")
        #expect(Self.waitFor(10) { E.listing(orders) == ["w-1.json"] }, "a file present at start is taken")
        // Written under a temporary name, then renamed in: taken after the rename.
        try Data(Self.cart("w-2")).write(to: inbox.appendingPathComponent("b.json.part"))
        try Data(Self.cart("w-3")).write(to: inbox.appendingPathComponent(".hidden.json"))
        usleep(400_000)
        #expect(E.listing(orders) == ["w-1.json"])
        try FileManager.default.moveItem(
            at: inbox.appendingPathComponent("b.json.part"), to: inbox.appendingPathComponent("b.json"))
        #expect(Self.waitFor(10) { E.listing(orders) == ["w-1.json", "w-2.json"] })
        #expect(Self.waitFor(10) { E.listing(ws.appendingPathComponent("archive")) == ["a-present.json", "b.json"] })
        #expect(Self.stop(p) == 0)
        #expect(E.listing(inbox) == [".hidden.json"])
        #expect(E.listing(ws.appendingPathComponent("archive")) == ["a-present.json", "b.json"])
        #expect(E.listing(ws.appendingPathComponent("outbox/reports")).count == 2, "the JSON report and its HTML page")
        #expect(FileManager.default.fileExists(atPath: ws.appendingPathComponent("outbox/inventory.json").path))
    }

    @Test(
        "a file written a byte every 10 ms for 2 s is not taken early", arguments: ["held open", "reopened per byte"])
    func slowWriter(style: String) throws {
        let ws = try E.workspace()
        defer { try? FileManager.default.removeItem(at: ws) }
        let (p, _) = try Self.start(ws)
        usleep(300_000)
        let target = ws.appendingPathComponent("inbox/slow.json").path
        // A cart padded to 200 bytes of white space after the JSON, written 1 byte per 10 ms: 2 s in all.
        var bytes = Self.cart("slow-1")
        bytes += [UInt8](repeating: 0x20, count: max(0, 200 - bytes.count))
        let chunk = bytes.count / 200
        var written = 0
        var fd: Int32 = style == "held open" ? open(target, O_WRONLY | O_CREAT | O_TRUNC, 0o644) : -1
        var early = false
        for i in 0..<200 {
            let end = i == 199 ? bytes.count : written + max(1, chunk)
            if style != "held open" { fd = open(target, O_WRONLY | O_CREAT | O_APPEND, 0o644) }
            _ = bytes[written..<end].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if style != "held open" { close(fd) }
            written = end
            usleep(10_000)
            if !E.documents(ws.appendingPathComponent("outbox/errors")).isEmpty
                || !E.listing(ws.appendingPathComponent("outbox/orders")).isEmpty
            {
                early = true
            }
        }
        if style == "held open" { close(fd) }
        #expect(!early, "the file was taken while still being written")
        #expect(Self.waitFor(10) { E.listing(ws.appendingPathComponent("outbox/orders")) == ["slow-1.json"] })
        #expect(E.documents(ws.appendingPathComponent("outbox/errors")).isEmpty)
        #expect(Self.stop(p) == 0)
    }

    @Test("without inotify, polling takes a file once its size and modification time are stable, not before")
    func pollingFallback() throws {
        let ws = try E.workspace()
        defer { try? FileManager.default.removeItem(at: ws) }
        let (p, _) = try Self.start(ws, polling: true)
        usleep(300_000)
        let target = ws.appendingPathComponent("inbox/polled.json").path
        let bytes = Self.cart("poll-1")
        let fd = open(target, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        // Half now, the rest 600 ms later: still being written, so not taken in between.
        _ = bytes[0..<(bytes.count / 2)].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        usleep(600_000)
        #expect(E.documents(ws.appendingPathComponent("outbox/errors")).isEmpty)
        _ = bytes[(bytes.count / 2)...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        #expect(Self.waitFor(10) { E.listing(ws.appendingPathComponent("outbox/orders")) == ["poll-1.json"] })
        #expect(E.documents(ws.appendingPathComponent("outbox/errors")).isEmpty)
        #expect(Self.stop(p) == 0)
    }

    @Test("a second watch or run on the workspace exits 75")
    func oneProcessPerWorkspace() throws {
        let ws = try E.workspace()
        defer { try? FileManager.default.removeItem(at: ws) }
        let (p, _) = try Self.start(ws)
        #expect(
            Self.waitFor(10) {
                FileManager.default.fileExists(atPath: ws.appendingPathComponent("outbox/.ledger/lock").path)
            })
        usleep(200_000)
        let second = try E.run(["watch", ws.path, E.now])
        #expect(second.status == 75)
        #expect(second.stderr.contains("process \(p.processIdentifier) holds the workspace lock"), "\(second.stderr)")
        #expect(try E.run(["run", ws.path, E.now]).status == 75)
        #expect(Self.stop(p) == 0)
    }

    @Test("with inotify, a file still open for writing is never taken, however long its writer pauses")
    func halfWrittenFileHeldOpen() throws {
        let ws = try E.workspace()
        defer { try? FileManager.default.removeItem(at: ws) }
        let (p, _) = try Self.start(ws)
        usleep(300_000)
        let target = ws.appendingPathComponent("inbox/half.json").path
        let bytes = Self.cart("half-1")
        let fd = open(target, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        // Half the cart, flushed, then 1.5 s with the file open and nothing written: longer than the 1 s that
        // would make a file inotify never reported count as complete.
        _ = bytes[0..<(bytes.count / 2)].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        fsync(fd)
        usleep(1_500_000)
        let early =
            !E.documents(ws.appendingPathComponent("outbox/errors")).isEmpty
            || !E.listing(ws.appendingPathComponent("rejected")).isEmpty
        _ = bytes[(bytes.count / 2)...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        #expect(!early, "the half-written file was taken")
        #expect(Self.waitFor(10) { E.listing(ws.appendingPathComponent("outbox/orders")) == ["half-1.json"] })
        #expect(E.documents(ws.appendingPathComponent("outbox/errors")).isEmpty)
        #expect(E.listing(ws.appendingPathComponent("rejected")).isEmpty)
        #expect(Self.stop(p) == 0)
    }

    /// Replaces a catalogue file the way an editor or a deploy does: a temporary file renamed into place.
    static func replace(_ ws: URL, _ name: String, _ text: String) throws {
        let tmp = ws.appendingPathComponent("catalogue/.\(name).tmp")
        try Data(text.utf8).write(to: tmp)
        _ = rename(tmp.path, ws.appendingPathComponent("catalogue/\(name)").path)
    }

    @Test(
        "watch reloads a changed catalogue: a valid one applies from the next input on, an invalid one is refused and the last good one stays"
    )
    func catalogueReload() throws {
        let ws = try E.workspace(["a.json": Self.cart("cat-1")])
        defer { try? FileManager.default.removeItem(at: ws) }
        let (p, err) = try Self.start(ws)
        let orders = ws.appendingPathComponent("outbox/orders")
        #expect(Self.waitFor(10) { E.listing(ws.appendingPathComponent("archive")) == ["a.json"] })
        func unit(_ reference: String) -> Int? {
            let data = try? Data(contentsOf: orders.appendingPathComponent("\(reference).json"))
            let json = data.flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }
            let items = (json?["included"] as? [String: Any])?["items"] as? [[String: Any]]
            return ((items?.first?["unit_price"] as? [String: Any])?["amount"] as? NSNumber)?.intValue
        }
        #expect(unit("cat-1") == 2000)
        // The t-shirt goes from 2000 to 2600: the next input is priced with it.
        let products = try String(contentsOf: ws.appendingPathComponent("catalogue/products.json"), encoding: .utf8)
        let dearer = products.replacingOccurrences(of: #""USD": {"amount": 2000}"#, with: #""USD": {"amount": 2600}"#)
        #expect(dearer != products, "the sample catalogue's t-shirt price was found")
        try Self.replace(ws, "products.json", dearer)
        usleep(1_500_000)
        try Data(Self.cart("cat-2")).write(to: ws.appendingPathComponent("inbox/b.json"))
        let archive = ws.appendingPathComponent("archive")
        #expect(Self.waitFor(10) { E.listing(archive).contains("b.json") })
        #expect(unit("cat-2") == 2600)
        // A broken catalogue: refused with its problem; the 2600 catalogue stays in force.
        try Self.replace(ws, "products.json", "{\"data\": [")
        usleep(1_500_000)
        try Data(Self.cart("cat-3")).write(to: ws.appendingPathComponent("inbox/c.json"))
        // Archived, not only ordered: a stop between the commit and the move would leave the input for next time.
        #expect(Self.waitFor(10) { E.listing(archive).contains("c.json") })
        #expect(unit("cat-3") == 2600)
        #expect(Self.stop(p) == 0)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(stderr.contains("the catalogue changed; catalogue"), "\(stderr)")
        #expect(stderr.contains("is invalid ("), "\(stderr)")
        #expect(stderr.contains("still using the last good one"), "\(stderr)")
        #expect(stderr.contains("products.json:1: not valid JSON"), "\(stderr)")
        // The report says which input used which catalogue.
        let reports = E.listing(ws.appendingPathComponent("outbox/reports")).filter { $0.hasSuffix(".json") }
        let report =
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: ws.appendingPathComponent("outbox/reports/\(reports[0])"))) as? [String: Any]
        let catalogues = (report?["catalogues"] as? [[String: Any]])?.compactMap { $0["id"] as? String } ?? []
        let used = (report?["inputs"] as? [[String: Any]])?.compactMap { $0["catalogue"] as? String } ?? []
        #expect(catalogues.count == 2)
        #expect(
            used.count == 3 && used[0] == catalogues.first && used[1] == catalogues.last && used[2] == catalogues.last,
            "\(used) \(catalogues)")
    }
}
