import Foundation
import Synchronization
import Testing

@testable import CheckoutCore

/// `PerThread` keeps a value for each thread: a thread with a slot of its own sees only its own writes, and no write
/// is lost, whether threads have slots of their own or share the last one behind its lock.
@Suite("A value per thread")
struct PerThreadTests {
    /// Runs `body` on `count` new threads at once and waits for all of them.
    static func onThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
        let group = DispatchGroup()
        for index in 0..<count {
            group.enter()
            Thread {
                body(index)
                group.leave()
            }.start()
        }
        group.wait()
    }

    @Test func everyWriteIsKept() {
        let counts = PerThread<Int> { 0 }
        Self.onThreads(8) { _ in
            for _ in 0..<10_000 { counts.withValue { $0 += 1 } }
        }
        #expect(counts.allValues().reduce(0, +) == 80_000)
    }

    @Test func aThreadWithASlotSeesItsOwnValue() {
        let marks = PerThread<Int> { -1 }
        let seen = Mutex<[(slot: Int, wrote: Int, read: Int)]>([])
        let written = DispatchSemaphore(value: 0)
        let go = DispatchSemaphore(value: 0)
        // Lets the threads read once all four have written.
        Thread {
            for _ in 0..<4 { written.wait() }
            for _ in 0..<4 { go.signal() }
        }.start()
        Self.onThreads(4) { index in
            marks.withValue { $0 = index }
            written.signal()
            go.wait()
            let read = marks.withValue { $0 }
            seen.withLock { $0.append((ThreadSlot.current, index, read)) }
        }
        let entries = seen.withLock { $0 }
        #expect(entries.count == 4 && Set(entries.map(\.slot)).count == 4)
        for entry in entries where entry.slot < PerThread<Int>.slots {
            #expect(entry.read == entry.wrote)
        }
    }
}
