/// A postcode pattern of Google's address data matched without a regular-expression engine: ICU's cost a run ~8
/// million instructions to set up before its first pattern, ~35k to compile each and ~5k a postcode (issue 18).
/// The data's patterns use a small part of the syntax — literals, `\d`, `\b`, classes of ranges, groups,
/// alternation, `?` and `{m,n}`, `^` and `$` — which is read here with ICU's meaning: `\d` any Unicode decimal
/// digit, `\b` a boundary of ICU's word characters, `$` the end or before a final line terminator. A pattern using
/// anything else is not read (`init` gives nil) and is left to ICU. `PostcodeRegexTests` holds every pattern of
/// the data to ICU's answers.
struct PostcodeRegex: Sendable {
    indirect enum Node: Sendable {
        case scalar(Unicode.Scalar)
        case digit
        case wordBoundary
        case start
        case end
        /// Scalar ranges, and whether `\d` is in the class too.
        case set([ClosedRange<UInt32>], digits: Bool)
        case group([[Node]])
        case repeated(Node, min: Int, max: Int)
    }

    /// The pattern as read (tests make postcodes from it).
    let nodes: [Node]
    /// The pattern as a program for `run`: repeats unrolled, alternatives as splits.
    private let program: [Op]
    /// The ranges of the program's classes, back to back.
    private let ranges: [ClosedRange<UInt32>]

    init?(_ pattern: String) {
        var parser = Parser(scalars: Array(pattern.unicodeScalars))
        guard let nodes = parser.alternatives(), parser.at == parser.scalars.count else { return nil }
        self.nodes = nodes.count == 1 ? nodes[0] : [.group(nodes)]
        var compiler = Compiler()
        for node in self.nodes { compiler.emit(node) }
        compiler.program.append(Op(.match))
        guard compiler.program.count < 10_000 else { return nil }
        program = compiler.program
        ranges = compiler.ranges
    }

    /// Whether the pattern matches at the start of `text` (it is anchored by its own `^` and `$`). A postcode is
    /// nearly always ASCII, read as its bytes; anything else as its scalars.
    func matches(_ text: String) -> Bool {
        let ascii = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool? in
            bytes.allSatisfy { $0 < 0x80 } ? run(0, 0, bytes) : nil
        }!  // see `ByteBuffer.append(string:)`
        if let ascii { return ascii }
        return run(0, 0, text.unicodeScalars.map(\.value))
    }

    // MARK: matching, by backtracking over the program (patterns and postcodes are a few dozen scalars)

    struct Op {
        /// `setWithDigits`: a class with `\d` in it.
        enum Kind: UInt8 { case scalar, digit, set, setWithDigits, start, end, wordBoundary, split, jump, match }
        var kind: Kind
        /// A scalar's value; a class's first range; a split's preferred target; a jump's target.
        var a = 0
        /// A class's range count; a split's other target.
        var b = 0

        init(_ kind: Kind, _ a: Int = 0, _ b: Int = 0) {
            self.kind = kind
            self.a = a
            self.b = b
        }
    }

    private func run<Text: RandomAccessCollection>(_ start: Int, _ position: Int, _ s: Text) -> Bool
    where Text.Index == Int, Text.Element: BinaryInteger {
        var pc = start
        var at = position
        while true {
            let op = program[pc]
            switch op.kind {
            case .scalar:
                guard at < s.count, UInt32(s[at]) == op.a else { return false }
                at += 1
            case .digit:
                guard at < s.count, Self.isDigit(UInt32(s[at])) else { return false }
                at += 1
            case .set, .setWithDigits:
                guard at < s.count else { return false }
                let v = UInt32(s[at])
                var found = op.kind == .setWithDigits && Self.isDigit(v)
                var r = op.a
                while !found && r < op.a + op.b {
                    found = ranges[r].contains(v)
                    r += 1
                }
                guard found else { return false }
                at += 1
            case .start:
                guard at == 0 else { return false }
            case .end:
                guard Self.isEnd(s, at) else { return false }
            case .wordBoundary:
                let before = at > 0 && Self.isWord(UInt32(s[at - 1]))
                let after = at < s.count && Self.isWord(UInt32(s[at]))
                guard before != after else { return false }
            case .split:
                if run(op.a, at, s) { return true }
                pc = op.b
                continue
            case .jump:
                pc = op.a
                continue
            case .match:
                return true
            }
            pc += 1
        }
    }

    /// `$` without multi-line: the end, or before a line terminator that ends the text (`\r\n` as one).
    private static func isEnd<Text: RandomAccessCollection>(_ s: Text, _ at: Int) -> Bool
    where Text.Index == Int, Text.Element: BinaryInteger {
        if at == s.count { return true }
        if at == s.count - 1 {
            switch UInt32(s[at]) {
            case 0x0A...0x0D, 0x85, 0x2028, 0x2029: return true
            default: return false
            }
        }
        return at == s.count - 2 && s[at] == 0x0D && s[at + 1] == 0x0A
    }

    /// ICU's `\d`: a Unicode decimal digit.
    private static func isDigit(_ v: UInt32) -> Bool {
        if v < 0x80 { return v >= 0x30 && v <= 0x39 }
        return Unicode.Scalar(v).map { $0.properties.generalCategory == .decimalNumber } ?? false
    }

    /// ICU's `\w`: alphabetic, marks, decimal digits, connector punctuation, and the two joiners.
    private static func isWord(_ v: UInt32) -> Bool {
        if v < 0x80 {
            return (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) || v == 0x5F
        }
        guard let c = Unicode.Scalar(v) else { return false }
        let p = c.properties
        switch p.generalCategory {
        case .decimalNumber, .connectorPunctuation, .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return p.isAlphabetic || v == 0x200C || v == 0x200D
        }
    }

    /// Writes the program: `{m,n}` as m copies and n − m optional ones, `a|b` as a split and a jump past `b`.
    private struct Compiler {
        var program: [Op] = []
        var ranges: [ClosedRange<UInt32>] = []

        mutating func emit(_ node: Node) {
            switch node {
            case .scalar(let c): program.append(Op(.scalar, Int(c.value)))
            case .digit: program.append(Op(.digit))
            case .start: program.append(Op(.start))
            case .end: program.append(Op(.end))
            case .wordBoundary: program.append(Op(.wordBoundary))
            case .set(let r, let digits):
                program.append(Op(digits ? .setWithDigits : .set, ranges.count, r.count))
                ranges += r
            case .group(let alternatives): emit(alternatives)
            case .repeated(let inner, let min, let max):
                for _ in 0..<min { emit(inner) }
                for _ in min..<max {
                    let split = program.count
                    program.append(Op(.split))
                    emit(inner)
                    program[split].a = split + 1
                    program[split].b = program.count
                }
            }
        }

        mutating func emit(_ alternatives: [[Node]]) {
            var jumps: [Int] = []
            for (i, alternative) in alternatives.enumerated() {
                let split = program.count
                if i < alternatives.count - 1 { program.append(Op(.split)) }
                for node in alternative { emit(node) }
                if i < alternatives.count - 1 {
                    jumps.append(program.count)
                    program.append(Op(.jump))
                    program[split].a = split + 1
                    program[split].b = program.count
                }
            }
            for j in jumps { program[j].a = program.count }
        }
    }

    // MARK: reading a pattern

    private struct Parser {
        let scalars: [Unicode.Scalar]
        var at = 0

        var next: Unicode.Scalar? { at < scalars.count ? scalars[at] : nil }

        /// `a|b|…` up to a `)` or the end.
        mutating func alternatives() -> [[Node]]? {
            var all: [[Node]] = []
            var current: [Node] = []
            while let c = next, c != ")" {
                if c == "|" {
                    at += 1
                    all.append(current)
                    current = []
                    continue
                }
                guard let atom = atom() else { return nil }
                guard let quantified = quantifier(atom) else { return nil }
                current.append(quantified)
            }
            all.append(current)
            return all
        }

        mutating func atom() -> Node? {
            guard let c = next else { return nil }
            at += 1
            switch c {
            case "(":
                if next == "?" {
                    guard at + 1 < scalars.count, scalars[at + 1] == ":" else { return nil }
                    at += 2
                }
                guard let inner = alternatives(), next == ")" else { return nil }
                at += 1
                return .group(inner)
            case "[": return set()
            case "\\": return escape(inClass: false)
            case "^": return .start
            case "$": return .end
            case ".", "*", "+", "?", "{", "}", "]", ")": return nil
            default: return .scalar(c)
            }
        }

        mutating func escape(inClass: Bool) -> Node? {
            guard let c = next else { return nil }
            at += 1
            switch c {
            case "d": return .digit
            case "b" where !inClass: return .wordBoundary
            default:
                // An escaped punctuation mark is itself; any other escape means something this reader does not know.
                guard c.isASCII, !c.properties.isAlphabetic, !("0"..."9").contains(c) else { return nil }
                return .scalar(c)
            }
        }

        /// `[…]` of scalars, ranges and `\d`; no negation, no nested classes.
        mutating func set() -> Node? {
            var ranges: [ClosedRange<UInt32>] = []
            var digits = false
            guard next != "^" else { return nil }
            while let c = next, c != "]" {
                var low: Unicode.Scalar
                if c == "\\" {
                    at += 1
                    guard let e = escape(inClass: true) else { return nil }
                    switch e {
                    case .digit:
                        digits = true
                        continue
                    case .scalar(let s): low = s
                    default: return nil
                    }
                } else {
                    guard c != "[" else { return nil }
                    at += 1
                    low = c
                }
                if next == "-", at + 1 < scalars.count, scalars[at + 1] != "]" {
                    at += 1
                    guard let high = next, high != "\\", high != "[", high.value >= low.value else { return nil }
                    at += 1
                    ranges.append(low.value...high.value)
                } else {
                    ranges.append(low.value...low.value)
                }
            }
            guard next == "]" else { return nil }
            at += 1
            return .set(ranges, digits: digits)
        }

        /// `?`, `{n}`, `{m,n}` after an atom (never two in a row, never lazy or possessive).
        mutating func quantifier(_ atom: Node) -> Node? {
            var result = atom
            switch next {
            case "?":
                at += 1
                result = .repeated(atom, min: 0, max: 1)
            case "*", "+":
                return nil  // unbounded: not in the data, and not unrolled here
            case "{":
                at += 1
                guard let min = number() else { return nil }
                var max = min
                if next == "," {
                    at += 1
                    guard let m = number() else { return nil }
                    max = m
                }
                guard next == "}", min <= max else { return nil }
                at += 1
                result = .repeated(atom, min: min, max: max)
            default: return atom
            }
            if let n = next, "?*+{".unicodeScalars.contains(n) { return nil }
            if case .start = atom { return nil }
            if case .end = atom { return nil }
            if case .wordBoundary = atom { return nil }
            return result
        }

        mutating func number() -> Int? {
            var value = 0
            var digits = 0
            while let c = next, ("0"..."9").contains(c), digits < 4 {
                value = value * 10 + Int(c.value - 48)
                digits += 1
                at += 1
            }
            return digits == 0 ? nil : value
        }
    }
}
