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
}
