/// Reads an input's carts in commit groups and prepares each group on `jobs` threads. Used by one thread at a
/// time (the run's, or its prefetcher's).
final class GroupReader: @unchecked Sendable {
    /// Carts are read, prepared and committed in groups of this size: the durability point of SPEC §10.
    static let groupSize = 256

    private let stream: any CartStream
    private let file: String
    /// The name the errors of carts without a usable reference are written under (SPEC §8).
    private let mirror: String
    private let validator: CartValidator
    private let jobs: Int
    /// Whether documents are rendered ahead (not in `check`, which writes none).
    private let renders: Bool
    private var position = 0

    init(stream: any CartStream, input: InputName, validator: CartValidator, jobs: Int, renders: Bool) {
        self.stream = stream
        self.file = input.text
        self.mirror = input.mirror
        self.validator = validator
        self.jobs = jobs
        self.renders = renders
    }

    func next() -> [PreparedCart]? {
        var group: [InputCart] = []
        while group.count < GroupReader.groupSize, let cart = stream.next() { group.append(cart) }
        if group.isEmpty { return nil }
        let first = position
        let (carts, file, mirror, validator, renders) = (group, self.file, self.mirror, self.validator, self.renders)
        position += carts.count
        return parallelMap(count: carts.count, jobs: jobs) { i in
            PreparedCart(
                carts[i], file: file, mirror: mirror, position: first + i + 1, validator: validator, renders: renders)
        }
    }
}
