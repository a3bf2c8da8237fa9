import Foundation
import Synchronization
import Testing

@testable import CheckoutCore

@Suite("Preparing threads and a group's carts")
struct WorkerPoolTests {
    static let validator = CartValidator(
        catalogue: TestCatalogue.catalogue(products: []), now: Timestamp(rfc3339: "2026-11-21T02:00:00Z")!)

    /// An unreadable cart at `position`: the simplest prepared cart there is.
    static func cart(_ position: Int) -> PreparedCart {
        PreparedCart(
            .unreadable(CheckoutError(.invalidDocument, detail: "not JSON", line: 1)), file: "in.json",
            mirror: "in.json", position: position, validator: validator, renders: false)
    }

    @Test("a cart is taken only once its whole chunk is prepared, whatever was put in its slot before")
    func takenWhenTheChunkIsDone() {
        let carts = GroupCarts(capacity: 4)
        let pool = WorkerPool(threads: 2)
        defer { pool.close() }
        pool.submit {
            carts.fill(from: 0, count: 2) { slots in
                slots[0] = Self.cart(1)
                slots[1] = Self.cart(2)
                // The committing thread asks for cart 0 meanwhile; the chunk is finished afterwards (in a run, the
                // priced carts' ledger digests are set once the whole chunk is prepared).
                Thread.sleep(forTimeInterval: 0.1)
                slots[0]?.position = 10
            }
        }
        pool.submit { carts.fill(from: 2, count: 2) { slots in (slots[0], slots[1]) = (Self.cart(3), Self.cart(4)) } }
        carts.seal(count: 4)
        #expect((0..<4).map { carts.take($0).position } == [10, 2, 3, 4])
    }

    @Test("a group not committed leaves no staged document, even one still being written when it is dropped")
    func discardWaitsForTheChunks() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pool-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let carts = GroupCarts(capacity: 2)
        let pool = WorkerPool(threads: 1)
        for i in 0..<2 {
            pool.submit {
                carts.fill(from: i, count: 1) { slots in
                    Thread.sleep(forTimeInterval: 0.05)
                    let temporary = folder + "/p-\(i)"
                    try? FileSystem.writeFile(temporary, Array("{}".utf8))
                    slots[0] = Self.cart(i + 1)
                    slots[0]?.staged = (temporary, folder + "/order-\(i).json")
                }
            }
        }
        carts.seal(count: 2)
        carts.discardStaged()
        pool.close()  // nothing written after the discard either
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == [])
    }

    @Test("the pool runs every task given before it closes, each once")
    func everyTaskRuns() {
        let done = Mutex<[Int]>([])
        let pool = WorkerPool(threads: 3)
        for i in 0..<100 { pool.submit { done.withLock { $0.append(i) } } }
        pool.close()
        #expect(done.withLock { $0.sorted() } == Array(0..<100))
    }

    @Test("a task given to one thread runs there, before the shared tasks that thread has not taken yet")
    func taskForOneThread() {
        let pool = WorkerPool(threads: 2)
        let order = Mutex<[String]>([])
        let hold = DispatchSemaphore(value: 0)
        let started = DispatchSemaphore(value: 0)
        // Both threads busy: whichever takes a shared task notes itself, then waits.
        let first = Mutex<[Int]>([])
        for _ in 0..<2 {
            pool.submit {
                first.withLock { $0.append(WorkerPool.currentThread ?? -1) }
                started.signal()
                hold.wait()
            }
        }
        started.wait()
        started.wait()
        pool.submit { order.withLock { $0.append("shared on \(WorkerPool.currentThread ?? -1)") } }
        for thread in [1, 0, 1] {
            pool.submit(to: thread) {
                order.withLock { $0.append("own \(thread) on \(WorkerPool.currentThread ?? -1)") }
            }
        }
        hold.signal()
        hold.signal()
        pool.close()
        #expect(first.withLock { $0.sorted() } == [0, 1])
        #expect(WorkerPool.currentThread == nil)
        let ran = order.withLock { $0 }
        #expect(ran.filter { $0.hasPrefix("own") }.sorted() == ["own 0 on 0", "own 1 on 1", "own 1 on 1"])
        // The shared task waited for the own tasks of the thread that ran it.
        let sharedAt = ran.firstIndex { $0.hasPrefix("shared") }!
        let runner = ran[sharedAt].hasSuffix("on 0") ? "own 0" : "own 1"
        #expect(ran[..<sharedAt].filter { $0.hasPrefix(runner) }.count == (runner == "own 0" ? 1 : 2))
    }

    @Test("committed carts given back are let go by the threads that prepared them, none left in the group")
    func committedCartsAreReleased() {
        let carts = GroupCarts(capacity: 4)
        let pool = WorkerPool(threads: 2)
        for start in [0, 2] {
            pool.submit {
                carts.fill(from: start, count: 2) { ($0[0], $0[1]) = (Self.cart(start + 1), Self.cart(start + 2)) }
            }
        }
        carts.seal(count: 4)
        for i in 0..<4 { carts.giveBack(i, carts.take(i)) }
        #expect(carts.held == 4)
        carts.release(on: pool)
        pool.close()
        #expect(carts.held == 0)
    }

    /// What a task captures: says when it is gone.
    final class Held: Sendable {
        let flag: Flag
        init(_ flag: Flag) { self.flag = flag }
        deinit { flag.gone.store(true, ordering: .sequentiallyConsistent) }
    }

    @Test("a task is let go once it has run, while the pool is still busy (it holds a group's carts)")
    func tasksAreLetGo() {
        let pool = WorkerPool(threads: 1)
        let ran = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let flag = Flag()
        do {
            let held = Held(flag)
            pool.submit {
                _ = held
                ran.signal()
            }
        }
        pool.submit { release.wait() }
        pool.submit {}
        ran.wait()
        // The second task is running, the third waits: the first one's captures must be gone by now.
        var tries = 0
        while !flag.gone.load(ordering: .sequentiallyConsistent) && tries < 100 {
            Thread.sleep(forTimeInterval: 0.01)
            tries += 1
        }
        let gone = flag.gone.load(ordering: .sequentiallyConsistent)
        #expect(gone)
        release.signal()
        pool.close()
    }

    final class Flag: Sendable { let gone = Atomic<Bool>(false) }
}
