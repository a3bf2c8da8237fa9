#if canImport(Glibc)
    import Glibc
#endif

/// Reads a file line by line through one buffer (1 MiB, grown only for a longer line), so memory holds one chunk
/// and one line whatever the file's size. Used for NDJSON inputs and the ledger journal.
final class LineReader {
    private let file: FileDescriptor
    private var buffer: UnsafeMutableRawBufferPointer
    /// Valid bytes are `start..<end`.
    private var start = 0
    private var end = 0
    private var atEOF = false
    /// Offset in the file of the next line's first byte.
    private(set) var offset = 0
    /// Set when a read failed: the lines before it were delivered.
    private(set) var failure: Int32?
    /// A line longer than this is not kept: its bytes are skipped to its newline and it is reported as too long,
    /// so one huge line costs time, never memory.
    private let maxLine: Int
    /// Set by `next()` when the line it returned (empty) was longer than `maxLine`.
    private(set) var lastLineTooLong = false

    init(_ file: FileDescriptor, capacity: Int = 1 << 20, maxLine: Int = .max) {
        self.file = file
        self.maxLine = maxLine
        buffer = .allocate(byteCount: capacity, alignment: 1)
    }

    deinit {
        buffer.deallocate()
    }

    /// The next line without its newline, and whether it ended with one (a last line cut short has none); nil at
    /// the end of the file or after a read error.
    func next() -> (line: [UInt8], terminated: Bool)? {
        var scanned = start
        /// Bytes of the current line already dropped because it is too long.
        var skipped = 0
        lastLineTooLong = false
        while true {
            if let nl = memchr(buffer.baseAddress! + scanned, 0x0A, end - scanned) {
                let lineEnd = buffer.baseAddress!.distance(to: nl)
                offset += lineEnd + 1 - start
                if skipped + (lineEnd - start) > maxLine {
                    start = lineEnd + 1
                    lastLineTooLong = true
                    return ([], true)
                }
                let line = Array(UnsafeRawBufferPointer(rebasing: buffer[start..<lineEnd]))
                start = lineEnd + 1
                return (line, true)
            }
            scanned = end
            if atEOF || failure != nil {
                guard start < end || skipped > 0, failure == nil else { return nil }
                offset += end - start
                if skipped + (end - start) > maxLine {
                    start = end
                    lastLineTooLong = true
                    return ([], false)
                }
                let line = Array(UnsafeRawBufferPointer(rebasing: buffer[start..<end]))
                start = end
                return (line, false)
            }
            if skipped + (end - start) > maxLine {
                // Too long to keep: drop what is buffered and read on to the newline.
                skipped += end - start
                offset += end - start
                start = 0
                end = 0
                scanned = 0
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
            let n: Int
            do { n = try file.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[end...])) } catch {
                failure = error.code
                return nil
            }
            if n == 0 { atEOF = true }
            end += n
        }
    }
}
