#if canImport(Glibc)
    import Glibc
#endif

/// `*.ndjson` / `*.jsonl`: one cart object per line, read line by line so memory holds one line at a time.
/// Blank lines are skipped; a line that is not JSON is one unreadable cart and the file goes on (SPEC §11).
final class NDJSONStream: CartStream {
    private let lines: LineReader
    private let name: String
    private var lineNumber = 0
    private(set) var breakOff: CheckoutError?

    let vanished = false

    var position: Int64 { Int64(lines.offset) }

    init(_ file: FileDescriptor, name: String) {
        self.lines = LineReader(file, maxLine: InputLimits.maxCartBytes)
        self.name = name
    }

    func next() -> InputCart? {
        while let (line, _) = lines.next() {
            lineNumber += 1
            if lines.lastLineTooLong {
                return .unreadable(
                    .invalidDocument(
                        "Line \(lineNumber) is longer than \(InputLimits.maxCartBytes >> 20) MiB; one cart may be at most that",
                        line: lineNumber))
            }
            var bytes = line
            if lineNumber == 1, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            // Parsed by the preparing thread (`JSONCartText`).
            return .json(JSONCartText(bytes: bytes, offset: 0, line: lineNumber, lineStart: 0, wholeLine: true))
        }
        if let code = lines.failure {
            breakOff = .invalidDocument(
                "\(name) could not be read past line \(lineNumber): \(String(cString: strerror(code)))",
                line: lineNumber + 1)
        }
        return nil
    }
}
