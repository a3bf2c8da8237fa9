import Foundation

/// `--jobs` threads living as long as the session, taking tasks in the order given. The carts of a commit group are
/// prepared here a few at a time as they are read, so the committing thread can start on a group's first carts
/// while its last are still being prepared, and the first and last groups of a run no longer leave a core idle
/// while they are read or committed alone (issue 18). A thread per input cost a `clone3` per one-cart file; these
/// are started once.
final class WorkerPool: @unchecked Sendable {
    private let condition = NSCondition()
    /// Tasks given and not yet taken: a few chunks of the groups read ahead. A task taken leaves at once (it holds
    /// what it works on, a group's carts among them, which must not outlive it).
    private var tasks: [@Sendable () -> Void] = []
    private var closed = false
    private var running: Int

    init(threads: Int) {
        running = threads
        for _ in 0..<threads {
            let thread = Thread { [self] in work() }
            // As much stack as the reading thread's: a cart is prepared here, whatever its nesting (SPEC §11 bounds
            // it).
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    func submit(_ task: @escaping @Sendable () -> Void) {
        condition.lock()
        precondition(!closed, "a closed pool takes no tasks")
        tasks.append(task)
        condition.signal()
        condition.unlock()
    }

    /// Lets the threads finish the tasks given and end, and waits until they have.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        while running > 0 { condition.wait() }
        condition.unlock()
    }

    private func work() {
        condition.lock()
        while true {
            while tasks.isEmpty && !closed { condition.wait() }
            if tasks.isEmpty { break }
            let task = tasks.removeFirst()
            condition.unlock()
            task()
            condition.lock()
        }
        running -= 1
        condition.broadcast()
        condition.unlock()
    }
}
