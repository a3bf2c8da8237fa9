#if canImport(Glibc)
import Glibc
#endif

/// inotify on the inbox folder: which names were written, closed after writing, or moved in. Nil when inotify
/// cannot be had (another OS, a filesystem without it, a limit reached); the watcher then polls.
final class InboxEvents {
    enum Kind { case changed, completed, removed }

    private let fd: Int32

    init?(folder: String) {
        let fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard fd >= 0 else { return nil }
        let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_MODIFY | IN_CREATE | IN_DELETE | IN_MOVED_FROM)
        guard inotify_add_watch(fd, folder, mask) >= 0 else {
            close(fd)
            return nil
        }
        self.fd = fd
    }

    deinit { close(fd) }

    /// Waits up to `timeout` milliseconds for events, and returns them in order.
    func wait(milliseconds timeout: Int32) -> [(name: String, kind: Kind)] {
        var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&pfd, 1, timeout) > 0 else { return [] }
        var events: [(name: String, kind: Kind)] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            guard n > 0 else { break }
            var offset = 0
            let header = MemoryLayout<inotify_event>.size
            while offset + header <= n {
                let (mask, length) = buffer.withUnsafeBytes { raw -> (UInt32, Int) in
                    let e = raw.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                    return (e.mask, Int(e.len))
                }
                let nameBytes = buffer[(offset + header)..<min(n, offset + header + length)].prefix { $0 != 0 }
                let name = String(decoding: nameBytes, as: UTF8.self)
                offset += header + length
                guard !name.isEmpty else { continue }
                if mask & UInt32(IN_CLOSE_WRITE | IN_MOVED_TO) != 0 {
                    events.append((name, .completed))
                } else if mask & UInt32(IN_DELETE | IN_MOVED_FROM) != 0 {
                    events.append((name, .removed))
                } else {
                    events.append((name, .changed))
                }
            }
        }
        return events
    }
}
