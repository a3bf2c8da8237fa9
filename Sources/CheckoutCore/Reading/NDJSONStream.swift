#if canImport(Glibc)
import Glibc
#endif

/// `*.ndjson` / `*.jsonl`: one cart object per line, read line by line from the file so memory holds one line at
/// a time. Blank lines are skipped; a line that is not JSON is one unreadable cart and the file goes on (SPEC §11).
final class NDJSONStream: CartStream {
    private let fd: Int32
    private let name: String
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEOF = false
    private var lineNumber = 0
    private(set) var breakOff: CheckoutError?
    static let chunk = 1 << 20

    init(fd: Int32, name: String) {
        self.fd = fd
        self.name = name
    }

    deinit { close(fd) }

    func next() -> InputCart? {
        while let line = nextLine() {
            lineNumber += 1
            var bytes = line
            if lineNumber == 1, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            do {
                return .node(JSONParser.relined(try JSONParser.parse(bytes), line: lineNumber))
            } catch {
                return .unreadable(.invalidDocument(error.message + " at line \(lineNumber), column \(error.column)", line: lineNumber))
            }
        }
        return nil
    }

    /// The next line without its newline, or nil at the end of the file (or a read error, which breaks the input).
    private func nextLine() -> [UInt8]? {
        var scanFrom = start
        while true {
            if let nl = buffer[scanFrom...].firstIndex(of: 0x0A) {
                let line = Array(buffer[start..<nl])
                start = nl + 1
                return line
            }
            if atEOF {
                guard start < buffer.count else { return nil }
                let line = Array(buffer[start...])
                start = buffer.count
                return line
            }
            // Keep the unfinished line, read more after it.
            buffer.removeFirst(start)
            start = 0
            scanFrom = buffer.count
            let before = buffer.count
            buffer.append(contentsOf: repeatElement(0, count: NDJSONStream.chunk))
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress! + before, NDJSONStream.chunk) }
            if n < 0 {
                if errno == EINTR { buffer.removeLast(NDJSONStream.chunk); continue }
                breakOff = .invalidDocument("\(name) could not be read past line \(lineNumber): \(String(cString: strerror(errno)))", line: lineNumber + 1)
                return nil
            }
            buffer.removeLast(NDJSONStream.chunk - n)
            if n == 0 { atEOF = true }
        }
    }
}

extension JSONParser {
    /// An NDJSON line is parsed on its own; every position in it becomes that line of the file.
    static func relined(_ node: DocNode, line: Int) -> DocNode {
        var copy = node
        copy.line = line
        switch node.value {
        case .array(let elements): copy.value = .array(elements.map { relined($0, line: line) })
        case .object(let members): copy.value = .object(members.map { DocMember(key: $0.key, node: relined($0.node, line: line)) })
        default: break
        }
        return copy
    }
}
