#if canImport(Glibc)
    import Glibc
#endif

/// inotify on the inbox folder: which names were written, closed after writing, or moved in. Nil when inotify
/// cannot be had (another OS, a filesystem without it, a limit reached); the watcher then polls.
final class InboxEvents {
    enum Kind { case changed, completed, removed }

    private let events: FileDescriptor

    init?(folder: String) {
        let fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard fd >= 0 else { return nil }
        events = FileDescriptor(adopting: fd, path: folder)
        let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_MODIFY | IN_CREATE | IN_DELETE | IN_MOVED_FROM)
        guard inotify_add_watch(fd, folder, mask) >= 0 else { return nil }
    }

    /// One event: the file's name (nil when the kernel's queue overflowed and events were lost) and what happened.
    struct Event {
        var name: InputName?
        var kind: Kind
    }

    /// Waits up to `timeout` milliseconds for events, and returns them in order.
    func wait(milliseconds timeout: Int32) -> [Event] {
        var pfd = pollfd(fd: self.events.raw, events: Int16(POLLIN), revents: 0)
        guard poll(&pfd, 1, timeout) > 0 else { return [] }
        var events: [Event] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            // Non-blocking: EAGAIN once the queue is drained.
            guard let n = try? self.events.read(into: &buffer), n > 0 else { break }
            var offset = 0
            let header = MemoryLayout<inotify_event>.size
            while offset + header <= n {
                let (mask, length) = buffer.withUnsafeBytes { raw -> (UInt32, Int) in
                    let e = raw.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                    return (e.mask, Int(e.len))
                }
                let nameBytes = Array(buffer[(offset + header)..<min(n, offset + header + length)].prefix { $0 != 0 })
                offset += header + length
                if mask & UInt32(IN_Q_OVERFLOW) != 0 {
                    events.append(Event(name: nil, kind: .changed))
                    continue
                }
                guard !nameBytes.isEmpty else { continue }
                let name = InputName(bytes: nameBytes)
                if mask & UInt32(IN_CLOSE_WRITE | IN_MOVED_TO) != 0 {
                    events.append(Event(name: name, kind: .completed))
                } else if mask & UInt32(IN_DELETE | IN_MOVED_FROM) != 0 {
                    events.append(Event(name: name, kind: .removed))
                } else {
                    events.append(Event(name: name, kind: .changed))
                }
            }
        }
        return events
    }
}
