/// Turns an input file's bytes into its carts (SPEC §2, §11). A file that is not a document at all yields
/// `.notADocument`; otherwise each cart is a node to decode, or a cart-level `invalid_document` (an NDJSON line
/// that is not JSON).
public enum InputReader {
    public enum Cart: Sendable {
        case node(DocNode)
        case unreadable(CheckoutError)
    }

    public enum Result: Sendable {
        case carts([Cart])
        case notADocument(CheckoutError)
    }

    public static func read(_ bytes: [UInt8], format: Inbox.Format) -> Result {
        switch format {
        case .json: return readJSON(bytes)
        case .ndjson: return readNDJSON(bytes)
        case .xml:
            return .notADocument(.invalidDocument("XML inputs are not supported by this version", line: 1))
        }
    }

    /// `{"data": cart}` or `{"data": [cart, …]}`; anything else is not a cart document.
    static func readJSON(_ bytes: [UInt8]) -> Result {
        let root: DocNode
        do {
            root = try JSONParser.parse(bytes)
        } catch {
            return .notADocument(.invalidDocument(error.description, line: error.line))
        }
        guard case .object = root.value, let data = root["data"] else {
            return .notADocument(.invalidDocument("Expected an object with a \"data\" member (a cart or an array of carts)", line: root.line))
        }
        switch data.value {
        case .object: return .carts([.node(data)])
        case .array(let elements): return .carts(elements.map { .node($0) })
        default:
            return .notADocument(.invalidDocument("\"data\" must be a cart object or an array of carts, not \(data.typeName)", line: data.line))
        }
    }

    /// One cart object per line; blank lines are skipped; a line that is not JSON is one unreadable cart.
    static func readNDJSON(_ bytes: [UInt8]) -> Result {
        var carts: [Cart] = []
        var start = 0
        var lineNumber = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        while start < bytes.count {
            lineNumber += 1
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            let line = bytes[start..<end]
            start = end + 1
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            do {
                carts.append(.node(renumbered(try JSONParser.parse(Array(line)), line: lineNumber)))
            } catch {
                carts.append(.unreadable(.invalidDocument(error.message + " at line \(lineNumber), column \(error.column)", line: lineNumber)))
            }
        }
        return .carts(carts)
    }

    /// NDJSON lines are parsed one at a time; their positions become lines of the file.
    static func renumbered(_ node: DocNode, line: Int) -> DocNode {
        var copy = node
        copy.line = line
        switch node.value {
        case .array(let elements): copy.value = .array(elements.map { renumbered($0, line: line) })
        case .object(let members):
            copy.value = .object(members.map { DocMember(key: $0.key, node: renumbered($0.node, line: line)) })
        default: break
        }
        return copy
    }
}

extension CheckoutError {
    static func invalidDocument(_ detail: String, line: Int) -> CheckoutError {
        CheckoutError(status: 400, code: "invalid_document", title: "Invalid document", detail: detail, source: nil, line: line)
    }
}
