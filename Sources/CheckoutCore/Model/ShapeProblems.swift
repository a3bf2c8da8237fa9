/// The shape problems the decoder found in one cart (SPEC §4 step 1: wrong types, bad formats of fields later
/// steps use) and the fields they cover. A field of the wrong type gets one `type` error and nothing more, nor do
/// the fields inside it (SPEC §11): the decoder records which fields those are as it finds them, and the checks
/// ask `covers` rather than comparing error paths afterwards.
struct ShapeProblems: Sendable {
    private(set) var errors: [CheckoutError] = []
    /// The source paths of the fields whose value had a shape problem.
    private var covered: Set<String> = []

    init() {}

    var isEmpty: Bool { errors.isEmpty }

    mutating func record(_ error: CheckoutError) {
        errors.append(error)
        if let source = error.source { covered.insert(source) }
    }

    /// Whether the field at `source`, or a field holding it, had a shape problem.
    func covers(_ source: String) -> Bool {
        guard !covered.isEmpty else { return false }
        var path = Substring(source)
        while true {
            if covered.contains(String(path)) { return true }
            guard let dot = path.lastIndex(of: ".") else { return false }
            path = path[..<dot]
        }
    }
}
