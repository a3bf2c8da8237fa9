import Foundation

/// Bytes one thread renders and another waits for: the run report's HTML page, made on the pool (`writeReport`).
final class RenderedLater: @unchecked Sendable {
    private let condition = NSCondition()
    private var bytes: [UInt8]?

    func set(_ rendered: [UInt8]) {
        condition.lock()
        bytes = rendered
        condition.broadcast()
        condition.unlock()
    }

    /// The bytes, once set.
    func value() -> [UInt8] {
        condition.lock()
        defer { condition.unlock() }
        while bytes == nil { condition.wait() }
        return bytes!
    }
}
