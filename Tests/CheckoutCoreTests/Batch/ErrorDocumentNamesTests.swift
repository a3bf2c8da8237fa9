import Foundation
import Testing

@testable import CheckoutCore

@Suite("Error documents to clear")
struct ErrorDocumentNamesTests {
    /// A workspace whose `errors/` holds `a.json` and `b.json`, and `errors/inputs/` holds `in.json.json`.
    static func workspace() throws -> Workspace {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("edn-\(UUID().uuidString)").path
        let workspace = Workspace(root: root)
        try FileManager.default.createDirectory(atPath: workspace.inputErrors, withIntermediateDirectories: true)
        for path in [
            workspace.errors + "/a.json", workspace.errors + "/b.json", workspace.inputErrors + "/in.json.json",
        ] {
            #expect(FileManager.default.createFile(atPath: path, contents: Data("{}".utf8)))
        }
        return workspace
    }

    @Test("what is there is cleared once, what is not is never tried, and a document written is known")
    func listedOnce() throws {
        let ws = try Self.workspace()
        defer { try? FileManager.default.removeItem(atPath: FileSystem.parentOf(ws.inbox)) }
        var names = ErrorDocumentNames(workspace: ws)
        #expect(try names.takeIfPresent(ws.errors + "/a.json"))
        #expect(try !names.takeIfPresent(ws.errors + "/a.json"), "taken once: its caller removed it")
        #expect(try names.mayHoldInputDocuments())
        #expect(try names.takeIfPresent(ws.inputErrors + "/in.json.json"))
        #expect(try !names.mayHoldInputDocuments(), "the inputs' one document was taken")
        #expect(try !names.takeIfPresent(ws.errors + "/never.json"))
        names.wrote(ws.inputErrors + "/again.json.json")
        names.wrote(ws.inputErrors + "/again.json.json")
        #expect(try names.mayHoldInputDocuments())
        #expect(try names.takeIfPresent(ws.inputErrors + "/again.json.json"))
        #expect(try !names.mayHoldInputDocuments(), "written twice, one document")
        // Written after the listing: not on the list until noted.
        #expect(FileManager.default.createFile(atPath: ws.errors + "/late.json", contents: Data("{}".utf8)))
        #expect(try !names.takeIfPresent(ws.errors + "/late.json"))
        names.wrote(ws.errors + "/late.json")
        #expect(try names.takeIfPresent(ws.errors + "/late.json"))
    }

    @Test("an outbox with more error documents than the limit is cleared blind: every clear is tried")
    func pastTheLimit() throws {
        let ws = try Self.workspace()
        defer { try? FileManager.default.removeItem(atPath: FileSystem.parentOf(ws.inbox)) }
        // Four entries (a, b, the inputs folder, in.json.json) against a limit of three.
        var names = ErrorDocumentNames(workspace: ws, limit: 3)
        #expect(try names.mayHoldInputDocuments())
        #expect(try names.takeIfPresent(ws.errors + "/never.json"))
        #expect(try names.takeIfPresent(ws.errors + "/a.json"))
        var roomy = ErrorDocumentNames(workspace: ws, limit: 4)
        #expect(try !roomy.takeIfPresent(ws.errors + "/never.json"))
    }
}
