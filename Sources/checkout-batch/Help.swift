/// The help texts: the general one and one per command, every flag with its default, two examples each.
enum Help {
    static var general: String {
        var text = "Usage: checkout-batch COMMAND [WORKSPACE] [options]\n\n"
        text +=
            "Turns shopping carts dropped in WORKSPACE/inbox into Elastic Path-style orders in WORKSPACE/outbox.\n\nCommands:\n"
        for c in Command.all { text += "  " + pad(c.name, 8) + c.summary + "\n" }
        text += "\nOptions: --help, --version; each command's own with `checkout-batch help COMMAND`.\n"
        text += "\nExit codes: 0 all converted, 1 some rejected, 64 usage, 66 inbox or catalogue folder missing,\n"
        text += "74 I/O error, 75 workspace locked, 78 catalogue invalid.\n"
        text +=
            "\nExamples:\n  checkout-batch run samples --outbox /tmp/out --keep-inputs\n  checkout-batch help watch\n"
        return text
    }

    static func text(for c: Command) -> String {
        var text = "Usage: \(c.usage)\n\n\(c.summary)\n\nOptions:\n"
        for f in c.flags.compactMap(Flag.named) {
            text += "  " + pad(f.name + (f.value.map { " " + $0 } ?? ""), 24) + f.text + "\n"
        }
        text += "\nExamples:\n" + c.examples.map { "  " + $0 + "\n" }.joined()
        return text
    }

    static func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s + " " : s + String(repeating: " ", count: width - s.count)
    }

    /// The known name closest to `word` (edit distance at most 3, or a prefix), for "did you mean" hints.
    static func closest(to word: String, among names: [String]) -> String? {
        let scored = names.map { ($0, distance(word, $0)) }.filter { $0.1 <= 3 || $0.0.hasPrefix(word) }
        return scored.min { $0.1 < $1.1 }?.0
    }

    static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a)
        let y = Array(b)
        var row = Array(0...y.count)
        for i in 1...max(x.count, 1) where !x.isEmpty {
            var previous = row[0]
            row[0] = i
            for j in 1...max(y.count, 1) where !y.isEmpty {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                let current = min(row[j] + 1, row[j - 1] + 1, previous + cost)
                previous = row[j]
                row[j] = current
            }
        }
        return x.isEmpty ? y.count : row[y.count]
    }
}
