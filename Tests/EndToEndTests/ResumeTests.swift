import Foundation
import Testing

/// A restart resumes from the journal's last progress line instead of redoing committed inputs (issue 18).
extension ExecutableTests {
    /// Cart `r1` without an email (rejected), then in a later file `r1` as it should be (converted).
    static let rejectedThenFixed: [String: [UInt8]] = {
        let cart =
            #"{"reference": "r1", "customer": {"name": "A B", "email": "a@example.com"}, "billing_address": {"first_name": "A", "last_name": "B", "line_1": "1 Road", "city": "Los Angeles", "region": "CA", "postcode": "90001", "country": "US"}, "items": [{"sku": "t-shirt-002", "quantity": 1}], "shipping_method": "standard"}"#
        return [
            "a.ndjson": Array((cart.replacingOccurrences(of: #", "email": "a@example.com""#, with: "") + "\n").utf8),
            "b.ndjson": Array((cart + "\n").utf8),
        ]
    }()

    @Test(
        "inputs committed but not yet moved when a run died are moved on restart, not redone: a rejection a later file fixed does not come back as a conflict"
    )
    func committedInputsAreNotRedone() throws {
        let ws = try Self.workspace(Self.rejectedThenFixed)
        defer { try? FileManager.default.removeItem(at: ws) }
        let first = try Self.run(["run", ws.path, Self.now, "--quiet"])
        #expect(first.status == 1, "\(first.stderr)")
        let outbox = ws.appendingPathComponent("outbox")
        #expect(Self.documents(outbox.appendingPathComponent("orders")) == ["r1.json"])
        #expect(Self.documents(outbox.appendingPathComponent("errors")) == [])
        let before = try Self.contents(outbox)
        // A crash between the group's commit and the moves: the very files (same inode, size and time) are back.
        let fm = FileManager.default
        for name in ["a.ndjson", "b.ndjson"] {
            try fm.moveItem(
                at: ws.appendingPathComponent("archive/\(name)"), to: ws.appendingPathComponent("inbox/\(name)"))
        }
        let again = try Self.run(["run", ws.path, Self.now, "--quiet", "--log-format", "json"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try Self.contents(outbox) == before)
        #expect(Self.listing(ws.appendingPathComponent("archive")) == ["a.ndjson", "b.ndjson"])
        #expect(!again.stdout.contains("cart_"), "no cart was read again: \(again.stdout)")
        // A different file under the same name is a new input: read, and its r1 now conflicts with the order.
        try fm.moveItem(at: ws.appendingPathComponent("archive/a.ndjson"), to: ws.appendingPathComponent("x"))
        try Data(try Data(contentsOf: ws.appendingPathComponent("x")) + Data(" \n".utf8)).write(
            to: ws.appendingPathComponent("inbox/a.ndjson"))
        let third = try Self.run(["run", ws.path, Self.now, "--quiet"])
        #expect(third.status == 1, "\(third.stderr)")
        let conflict = try String(
            contentsOf: outbox.appendingPathComponent("errors/r1.json"), encoding: .utf8)
        #expect(conflict.contains("cart_already_checked_out"), "\(conflict)")
    }

    @Test("check after a clean run finds duplicates through the sealed index and checkpoint, and without them")
    func checkUsesTheCheckpoint() throws {
        let ws = try Self.workspace(["cart.json": Self.goodCart])
        defer { try? FileManager.default.removeItem(at: ws) }
        #expect(try Self.run(["run", ws.path, Self.now, "--quiet"]).status == 0)
        let ledger = ws.appendingPathComponent("outbox/.ledger")
        #expect(FileManager.default.fileExists(atPath: ledger.appendingPathComponent("checkpoint").path))
        try Data(Self.goodCart).write(to: ws.appendingPathComponent("inbox/again.json"))
        let fast = try Self.run(["check", ws.path, Self.now])
        #expect(fast.stdout.contains("again.json: 1 cart, 0 orders, 0 rejected, 1 duplicate"), "\(fast.stdout)")
        try FileManager.default.removeItem(at: ledger.appendingPathComponent("checkpoint"))
        let scanned = try Self.run(["check", ws.path, Self.now])
        #expect(scanned.stdout == fast.stdout)
    }
}
