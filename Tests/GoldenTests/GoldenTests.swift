import Foundation
import Testing

@testable import CheckoutCore

/// Runs every `Fixtures/<case>/` end to end and compares the outbox with `expected/` byte for byte (SPEC §10).
///
/// A case holds `inbox/` (and `inbox.2/`, `inbox.3/` for further runs on the same outbox), optionally its own
/// `catalogue/` (else `Fixtures/_catalogue/`; `catalogue.2/` replaces files before run 2), `now` (else
/// 2026-11-21T02:00:00Z; `now.2` for run 2), and `expected/`:
/// the outbox files, `moved.txt` (what left the inbox, and where) and `exit-codes.txt`. Each case runs with
/// `--jobs 1` and `--jobs 3`: both must give the same bytes.
///
/// `RECORD_GOLDEN=1 swift test` rewrites `expected/` and fails, so a recording is never mistaken for a pass.
@Suite("Golden fixtures")
struct GoldenTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let recording = ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1"

    static var cases: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: fixtures.path)) ?? []
        return names.filter { !$0.hasPrefix("_") && !$0.hasPrefix(".") }.sorted()
    }

    @Test func thereAreEnoughCases() {
        #expect(Self.cases.count >= 15)
        for name in Self.cases {
            let readme = Self.fixtures.appendingPathComponent(name).appendingPathComponent("README")
            #expect(
                FileManager.default.fileExists(atPath: readme.path),
                "\(name) needs a one-line README saying what it proves")
        }
    }

    @Test(arguments: cases)
    func fixture(_ name: String) throws {
        let dir = Self.fixtures.appendingPathComponent(name)
        let once = try GoldenRun.run(case: dir, jobs: 1)
        let parallel = try GoldenRun.run(case: dir, jobs: 3)
        #expect(once == parallel, "\(name): --jobs 3 gave other bytes than --jobs 1")
        let expectedDir = dir.appendingPathComponent("expected")
        if Self.recording {
            try? FileManager.default.removeItem(at: expectedDir)
            for (path, bytes) in once {
                let url = expectedDir.appendingPathComponent(path)
                try FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(bytes).write(to: url)
            }
            Issue.record("recorded \(name)/expected; run again without RECORD_GOLDEN=1 to check it")
            return
        }
        let expected = try GoldenRun.files(under: expectedDir)
        for path in Set(expected.keys).union(once.keys).sorted() {
            guard let want = expected[path] else {
                Issue.record("\(name): unexpected file \(path)\n\(String(decoding: once[path]!, as: UTF8.self))")
                continue
            }
            guard let got = once[path] else {
                Issue.record("\(name): missing file \(path)")
                continue
            }
            if want != got {
                Issue.record("\(name): \(path) differs\n\(GoldenRun.diff(want, got, label: path))")
            }
        }
    }
}

/// Every XML case names its JSON twin in a `twin` file (SPEC §2.2: the same information under the same names).
/// Twins must give byte-identical orders and inventory, and the same errors apart from `meta.file` and
/// `meta.line`, which point into each input, and apart from their order, which is each document's own. Error documents under `errors/inputs/` (a break, or a cart
/// without a reference) describe that file and are left out.
@Suite("XML and JSON twins")
struct TwinTests {
    static var pairs: [String] {
        GoldenTests.cases.filter {
            FileManager.default.fileExists(atPath: GoldenTests.fixtures.appendingPathComponent("\($0)/twin").path)
        }
    }

    @Test func everyXMLCaseHasATwin() {
        for name in GoldenTests.cases {
            let inbox = GoldenTests.fixtures.appendingPathComponent("\(name)/inbox").path
            // `<cart>` documents and feeds have a JSON form; purchase orders (SPEC §12) have none.
            let xml = ((try? FileManager.default.contentsOfDirectory(atPath: inbox)) ?? []).contains { file in
                guard file.lowercased().hasSuffix(".xml"),
                    let text = try? String(contentsOfFile: inbox + "/" + file, encoding: .utf8)
                else { return false }
                return text.contains("<cart") || text.contains("<carts")
            }
            #expect(!xml || Self.pairs.contains(name), "\(name) has XML cart inputs but no twin file")
        }
        #expect(Self.pairs.count >= 5)
    }

    @Test(arguments: pairs)
    func twin(_ name: String) throws {
        let dir = GoldenTests.fixtures.appendingPathComponent(name)
        let twinName = try String(contentsOf: dir.appendingPathComponent("twin"), encoding: .utf8).trimmingCharacters(
            in: .whitespacesAndNewlines)
        let twinDir = GoldenTests.fixtures.appendingPathComponent(twinName)
        let xml = try GoldenRun.run(case: dir, jobs: 1)
        let json = try GoldenRun.run(case: twinDir, jobs: 1)
        func comparable(_ files: [String: [UInt8]]) -> [String: String] {
            var out: [String: String] = [:]
            for (path, bytes) in files {
                if path.hasPrefix("orders/") || path == "inventory.json" {
                    out[path] = String(decoding: bytes, as: UTF8.self)
                } else if path.hasPrefix("errors/"), !path.hasPrefix("errors/inputs/") {
                    out[path] = Self.withoutPositions(bytes)
                }
            }
            return out
        }
        let a = comparable(xml)
        let b = comparable(json)
        #expect(a.keys.sorted() == b.keys.sorted(), "\(name) and \(twinName) wrote different files")
        for key in a.keys.sorted() where b[key] != nil && a[key] != b[key] {
            Issue.record(
                "\(name) and \(twinName) differ in \(key)\n\(GoldenRun.diff(Array(b[key]!.utf8), Array(a[key]!.utf8), label: key))"
            )
        }
    }

    /// An error document's errors with each `meta.file` and `meta.line` removed, as a sorted list: twins list the
    /// same errors, each in the order its own document wrote the fields (SPEC §11), so their order may differ.
    static func withoutPositions(_ bytes: [UInt8]) -> String {
        guard let doc = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any],
            let errors = doc["errors"] as? [[String: Any]]
        else { return String(decoding: bytes, as: UTF8.self) }
        let described = errors.map { error -> String in
            var e = error
            if var meta = e["meta"] as? [String: Any] {
                meta["file"] = nil
                meta["line"] = nil
                e["meta"] = meta
            }
            let data =
                (try? JSONSerialization.data(withJSONObject: e, options: [.sortedKeys, .prettyPrinted])) ?? Data()
            return String(decoding: data, as: UTF8.self)
        }
        return described.sorted().joined(separator: "\n")
    }
}

enum GoldenRun {
    static let defaultNow = "2026-11-21T02:00:00Z"

    /// Runs a case in a fresh temporary workspace and returns its results by relative path.
    static func run(case dir: URL, jobs: Int) throws -> [String: [UInt8]] {
        let fm = FileManager.default
        let ws = fm.temporaryDirectory.appendingPathComponent("golden-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: ws) }
        try fm.createDirectory(at: ws.appendingPathComponent("inbox"), withIntermediateDirectories: true)
        var catalogue = dir.appendingPathComponent("catalogue")
        if !fm.fileExists(atPath: catalogue.path) {
            catalogue = dir.deletingLastPathComponent().appendingPathComponent("_catalogue")
        }
        try fm.copyItem(at: catalogue, to: ws.appendingPathComponent("catalogue"))

        var exitCodes = ""
        var moved = ""
        for run in 1... {
            let inbox = dir.appendingPathComponent(run == 1 ? "inbox" : "inbox.\(run)")
            guard fm.fileExists(atPath: inbox.path) else { break }
            // `catalogue.N/` replaces catalogue files before run N (a new inventory snapshot, say).
            let update = dir.appendingPathComponent("catalogue.\(run)")
            for name in (try? fm.contentsOfDirectory(atPath: update.path)) ?? [] {
                let target = ws.appendingPathComponent("catalogue/\(name)")
                try? fm.removeItem(at: target)
                try fm.copyItem(at: update.appendingPathComponent(name), to: target)
            }
            for name in try fm.contentsOfDirectory(atPath: inbox.path) {
                try fm.copyItem(at: inbox.appendingPathComponent(name), to: ws.appendingPathComponent("inbox/\(name)"))
            }
            let nowFile = dir.appendingPathComponent(run == 1 ? "now" : "now.\(run)")
            let nowText =
                (try? String(contentsOf: nowFile, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
                ?? defaultNow
            let options = RunOptions(
                workspace: Workspace(root: ws.path), clock: .fixed(Timestamp(rfc3339: nowText)!), jobs: jobs)
            do {
                let report = try BatchRunner.run(options)
                exitCodes += "run \(run): \(report.exitCode.rawValue)\n"
            } catch {
                exitCodes += "run \(run): \(error.exitCode.rawValue) \(error.description)\n"
            }
            for folder in ["archive", "rejected", "inbox"] {
                let names = (try? fm.contentsOfDirectory(atPath: ws.appendingPathComponent(folder).path)) ?? []
                for name in names.sorted() { moved += "run \(run): \(folder)/\(name)\n" }
            }
        }
        var result = try files(under: ws.appendingPathComponent("outbox"))
        result["exit-codes.txt"] = Array(exitCodes.utf8)
        result["moved.txt"] = Array(moved.utf8)
        return result
    }

    /// Every file below `dir` by relative path, leaving out the ledger (run state, not output).
    static func files(under dir: URL) throws -> [String: [UInt8]] {
        var result: [String: [UInt8]] = [:]
        guard let walker = FileManager.default.enumerator(atPath: dir.path) else { return result }
        while let path = walker.nextObject() as? String {
            if path.hasPrefix(".ledger") { continue }
            var isDir: ObjCBool = false
            let full = dir.appendingPathComponent(path).path
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDir), !isDir.boolValue {
                result[path] = Array(try Data(contentsOf: URL(fileURLWithPath: full)))
            }
        }
        return result
    }

    /// A unified diff of two files, so a failure shows what changed (the same diff `checkout-batch verify` prints).
    static func diff(_ want: [UInt8], _ got: [UInt8], label: String) -> String {
        UnifiedDiff.diff(
            String(decoding: want, as: UTF8.self), String(decoding: got, as: UTF8.self),
            expectedLabel: "expected/\(label)", actualLabel: "actual/\(label)")
    }
}
