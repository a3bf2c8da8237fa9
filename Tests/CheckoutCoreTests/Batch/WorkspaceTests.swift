import Foundation
import Testing

@testable import CheckoutCore

/// SPEC §1: a workspace's folders hang off its root, and `--outbox` moves every outbox folder with it (they are
/// joined once, when the outbox is set: issue 18).
@Suite("A workspace's folders")
struct WorkspaceTests {
    @Test func outboxFoldersFollowTheOutbox() {
        var w = Workspace(root: "/w/")
        #expect(w.inbox == "/w/inbox" && w.outbox == "/w/outbox" && w.errors == "/w/outbox/errors")
        w.outbox = "/elsewhere/out"
        #expect(w.orders == "/elsewhere/out/orders")
        #expect(w.errors == "/elsewhere/out/errors" && w.inputErrors == "/elsewhere/out/errors/inputs")
        #expect(w.responses == "/elsewhere/out/responses" && w.inputResponses == "/elsewhere/out/responses/inputs")
        #expect(w.reports == "/elsewhere/out/reports" && w.ledger == "/elsewhere/out/.ledger")
        #expect(w.staging == "/elsewhere/out/.staging" && w.inventory == "/elsewhere/out/inventory.json")
        #expect(w.inbox == "/w/inbox")
    }

    @Test(
        "what a killed run leaves under temporary names goes, in the pool threads' staging folders too; the rest stays")
    func leftovers() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("ws-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let w = Workspace(root: root)
        try FileManager.default.createDirectory(atPath: w.inbox, withIntermediateDirectories: true)
        try w.prepareOutputs(keepInputs: false, poolThreads: 2)
        #expect(FileSystem.isDirectory(w.staging(ofThread: 0)) && FileSystem.isDirectory(w.staging(ofThread: 1)))
        #expect(w.staging(ofThread: 1) == root + "/outbox/.staging/1")
        let left = [
            w.staging + "/c-1", w.staging(ofThread: 0) + "/p-2", w.staging(ofThread: 1) + "/p-3",
            w.outbox + "/.tmp-inventory", w.reports + "/.tmp-run", w.ledger + "/index.grow",
        ]
        let kept = [w.orders + "/ref-1.json", w.errors + "/ref-2.json", w.ledger + "/journal.ndjson"]
        for path in left + kept { #expect(FileManager.default.createFile(atPath: path, contents: Data("x".utf8))) }
        try w.removeLeftovers()
        #expect(left.filter { FileManager.default.fileExists(atPath: $0) } == [])
        #expect(kept.filter { FileManager.default.fileExists(atPath: $0) } == kept)
    }
}
