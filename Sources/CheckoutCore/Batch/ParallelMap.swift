import Dispatch
import Synchronization

/// Maps `body` over `count` indices on up to `jobs` threads and returns the results in index order, so what
/// comes out never depends on thread timing (SPEC §10). Each thread takes the next index not yet taken, so a
/// thread the scheduler holds back (other threads of the run share the cores) leaves no other thread idle at the end.
func parallelMap<T: Sendable>(count: Int, jobs: Int, _ body: @Sendable (Int) -> T) -> [T] {
    let workers = max(1, min(jobs, count))
    if workers == 1 { return (0..<count).map(body) }
    let slots = Slots<T>(count: count)
    let next = Atomic<Int>(0)
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
        while true {
            let i = next.add(1, ordering: .relaxed).oldValue
            if i >= count { return }
            slots.set(i, body(i))
        }
    }
    return slots.collect()
}

/// Storage that several threads fill, each index by exactly one thread, read only after all have finished.
private final class Slots<T>: @unchecked Sendable {
    private let base: UnsafeMutablePointer<T?>
    private let count: Int

    init(count: Int) {
        self.count = count
        base = .allocate(capacity: count)
        base.initialize(repeating: nil, count: count)
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    func set(_ i: Int, _ value: T) { base[i] = value }

    /// Moves the results out: copying them would retain everything a result holds, and release it all again when
    /// the slots go (a prepared cart holds dozens of references; issue 18).
    func collect() -> [T] { (0..<count).map { base[$0].take()! } }
}

/// Values several threads take, each index by exactly one thread: moved in as they are read and moved out by the
/// thread that takes them, never copied, so what a value holds is not retained once more by the thread that takes
/// it and released again by the one that drops the list (issue 18).
final class Handout<T>: @unchecked Sendable {
    private let base: UnsafeMutablePointer<T?>
    private let capacity: Int
    private(set) var count = 0

    init(capacity: Int) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    /// Only before the handout is shared.
    func append(_ value: consuming T) {
        precondition(count < capacity, "a handout holds at most its capacity")
        (base + count).initialize(to: value)
        count += 1
    }

    func take(_ i: Int) -> T { base[i].take()! }
}
