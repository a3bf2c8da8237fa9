/// A unified diff of two texts, line by line (`diff -u` style, 3 lines of context), for showing how an outbox
/// differs from the expected one. Longest common subsequence over lines; documents are small enough for it.
enum UnifiedDiff {
    static func diff(
        _ expected: String, _ actual: String, expectedLabel: String, actualLabel: String,
        context: Int = 3
    ) -> String {
        let a = expected.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let b = actual.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // Trim the common head and tail first: golden files usually differ in a few lines.
        var head = 0
        while head < a.count && head < b.count && a[head] == b[head] { head += 1 }
        var tail = 0
        while tail < a.count - head && tail < b.count - head && a[a.count - 1 - tail] == b[b.count - 1 - tail] {
            tail += 1
        }
        let x = Array(a[head..<(a.count - tail)])
        let y = Array(b[head..<(b.count - tail)])
        // lcs[i][j]: length of the longest common subsequence of x[i...] and y[j...].
        var lcs = [[Int32]](repeating: [Int32](repeating: 0, count: y.count + 1), count: x.count + 1)
        for i in stride(from: x.count - 1, through: 0, by: -1) {
            for j in stride(from: y.count - 1, through: 0, by: -1) {
                lcs[i][j] = x[i] == y[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        enum Op {
            case same(String)
            case removed(String)
            case added(String)
        }
        var ops: [Op] = a[0..<head].map { .same($0) }
        var i = 0
        var j = 0
        while i < x.count || j < y.count {
            if i < x.count && j < y.count && x[i] == y[j] {
                ops.append(.same(x[i]))
                i += 1
                j += 1
            } else if i < x.count && (j == y.count || lcs[i + 1][j] >= lcs[i][j + 1]) {
                ops.append(.removed(x[i]))
                i += 1
            } else {
                ops.append(.added(y[j]))
                j += 1
            }
        }
        ops += a[(a.count - tail)...].map { .same($0) }

        // Group changes with their context into hunks.
        let changed = ops.indices.filter { if case .same = ops[$0] { return false } else { return true } }
        guard !changed.isEmpty else { return "" }
        var out = "--- \(expectedLabel)\n+++ \(actualLabel)\n"
        var k = 0
        while k < changed.count {
            var end = changed[k]
            var m = k
            while m + 1 < changed.count && changed[m + 1] - end <= 2 * context {
                m += 1
                end = changed[m]
            }
            let from = max(0, changed[k] - context)
            let to = min(ops.count - 1, end + context)
            // Line numbers of the hunk's start in each text.
            var lineA = 1
            var lineB = 1
            for op in ops[0..<from] {
                switch op {
                case .same:
                    lineA += 1
                    lineB += 1
                case .removed: lineA += 1
                case .added: lineB += 1
                }
            }
            var countA = 0
            var countB = 0
            var body = ""
            for op in ops[from...to] {
                switch op {
                case .same(let s):
                    body += " \(s)\n"
                    countA += 1
                    countB += 1
                case .removed(let s):
                    body += "-\(s)\n"
                    countA += 1
                case .added(let s):
                    body += "+\(s)\n"
                    countB += 1
                }
            }
            out += "@@ -\(lineA),\(countA) +\(lineB),\(countB) @@\n" + body
            k = m + 1
        }
        return out
    }
}
