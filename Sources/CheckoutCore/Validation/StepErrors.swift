/// A cart's errors as the checks find them, each under its SPEC §4 step, listed by step and then in document
/// order (SPEC §11): the order the fields were written in, a missing field at its parent's place, and several
/// errors on one field as `CheckoutError.Rank` orders them. Ties keep the order the checks found them in.
struct StepErrors {
    private struct Entry {
        var step: Int
        var error: CheckoutError
    }

    private var found: [Entry] = []
    /// What the decoder found: its errors are listed, and the fields they cover get no other error.
    private var shape = ShapeProblems()

    var isEmpty: Bool { found.isEmpty }

    /// Files the shape problems found while reading, each under the step that uses its field.
    mutating func addShapeProblems(_ problems: ShapeProblems) {
        shape = problems
        for p in problems.errors { found.append(Entry(step: Self.step(ofShapeProblemAt: p.source), error: p)) }
    }

    /// Runs one check, filing what it reports under `step`.
    @discardableResult
    mutating func collect<T>(step: Int, _ check: (inout [CheckoutError]) -> T) -> T {
        var errors: [CheckoutError] = []
        let result = check(&errors)
        file(errors, step: step)
        return result
    }

    /// Files the errors a check has already reported under `step`.
    mutating func file(_ errors: [CheckoutError], step: Int) {
        for e in errors where e.source.map({ !shape.covers($0) }) ?? true { found.append(Entry(step: step, error: e)) }
    }

    /// The step a shape problem is listed under: the step that uses its field (SPEC §11). Problems of the fields
    /// steps 2–6 use stay in step 1 with the document's shape, except an item's `type`, which decides what the
    /// item is (step 6).
    static func step(ofShapeProblemAt source: String?) -> Int {
        guard let source else { return 1 }
        func isField(_ name: String) -> Bool { source == name || source.hasPrefix(name + ".") }
        if isField("data.promotion_codes") { return 7 }
        if isField("data.shipping_method") { return 8 }
        if isField("data.updated_at") || isField("data.created_at") { return 9 }
        if isField("data.payment") { return 10 }
        if source.hasPrefix("data.items."), source.hasSuffix(".type"), source.split(separator: ".").count == 4 {
            return 6
        }
        return 1
    }

    /// Every error, by step, then document order, then rank, then as found.
    func listed() -> [CheckoutError] { sorted().map(\.error) }

    /// The list cut after `step`: where a conflict found later (step 2, SPEC §11) joins it.
    func listed(splitAfterStep step: Int) -> (upTo: [CheckoutError], after: [CheckoutError]) {
        let entries = sorted()
        let cut = entries.firstIndex { $0.step > step } ?? entries.count
        return (entries[..<cut].map(\.error), entries[cut...].map(\.error))
    }

    private func sorted() -> [Entry] {
        found.enumerated().sorted { a, b in
            let (x, y) = (a.element, b.element)
            if x.step != y.step { return x.step < y.step }
            if x.error.order != y.error.order { return x.error.order < y.error.order }
            if x.error.rank != y.error.rank { return x.error.rank < y.error.rank }
            return a.offset < b.offset
        }.map(\.element)
    }
}
