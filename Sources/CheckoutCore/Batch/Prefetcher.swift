import Foundation

/// One thread, living as long as its owner, that runs a producer at most `depth` results ahead of the consumer:
/// while the committing thread writes one group of carts, the next groups are read (issue 6), their carts handed to
/// the `WorkerPool` as they are. Results come out in the order produced, so what is committed never depends on
/// thread timing. A thread per input cost a `clone3` per one-cart file (issue 18); this one takes one producer after
/// another.
final class Prefetcher<T: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private let depth: Int
    /// The producer being run, until it returns nil or is cancelled.
    private var producer: (@Sendable () -> T?)?
    private var ready: [T] = []
    private var finished = true
    private var cancelled = false
    private var closed = false

    init(depth: Int) {
        self.depth = depth
        let thread = Thread { [self] in work() }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Starts producing with `produce`, which returns nil when there is nothing more; it is never called again
    /// after that, or after `cancel()`. The previous producer must have finished or been cancelled.
    func begin(_ produce: @escaping @Sendable () -> T?) {
        condition.lock()
        precondition(finished, "a producer is still running")
        ready.removeAll()
        finished = false
        cancelled = false
        producer = produce
        condition.broadcast()
        condition.unlock()
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
    /// can be closed safely. Returns the results not taken (the producer's last one included).
    @discardableResult
    func cancel() -> [T] {
        condition.lock()
        cancelled = true
        condition.broadcast()
        while !finished { condition.wait() }
        let dropped = ready
        ready.removeAll()
        condition.unlock()
        return dropped
    }

    /// Cancels the producer and lets the thread end.
    func close() {
        cancel()
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    private func work() {
        condition.lock()
        while true {
            while !closed && (producer == nil || (ready.count >= depth && !cancelled)) { condition.wait() }
            if closed { break }
            let produce = producer!
            var item: T?
            if !cancelled {
                condition.unlock()
                item = produce()
                condition.lock()
            }
            if let item { ready.append(item) }
            if item == nil || cancelled {
                producer = nil
                finished = true
            }
            condition.broadcast()
        }
        condition.unlock()
    }
}
