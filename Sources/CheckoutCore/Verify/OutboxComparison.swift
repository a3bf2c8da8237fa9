/// `checkout-batch verify EXPECTED ACTUAL` (SPEC §1): two outboxes compared as golden files — orders, errors,
/// acknowledgements (`responses/`, SPEC §13) and
/// inventory.json byte for byte; run reports and the ledger are run state, not results, and are left out.
public enum OutboxComparison {
    public struct Difference: Sendable {
        /// The path inside the outbox (`orders/cart-1001.json`).
        public var path: String
        /// What differs: a unified diff, or which side lacks the file.
        public var description: String
    }

    public static func compare(expected: String, actual: String) throws(FileSystemError) -> [Difference] {
        let a = try documents(in: expected)
        let b = try documents(in: actual)
        var differences: [Difference] = []
        for path in Set(a.keys).union(b.keys).sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) {
            switch (a[path], b[path]) {
            case (nil, _): differences.append(Difference(path: path, description: "only in \(actual)"))
            case (_, nil): differences.append(Difference(path: path, description: "missing from \(actual)"))
            case (let x?, let y?) where x != y:
                let text = UnifiedDiff.diff(
                    String(decoding: x, as: UTF8.self), String(decoding: y, as: UTF8.self),
                    expectedLabel: "\(expected)/\(path)", actualLabel: "\(actual)/\(path)")
                differences.append(
                    Difference(path: path, description: text.isEmpty ? "bytes differ (line endings or encoding)" : text)
                )
            default: break
            }
        }
        return differences
    }

    /// The result documents of an outbox by relative path.
    static func documents(in outbox: String) throws(FileSystemError) -> [String: [UInt8]] {
        guard FileSystem.isDirectory(outbox) else {
            throw FileSystemError("read", outbox, reason: "no such outbox folder")
        }
        // Every run writes inventory.json: a folder without one is not an outbox, and comparing two such folders
        // would let a golden gate pass on nothing (two empty folders, two workspaces, two orders/ folders).
        guard FileSystem.isRegularFile(outbox + "/inventory.json") else {
            let hint =
                FileSystem.isRegularFile(outbox + "/outbox/inventory.json")
                ? " (a workspace? its outbox is \(outbox)/outbox)" : ""
            throw FileSystemError(
                "compare", outbox,
                reason: "it is not an outbox: it has no inventory.json, which every run writes\(hint)")
        }
        var result: [String: [UInt8]] = [:]
        for folder in ["orders", "errors", "errors/inputs", "responses", "responses/inputs"]
        where FileSystem.isDirectory(outbox + "/" + folder) {
            for name in try FileSystem.list(outbox + "/" + folder)
            where !name.hasPrefix(".") && FileSystem.isRegularFile(outbox + "/" + folder + "/" + name) {
                result["\(folder)/\(name)"] = try FileSystem.readAll(outbox + "/" + folder + "/" + name)
            }
        }
        result["inventory.json"] = try FileSystem.readAll(outbox + "/inventory.json")
        return result
    }
}
