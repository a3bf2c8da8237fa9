import Foundation

/// A commit group's prepared carts, filled a few at a time by whichever thread prepared them and taken in order by
/// the committing thread, which waits for a cart not prepared yet. Taken carts are moved out, never copied: a
/// prepared cart holds dozens of references, each retained by a copy and released again (issue 18).
final class GroupCarts: @unchecked Sendable {
    private let condition = NSCondition()
    private let base: UnsafeMutablePointer<PreparedCart?>
    /// Whether a cart may be taken: its chunk is prepared whole (its slot is filled earlier, and its ledger digest
    /// set after the rest of the chunk).
    private let ready: UnsafeMutablePointer<Bool>
    /// Which pool thread prepared each cart (`WorkerPool.currentThread`), -1 for one prepared off the pool.
    private let preparedBy: UnsafeMutablePointer<Int>
    private let capacity: Int
    /// How many carts the group has: known once it is read whole (`seal`), before it is handed to the commit.
    private var count: Int?
    private var filled = 0
    /// Every staged document's temporary name, kept when its cart is taken, so a group that is not committed leaves
    /// none behind.
    private var temporaries: [String] = []

    init(capacity: Int) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
        base.initialize(repeating: nil, count: capacity)
        ready = .allocate(capacity: capacity)
        ready.initialize(repeating: false, count: capacity)
        preparedBy = .allocate(capacity: capacity)
        preparedBy.initialize(repeating: -1, count: capacity)
    }

    deinit {
        base.deinitialize(count: capacity)
        base.deallocate()
        ready.deallocate()
        preparedBy.deallocate()
    }

    /// The group was read whole: it has `count` carts.
    func seal(count: Int) {
        condition.lock()
        self.count = count
        condition.broadcast()
        condition.unlock()
    }

    /// Fills `count` carts from `start` with `prepare`, given their slots (each filled once, by one thread, so
    /// without the lock), then lets the committing thread see them. Prepared where they are kept: a prepared cart
    /// is ~300 bytes, moved twice more through a list of its own.
    func fill(from start: Int, count: Int, _ prepare: (UnsafeMutableBufferPointer<PreparedCart?>) -> Void) {
        let slots = UnsafeMutableBufferPointer(start: base + start, count: count)
        prepare(slots)
        (preparedBy + start).update(repeating: WorkerPool.currentThread ?? -1, count: count)
        let staged = slots.compactMap { $0?.staged?.temporary }
        condition.lock()
        filled += count
        (ready + start).update(repeating: true, count: count)
        temporaries += staged
        condition.broadcast()
        condition.unlock()
    }

    /// Cart `i`, once prepared. Each is taken once.
    func take(_ i: Int) -> PreparedCart {
        condition.lock()
        defer { condition.unlock() }
        while !ready[i] { condition.wait() }
        return base[i].take()!
    }

    /// Cart `i` back once committed, to be let go by `release`.
    func giveBack(_ i: Int, _ cart: consuming PreparedCart) {
        base[i] = cart
    }

    /// Lets the committed carts go, each on the pool thread that prepared it (`WorkerPool.submit(to:)`); those
    /// prepared off the pool go with the group.
    func release(on pool: WorkerPool?) {
        guard let pool else { return }
        condition.lock()
        let count = self.count ?? 0
        condition.unlock()
        let threads = Set((0..<count).map { preparedBy[$0] }).filter { $0 >= 0 }.sorted()
        for thread in threads {
            pool.submit(to: thread) { [self] in
                for i in 0..<count where preparedBy[i] == thread { base[i] = nil }
            }
        }
    }

    /// How many carts the slots hold now (taken ones given back included).
    var held: Int {
        condition.lock()
        defer { condition.unlock() }
        return (0..<capacity).filter { base[$0] != nil }.count
    }

    /// Removes the documents staged for a group that will not be committed (a stop, a failure), once every cart of
    /// it is prepared: none is then still being written.
    func discardStaged() {
        condition.lock()
        while count == nil || filled < count! { condition.wait() }
        let names = temporaries
        condition.unlock()
        for name in names { try? FileSystem.remove(name) }
    }
}
