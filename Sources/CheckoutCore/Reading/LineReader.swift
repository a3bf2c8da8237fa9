#if canImport(Glibc)
import Glibc
#endif

/// Reads a file line by line through one buffer (1 MiB, grown only for a longer line), so memory holds one chunk
/// and one line whatever the file's size. Used for NDJSON inputs and the ledger journal.
final class LineReader {
    private let fd: Int32
    private var buffer: UnsafeMutableRawBufferPointer
    /// Valid bytes are `start..<end`.
    private var start = 0
    private var end = 0
    private var atEOF = false
    /// Offset in the file of the next line's first byte.
    private(set) var offset = 0
    /// Set when a read failed: the lines before it were delivered.
    private(set) var failure: Int32?

    /// Takes ownership of `fd` and closes it.
    init(fd: Int32, capacity: Int = 1 << 20) {
        self.fd = fd
        buffer = .allocate(byteCount: capacity, alignment: 1)
    }

    deinit {
        buffer.deallocate()
        close(fd)
    }

    /// The next line without its newline, and whether it ended with one (a last line cut short has none); nil at
    /// the end of the file or after a read error.
    func next() -> (line: [UInt8], terminated: Bool)? {
        var scanned = start
        while true {
            if let nl = memchr(buffer.baseAddress! + scanned, 0x0A, end - scanned) {
                let lineEnd = buffer.baseAddress!.distance(to: nl)
                let line = Array(UnsafeRawBufferPointer(rebasing: buffer[start..<lineEnd]))
                offset += lineEnd + 1 - start
                start = lineEnd + 1
                return (line, true)
            }
            scanned = end
            if atEOF || failure != nil {
                guard start < end, failure == nil else { return nil }
                let line = Array(UnsafeRawBufferPointer(rebasing: buffer[start..<end]))
                offset += end - start
                start = end
                return (line, false)
            }
            // Make room after the unfinished line: move it to the front, or grow when it fills the buffer.
            if start > 0 {
                memmove(buffer.baseAddress!, buffer.baseAddress! + start, end - start)
                scanned -= start
                end -= start
                start = 0
            }
            if end == buffer.count {
                let bigger = UnsafeMutableRawBufferPointer.allocate(byteCount: buffer.count * 2, alignment: 1)
                bigger.copyMemory(from: UnsafeRawBufferPointer(rebasing: buffer[0..<end]))
                buffer.deallocate()
                buffer = bigger
            }
            let n = read(fd, buffer.baseAddress! + end, buffer.count - end)
            if n < 0 {
                if errno == EINTR { continue }
                failure = errno
                return nil
            }
            if n == 0 { atEOF = true }
            end += n
        }
    }
}
