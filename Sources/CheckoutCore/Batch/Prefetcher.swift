import Foundation

/// Runs a producer on its own thread, at most `depth` results ahead of the consumer: while the committing thread
/// writes one group of carts, the next groups are read, validated, priced and rendered (issue 6). Results come
/// out in the order produced, so what is committed never depends on thread timing.
final class Prefetcher<T: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var ready: [T] = []
    private var finished = false
    private var cancelled = false
    private let depth: Int

    /// `produce` returns nil when there is nothing more; it is never called again after that, or after `cancel()`.
    init(depth: Int, produce: @escaping @Sendable () -> T?) {
        self.depth = depth
        let thread = Thread { [self] in
            while true {
                condition.lock()
                while ready.count >= depth && !cancelled { condition.wait() }
                let stop = cancelled
                condition.unlock()
                let item = stop ? nil : produce()
                condition.lock()
                if let item { ready.append(item) } else { finished = true }
                condition.broadcast()
                condition.unlock()
                if item == nil { return }
            }
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// The next result in order, or nil when the producer has finished.
    func next() -> T? {
        condition.lock()
        defer { condition.unlock() }
        while ready.isEmpty && !finished { condition.wait() }
        if ready.isEmpty { return nil }
        let item = ready.removeFirst()
        condition.broadcast()
        return item
    }

    /// Stops the producer after what it is doing now and waits until it has stopped, so whatever it reads from
    /// can be closed safely.
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        while !finished { condition.wait() }
        condition.unlock()
    }
}
