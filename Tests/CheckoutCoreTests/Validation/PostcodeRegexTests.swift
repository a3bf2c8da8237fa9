import Foundation
import Testing

@testable import CheckoutCore

/// `PostcodeRegex` stands in for ICU on the address data's postcode patterns: every pattern must be read, and give
/// ICU's answer (`NSRegularExpression`) on postcodes made from the pattern itself, on their near misses, and on text
/// that takes ICU's less obvious readings (non-ASCII digits, a final line break, word boundaries).
@Suite("Postcode patterns without a regular-expression engine")
struct PostcodeRegexTests {
    /// Every postcode pattern of the data, anchored as `AddressRuleBook` anchors it: a country's whole postcode, a
    /// region's or city's prefix.
    static func patterns() throws -> [String] {
        let text = String(
            decoding: UnsafeBufferPointer(
                start: addressRulesJSON.utf8Start, count: addressRulesJSON.utf8CodeUnitCount), as: UTF8.self)
        let data = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let countries = try #require(data["countries"] as? [String: Any])
        var out: [String] = []
        for case let country as [String: Any] in countries.values {
            if let zip = country["zip"] as? String, !zip.isEmpty { out.append("^(?:\(zip))$") }
            for case let region as [Any] in country["regions"] as? [Any] ?? [] {
                if region.count > 3, let p = region[3] as? String, !p.isEmpty { out.append("^(?:\(p))") }
                guard region.count > 4 else { continue }
                for case let city as [Any] in region[4] as? [Any] ?? [] {
                    if city.count > 2, let p = city[2] as? String, !p.isEmpty { out.append("^(?:\(p))") }
                }
            }
        }
        return Array(Set(out)).sorted()
    }

    static func icu(_ pattern: String, _ text: String) throws -> Bool {
        let expression = try NSRegularExpression(pattern: pattern)
        return expression.firstMatch(in: text, range: NSRange(location: 0, length: text.utf16.count)) != nil
    }

    @Test func everyPatternOfTheDataIsReadAndAnswersAsICUDoes() throws {
        let patterns = try Self.patterns()
        #expect(patterns.count > 1_000)
        var generator = SystemRandomNumberGenerator.Seeded(seed: 18)
        var probes = 0
        for pattern in patterns {
            guard let regex = PostcodeRegex(pattern) else {
                Issue.record("not read: \(pattern)")
                continue
            }
            var texts = ["", " ", "0", "12345", "A1B 2C3", "SW1A 1AA", "٠١٢٣٤", "1234\n", "1234\r\n", "abc", "-"]
            for _ in 0..<4 {
                let made = Self.instance(regex.nodes, &generator)
                texts += Self.nearMisses(made, &generator)
            }
            for text in texts {
                probes += 1
                #expect(try regex.matches(text) == Self.icu(pattern, text), "\(pattern) on \(text.debugDescription)")
            }
        }
        #expect(probes > 50_000)
    }

    @Test(
        "ICU's readings, worked",
        arguments: [
            ("^(?:\\d{5})$", "12345", true), ("^(?:\\d{5})$", "١٢٣٤٥", true), ("^(?:\\d{5})$", "12345\n", true),
            ("^(?:\\d{5})$", "12345\n\n", false), ("^(?:\\d{5})$", "12345 ", false), ("^(?:\\d{3})", "1234", true),
            ("^(?:(?:^|\\b)(?:1[0-2]|[1-9])\\d{2}(?:$|\\b))$", "1299", true),
            ("^(?:(?:^|\\b)(?:1[0-2]|[1-9])\\d{2}(?:$|\\b))$", "1399", false),
            ("^(?:[A-HJ-NP-Z]\\d{4}[A-Z]{3})$", "I1234ABC", false), ("^(?:[ABD-HJLN-UW-Z]{2})$", "AC", false),
            ("^(?:(?:x?){2}y)$", "y", true), ("^(?:\\d{2,3}[ \\-]?\\d)$", "12-3", true),
            ("^(?:\\d{2,3}[ \\-]?\\d)$", "12--3", false),
        ])
    func worked(pattern: String, text: String, expected: Bool) throws {
        let regex = try #require(PostcodeRegex(pattern))
        #expect(regex.matches(text) == expected)
        #expect(try Self.icu(pattern, text) == expected)
    }

    @Test(
        "syntax beyond the data's is left to ICU",
        arguments: ["a*", "(?:1)+", "^(?:.)$", "[^A]", "(?=a)", "\\w", "a{2,1}", "a??", "[a-\\d]", "(a"])
    func notRead(_ pattern: String) {
        #expect(PostcodeRegex(pattern) == nil)
    }

    /// A text the pattern matches (mostly: `\b` and anchors are not made to hold), with ASCII or other digits.
    static func instance(_ nodes: [PostcodeRegex.Node], _ g: inout SystemRandomNumberGenerator.Seeded) -> String {
        var out = ""
        for node in nodes { out += instance(node, &g) }
        return out
    }

    static func instance(_ node: PostcodeRegex.Node, _ g: inout SystemRandomNumberGenerator.Seeded) -> String {
        switch node {
        case .scalar(let c): return String(c)
        case .digit: return g.next() % 8 == 0 ? "٣" : String(g.next() % 10)
        case .set(let ranges, let digits):
            if digits && (ranges.isEmpty || g.next() % 2 == 0) { return String(g.next() % 10) }
            let r = ranges[Int(g.next() % UInt64(ranges.count))]
            return String(Unicode.Scalar(r.lowerBound + UInt32(g.next() % UInt64(r.count)))!)
        case .start, .end, .wordBoundary: return ""
        case .group(let alternatives): return instance(alternatives[Int(g.next() % UInt64(alternatives.count))], &g)
        case .repeated(let inner, let min, let max):
            let n = min + Int(g.next() % UInt64(Swift.min(max, min + 3) - min + 1))
            return (0..<n).map { _ in instance(inner, &g) }.joined()
        }
    }

    static func nearMisses(_ text: String, _ g: inout SystemRandomNumberGenerator.Seeded) -> [String] {
        var out = [text, text + "X", text + "0", " " + text, text + "\n", text.lowercased(), String(text.dropLast())]
        if !text.isEmpty {
            var scalars = Array(text.unicodeScalars)
            let i = Int(g.next() % UInt64(scalars.count))
            for replacement in ["A", "5", " ", "-", "Z"] as [Unicode.Scalar] {
                scalars[i] = replacement
                out.append(String(String.UnicodeScalarView(scalars)))
            }
        }
        return out
    }
}

extension SystemRandomNumberGenerator {
    /// A seeded generator (SplitMix64), so that a failure is the same failure next time.
    struct Seeded: RandomNumberGenerator {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}
