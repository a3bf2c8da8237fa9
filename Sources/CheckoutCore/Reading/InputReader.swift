#if canImport(Glibc)
import Glibc
#endif

/// One cart of an input as the reader found it: a document node to decode, or a cart-level
/// `invalid_document` (an NDJSON line that is not JSON, a repeated field in an XML cart).
public enum InputCart: Sendable {
    case node(DocNode)
    case unreadable(CheckoutError)
}

/// The carts of one input, read one at a time so that memory does not grow with the feed (SPEC §2.2).
public protocol CartStream: AnyObject {
    /// The next cart, or nil at the end of the input or where it broke off.
    func next() -> InputCart?
    /// Set when `next()` returned nil because the input broke off, or was never a document: the carts before
    /// the break still count, and the file goes to `rejected/` with this error (SPEC §11).
    var breakOff: CheckoutError? { get }
}

/// Opens an input by its format (SPEC §2, §11).
public enum InputReader {
    public static func open(_ path: String, name: String, format: Inbox.Format) -> any CartStream {
        guard FileSystem.isRegularFile(path) else {
            return BrokenStream(.invalidDocument("\(name) is not a regular file (a link or a folder); only regular files are read", line: 1))
        }
        switch format {
        case .json:
            do { return JSONDocumentStream(try FileSystem.readAll(path)) } catch {
                return BrokenStream(.invalidDocument("\(name) cannot be read: \(error.reason)", line: 1))
            }
        case .ndjson:
            let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
            guard fd >= 0 else {
                return BrokenStream(.invalidDocument("\(name) cannot be read: \(String(cString: strerror(errno)))", line: 1))
            }
            return NDJSONStream(fd: fd, name: name)
        case .xml:
            return XMLCartStream(path: path, name: name)
        }
    }
}

/// An input that is not a document at all.
final class BrokenStream: CartStream {
    let breakOff: CheckoutError?

    init(_ error: CheckoutError) { breakOff = error }

    func next() -> InputCart? { nil }
}

/// A `*.json` file: `{"data": cart}` or `{"data": [cart, …]}`, read whole (it is one JSON value); anything else
/// is not a cart document.
final class JSONDocumentStream: CartStream {
    private var carts: [DocNode] = []
    private var index = 0
    private(set) var breakOff: CheckoutError?

    init(_ bytes: [UInt8]) {
        let root: DocNode
        do {
            root = try JSONParser.parse(bytes)
        } catch {
            breakOff = .invalidDocument(error.description, line: error.line)
            return
        }
        guard case .object = root.value, let data = root["data"] else {
            breakOff = .invalidDocument("Expected an object with a \"data\" member (a cart or an array of carts)", line: root.line)
            return
        }
        switch data.value {
        case .object: carts = [data]
        case .array(let elements): carts = elements
        default:
            breakOff = .invalidDocument("\"data\" must be a cart object or an array of carts, not \(data.typeName)", line: data.line)
        }
    }

    func next() -> InputCart? {
        guard index < carts.count else { return nil }
        defer { index += 1 }
        return .node(carts[index])
    }
}

extension CheckoutError {
    static func invalidDocument(_ detail: String, line: Int) -> CheckoutError {
        CheckoutError(status: 400, code: "invalid_document", title: "Invalid document", detail: detail, source: nil, line: line)
    }
}
