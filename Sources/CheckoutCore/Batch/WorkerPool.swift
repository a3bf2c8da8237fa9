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
    /// Tasks for one thread only, run before its share of `tasks`: giving back what that thread allocated.
    private var own: [[@Sendable () -> Void]]
    private var closed = false
    private var running: Int

    init(threads: Int) {
        running = threads
        own = Array(repeating: [], count: threads)
        for index in 0..<threads {
            let thread = Thread { [self] in
                WorkerPool.threadNumber.set(index)
                work(index)
            }
            // As much stack as the reading thread's: a cart is prepared here, whatever its nesting (SPEC §11 bounds
            // it).
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    /// Which of its pool's threads runs the caller (from 0), or nil off any pool.
    static var currentThread: Int? { threadNumber.current }

    private static let threadNumber = ThreadNumber()

    func submit(_ task: @escaping @Sendable () -> Void) {
        condition.lock()
        precondition(!closed, "a closed pool takes no tasks")
        tasks.append(task)
        condition.signal()
        condition.unlock()
    }

    /// Runs `task` on the pool's thread `thread` (a `currentThread`), before the shared tasks it has not taken yet.
    /// A prepared cart is ~80 allocations of the thread that prepared it; freed by the committing thread, each took
    /// that thread's malloc arena lock while it was allocating the next carts, and the two slept on it in turn
    /// (issue 18: with `--jobs 2`, a third of the context switches were the committing thread waiting for one).
    func submit(to thread: Int, _ task: @escaping @Sendable () -> Void) {
        condition.lock()
        precondition(!closed, "a closed pool takes no tasks")
        own[thread].append(task)
        condition.broadcast()  // `signal` might wake another thread, which cannot take it
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

    private func work(_ index: Int) {
        condition.lock()
        while true {
            while tasks.isEmpty && own[index].isEmpty && !closed { condition.wait() }
            let task: @Sendable () -> Void
            if !own[index].isEmpty {
                task = own[index].removeFirst()
            } else if !tasks.isEmpty {
                task = tasks.removeFirst()
            } else {
                break
            }
            condition.unlock()
            task()
            condition.lock()
        }
        running -= 1
        condition.broadcast()
        condition.unlock()
    }
}
