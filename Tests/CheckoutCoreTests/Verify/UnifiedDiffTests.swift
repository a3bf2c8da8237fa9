import Testing

@testable import CheckoutCore

@Suite("Unified diff")
struct UnifiedDiffTests {
    @Test func hunksWithContext() {
        let a = (1...12).map { "line \($0)" }.joined(separator: "\n")
        var lines = (1...12).map { "line \($0)" }
        lines[1] = "line two"
        lines.insert("new", at: 10)
        let b = lines.joined(separator: "\n")
        #expect(
            UnifiedDiff.diff(a, b, expectedLabel: "a", actualLabel: "b", context: 1) == """
                --- a
                +++ b
                @@ -1,3 +1,3 @@
                 line 1
                -line 2
                +line two
                 line 3
                @@ -10,2 +10,3 @@
                 line 10
                +new
                 line 11

                """)
    }

    @Test func identicalTextsGiveNothing() {
        #expect(UnifiedDiff.diff("a\nb\n", "a\nb\n", expectedLabel: "x", actualLabel: "y") == "")
    }
}
