import Foundation
import Synchronization

/// A value each thread keeps for itself: a cache of answers that do not depend on the thread asking. Every thread
/// preparing carts asked the same caches (a country's address rules, a postcode pattern's answers) behind one lock,
/// taking it a few times a cart from both cores at once (issue 18). Here the first `slots` threads to ask get a
/// slot each, theirs for the life of the process and touched by no other thread, so no lock; any later thread (a
/// test process starts many pools) shares one more slot behind a lock.
final class PerThread<Value>: @unchecked Sendable {
    static var slots: Int { 64 }
    private let values: UnsafeMutablePointer<Value>
    private let shared = NSLock()

    init(_ make: () -> Value) {
        values = .allocate(capacity: Self.slots + 1)
        for i in 0...Self.slots { (values + i).initialize(to: make()) }
    }

    deinit {
        values.deinitialize(count: Self.slots + 1)
        values.deallocate()
    }

    /// Lends the calling thread's value to `body`.
    func withValue<R>(_ body: (inout Value) -> R) -> R {
        let slot = ThreadSlot.current
        if slot < Self.slots { return body(&values[slot]) }
        shared.lock()
        defer { shared.unlock() }
        return body(&values[Self.slots])
    }

    /// Every slot's value, the shared one last: for tests, once the threads that wrote them are done.
    func allValues() -> [Value] { (0...Self.slots).map { values[$0] } }
}

/// The calling thread's slot number, the same for every `PerThread`: given in the order threads first ask, never
/// given again.
enum ThreadSlot {
    static var current: Int {
        if let slot = number.current { return slot }
        let slot = next.add(1, ordering: .relaxed).oldValue
        number.set(slot)
        return slot
    }

    private static let next = Atomic<Int>(0)
    private static let number = ThreadNumber()
}
