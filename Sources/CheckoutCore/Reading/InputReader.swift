#if canImport(Glibc)
    import Glibc
#endif

/// One cart of an input as the reader found it: a document to decode, or a cart-level
/// `invalid_document` (an NDJSON line that is not JSON, a repeated field in an XML cart).
enum InputCart: Sendable {
    /// An XML cart as read, its fields not decoded yet.
    case xmlCart(XMLCartTape)
    /// A JSON cart not parsed yet: the preparing thread parses it.
    case json(JSONCartText)
    /// A JSON cart parsed, its fields not decoded yet.
    case parsedJSON(JSONTape)
    /// A partner's purchase order (SPEC §12), read as one cart. Boxed: held inline, its ~40 fields made every
    /// cart of every format as large as a purchase order, and each move of one a copy of it all (issue 18: ~5k
    /// instructions a one-cart file, ~2.7k a cart of a feed).
    indirect case purchaseOrder(PurchaseOrder)
    case unreadable(CheckoutError)
}

/// The carts of one input, read one at a time so that memory does not grow with the feed (SPEC §2.2).
protocol CartStream: AnyObject {
    /// The next cart, or nil at the end of the input or where it broke off.
    func next() -> InputCart?
    /// Set when `next()` returned nil because the input broke off, or was never a document: the carts before
    /// the break still count, and the file goes to `rejected/` with this error (SPEC §11).
    var breakOff: CheckoutError? { get }
    /// Whether the input was gone before it could be opened (SPEC §11: it never stops the run).
    var vanished: Bool { get }
    /// How many bytes of the input are read so far: a progress display's estimate within one large feed.
    var position: Int64 { get }
}

/// The limits SPEC §11 sets on what one input or cart may be: past them an input or a cart is a clear error, in
/// time linear in its size and memory that does not grow with it.
enum InputLimits {
    /// A `*.json` document is read whole: beyond this it is not read at all.
    static let maxJSONDocumentBytes: Int64 = 256 << 20
    /// One NDJSON line or one XML cart.
    static let maxCartBytes = 64 << 20
    static let maxNumberLiteral = 64
    static let maxItems = 100_000
    static let maxDepth = 64
}

/// Opens an input by its format (SPEC §2, §11).
enum InputReader {
    static func open(_ path: InputPath, format: InputFormat) -> any CartStream {
        open(path, displayName: path.name.text, format: format)
    }

    /// Opens the input at a path given as text (tests and tools), naming it `name` in messages.
    static func open(_ path: String, name: String, format: InputFormat) -> any CartStream {
        open(
            InputPath(folder: FileSystem.parentOf(path), name: InputName(FileSystem.baseName(path))), displayName: name,
            format: format)
    }

    static func open(_ path: InputPath, displayName name: String, format: InputFormat) -> any CartStream {
        switch FileSystem.kind(path) {
        case .missing: return BrokenStream(vanished: true)
        case .other:
            return BrokenStream(
                .invalidDocument(
                    "\(name) is not a regular file (a link, a folder or a pipe); only regular files are read", line: 1))
        case .regularFile: break
        }
        let file: FileDescriptor
        do { file = try FileDescriptor.open(path) } catch {
            if error.code == ENOENT { return BrokenStream(vanished: true) }
            return BrokenStream(.invalidDocument("\(name) cannot be read: \(error.reason)", line: 1))
        }
        return open(file, size: nil, displayName: name, format: format)
    }

    /// Reads an input already opened (`FileSystem.openInput`); `size`: its size as the opener's `fstat` saw it.
    static func open(_ file: FileDescriptor, size known: Int64?, displayName name: String, format: InputFormat)
        -> any CartStream
    {
        switch format {
        case .json:
            let size = known ?? (try? file.size()) ?? 0
            if size > InputLimits.maxJSONDocumentBytes {
                return BrokenStream(
                    .invalidDocument(
                        "\(name) is \(size >> 20) MiB; a .json document may be at most \(InputLimits.maxJSONDocumentBytes >> 20) MiB. Send it as NDJSON (one cart per line) or an XML feed, which are read cart by cart",
                        line: 1))
            }
            do {
                return JSONDocumentStream(
                    try FileSystem.readAll(file, limit: InputLimits.maxJSONDocumentBytes, size: known))
            } catch {
                return BrokenStream(.invalidDocument("\(name) cannot be read: \(error.reason)", line: 1))
            }
        case .ndjson:
            return NDJSONStream(file, name: name)
        case .xml:
            return XMLCartStream(file, name: name)
        }
    }
}

/// An input that is not a document at all, or is gone.
final class BrokenStream: CartStream {
    let breakOff: CheckoutError?
    let vanished: Bool

    init(_ error: CheckoutError) {
        breakOff = error
        vanished = false
    }

    init(vanished: Bool) {
        breakOff = nil
        self.vanished = vanished
    }

    func next() -> InputCart? { nil }

    var position: Int64 { 0 }
}

/// A `*.json` file: `{"data": cart}` or `{"data": [cart, …]}`; anything else is not a cart document. It is one
/// JSON value, so it is first checked whole (syntax, UTF-8, repeated keys) without keeping any of it; then its
/// carts are read one at a time, each keeping only the fields a cart has, so memory holds the file's bytes and one
/// cart whatever the number of carts (SPEC §11). A cart past the limits of SPEC §11 is one `invalid_document`.
final class JSONDocumentStream: CartStream {
    private let bytes: [UInt8]
    private(set) var breakOff: CheckoutError?
    let vanished = false
    /// Where each cart starts — `data` itself when it is one cart, else each element of its array, as the first
    /// pass (`JSONParser.validate`) found them, so no cart is scanned again on the reading thread (issue 18) — and
    /// which is next.
    private var starts: [JSONParser.ValueStart] = []
    private var nextCart = 0
    /// The first cart, read by the first pass (`JSONParser.validate(…, readingCart:)`) when it is an object.
    private var firstCart: InputCart?

    /// Where the next cart starts; nil when there are no more.
    private var cursor: JSONParser.ValueStart? { nextCart < starts.count ? starts[nextCart] : nil }

    var position: Int64 { Int64(cursor?.offset ?? bytes.count) }

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        let envelope:
            (
                rootIsObject: Bool, rootLine: Int, member: JSONParser.ValueStart?, elements: [JSONParser.ValueStart]?,
                cart: JSONParser.EnvelopeCart?
            )
        do {
            envelope = try bytes.withUnsafeBufferPointer { (buffer) throws(JSONParser.SyntaxError) in
                try JSONParser.validate(buffer, envelopeKey: "data", readingCart: true)
            }
        } catch {
            breakOff = .invalidDocument(error.description, line: error.line)
            return
        }
        guard envelope.rootIsObject, let data = envelope.member else {
            if envelope.rootIsObject, let kind = DocumentKind.ofEnvelope(bytes) {
                breakOff = DocumentKind.error(kind, line: envelope.rootLine)
                return
            }
            breakOff = .invalidDocument(
                "Expected an object with a \"data\" member (a cart or an array of carts)", line: envelope.rootLine)
            return
        }
        switch envelope.cart {
        case .success(let read)?:
            firstCart = .parsedJSON(JSONTape(bytes: bytes, entries: read.entries, escapedKeys: read.escapedKeys))
        case .failure(let error)?: firstCart = .unreadable(.invalidDocument(error.description, line: error.line))
        case nil: break
        }
        switch bytes[data.offset] {
        case UInt8(ascii: "{"):
            starts = [data]
        case UInt8(ascii: "["):
            starts = envelope.elements ?? []
        default:
            let value = try? bytes.withUnsafeBufferPointer { (buffer) throws(JSONParser.SyntaxError) in
                try JSONParser.parseValue(
                    in: buffer, at: data.offset, line: data.line, lineStart: data.lineStart, shape: .scalar, limits: nil
                )
            }
            breakOff = .invalidDocument(
                "\"data\" must be a cart object or an array of carts, not \(value?.node.typeName ?? "?")",
                line: data.line)
        }
    }

    func next() -> InputCart? {
        guard let start = cursor else { return nil }
        nextCart += 1
        let (offset, line) = (start.offset, start.line)
        // Parsed by the preparing thread; `init` has checked the whole document's syntax.
        let text = JSONCartText(bytes: bytes, offset: offset, line: line, lineStart: start.lineStart, wholeLine: false)
        var cart = firstCart ?? InputCart.json(text)
        firstCart = nil
        // The first cart tells a document that only looks like carts: it is not one, as a whole (issue 17). Read
        // already by the first pass, it is asked; else it is scanned for its `type`.
        if nextCart == 1 {
            var skipped: (end: Int, line: Int, plainType: String?, escapedType: Bool)?
            switch cart {
            case .parsedJSON: break  // its tape is asked below
            default:
                // Up to where the next cart starts: in a feed, the rest of the document is not this cart's.
                let end = cursor?.offset ?? bytes.count
                skipped = bytes.withUnsafeBufferPointer { b in
                    JSONParser.cannotHoldType(b, in: offset..<end)
                        ? nil : JSONParser.skipValue(b, at: offset, line: line)
                }
                if skipped?.escapedType == true { cart = text.parse() }
            }
            let kind =
                if case .parsedJSON(let tape) = cart { DocumentKind.ofCart(tape) } else {
                    skipped?.plainType.flatMap(DocumentKind.ofType)
                }
            if let kind {
                breakOff = DocumentKind.error(kind, line: line)
                nextCart = starts.count
                return nil
            }
        }
        return cart
    }
}

extension CheckoutError {
    static func invalidDocument(_ detail: String, line: Int) -> CheckoutError {
        CheckoutError(.invalidDocument, detail: detail, line: line)
    }
}
