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
        if polling { p.environment = ProcessInfo.processInfo.environment.merging(["CHECKOUT_BATCH_POLL": "1"]) { _, b in b } }
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
        try FileManager.default.moveItem(at: inbox.appendingPathComponent("b.json.part"), to: inbox.appendingPathComponent("b.json"))
        #expect(Self.waitFor(10) { E.listing(orders) == ["w-1.json", "w-2.json"] })
        #expect(Self.stop(p) == 0)
        #expect(E.listing(inbox) == [".hidden.json"])
        #expect(E.listing(ws.appendingPathComponent("archive")) == ["a-present.json", "b.json"])
        #expect(E.listing(ws.appendingPathComponent("outbox/reports")).count == 2, "the JSON report and its HTML page")
        #expect(FileManager.default.fileExists(atPath: ws.appendingPathComponent("outbox/inventory.json").path))
    }

    @Test("a file written a byte every 10 ms for 2 s is not taken early", arguments: ["held open", "reopened per byte"])
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
            if !E.documents(ws.appendingPathComponent("outbox/errors")).isEmpty || !E.listing(ws.appendingPathComponent("outbox/orders")).isEmpty {
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
        #expect(Self.waitFor(10) { FileManager.default.fileExists(atPath: ws.appendingPathComponent("outbox/.ledger/lock").path) })
        usleep(200_000)
        let second = try E.run(["watch", ws.path, E.now])
        #expect(second.status == 75)
        #expect(second.stderr.contains("process \(p.processIdentifier) holds the workspace lock"), "\(second.stderr)")
        #expect(try E.run(["run", ws.path, E.now]).status == 75)
        #expect(Self.stop(p) == 0)
    }
}
