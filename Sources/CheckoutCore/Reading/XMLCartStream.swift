import CLibXML2

#if canImport(Glibc)
    import Glibc
#endif

/// `*.xml`: one `<cart>` or a `<carts>` feed, read with libxml2's SAX2 push parser in 64 KiB chunks, so memory holds
/// one chunk and the cart being read, whatever the size of the feed (SPEC §2.2). SAX callbacks fire as each end tag
/// is parsed, so when a feed breaks off every complete cart before the break is kept, and only the unfinished one
/// is dropped.
///
/// Hostile documents: no DTD is loaded and nothing is fetched (`XML_PARSE_NONET`, no `DTDLOAD`, no `NOENT`); a
/// DOCTYPE of any kind stops the parser at once, before any declaration in it is used; an entity other than the
/// five predefined ones is an error (no entity is ever looked up); libxml2's default limits (no `XML_PARSE_HUGE`)
/// bound nesting depth and attribute size, and text values are bounded here.
///
/// Each cart is written as an `XMLCartTape`, which reads as the same shape as a JSON cart, with text as `.text`
/// values, so one decoder serves both and errors have the same `source` paths (`data.items.2.quantity`).
final class XMLCartStream: CartStream {
    private let name: String
    private let file: FileDescriptor
    private var context: xmlParserCtxtPtr?
    private(set) var breakOff: CheckoutError?
    private var finished = false
    /// Carts completed by the callbacks and not yet handed out: at most one chunk's worth.
    @exclusivity(unchecked) var ready: [InputCart] = []
    private var readyIndex = 0

    // Parse state, driven by the SAX callbacks. The stream is used by one thread at a time (its reader's), so the
    // collections the callbacks change are marked `@exclusivity(unchecked)`: their run-time access checks cost
    // ~13k instructions per XML cart (issue 18), and the compiler still checks every access it can see statically.
    var depth = 0
    private var inFeed = false
    private var sawRoot = false
    /// The elements open inside the current cart, the cart itself first.
    @exclusivity(unchecked) private var frames: [Frame] = []
    /// The cart being read: its elements and attributes kept so far.
    @exclusivity(unchecked) private var tape = XMLCartTape()
    private var cartProblem: CheckoutError? { didSet { cartIsBroken = cartProblem != nil } }
    /// Whether `cartProblem` is set: asked at every element and field, where comparing the optional error with nil
    /// copied and destroyed it (issue 18).
    private var cartIsBroken = false
    /// Depth of a feed child that is not a `<cart>`, skipped whole.
    private var skipping: (depth: Int, name: String, line: Int)? { didSet { isSkipping = skipping != nil } }
    private var isSkipping = false
    private var parserError: (message: String, line: Int, column: Int)?
    private var bytesRead = 0
    /// Counts elements and attributes as they are met: their document order (SPEC §11).
    var nextOrder = 0
    /// A purchase order being read (SPEC §12): its standard, its elements so far, and where it started.
    @exclusivity(unchecked) var purchaseOrder: (standard: PurchaseOrder.Standard, tree: XMLTreeBuilder, start: Int)? {
        didSet { readsPurchaseOrder = purchaseOrder != nil }
    }
    /// Whether `purchaseOrder` is set, asked at every callback (as `cartIsBroken`).
    private var readsPurchaseOrder = false
    /// Set when the order is past a limit (SPEC §11): the rest is read for its syntax only.
    var purchaseOrderProblem: CheckoutError?
    var purchaseOrderLines = 0
    /// The one DOCTYPE allowed, `<!DOCTYPE cXML SYSTEM "…">` (SPEC §12): never read, never fetched.
    var cxmlDoctype = false
    /// One read buffer for the stream's life: a small document is read in one chunk plus the end-of-file read.
    @exclusivity(unchecked) private var buffer = [UInt8](repeating: 0, count: XMLCartStream.chunkSize)
    /// The last namespace URI seen and its text: libxml2 interns URIs, so one pointer is one namespace, and a
    /// document's elements mostly share two or three.
    @exclusivity(unchecked) var lastNamespace: (pointer: UnsafePointer<xmlChar>, text: String)?
    /// The names met so far, by libxml2's interned pointer (`name(_:)`).
    @exclusivity(unchecked) var names = [(pointer: UnsafePointer<xmlChar>?, name: XMLName)](
        repeating: (nil, XMLName("")), count: XMLCartStream.nameSlots)
    static let nameSlots = 256
    /// The first bytes of the document: where a DOCTYPE is looked at for an internal subset.
    var prolog: [UInt8] = []

    static let chunkSize = 1 << 16
    static let maxText = 10_000_000
    /// A cart is four levels deep at most (`carts/cart/items/item`); anything far deeper is hostile, and would
    /// otherwise build a node tree deep enough to exhaust the stack.
    static let maxDepth = 64
    static let options = Int32(XML_PARSE_NONET.rawValue)
    private static let parserReady: Void = {
        xmlInitParser()
        checkout_batch_silence_libxml2()
    }()

    /// Where the cart being read started, in bytes of the input, for the 64 MiB limit (SPEC §11).
    private var cartStart = 0
    /// Depth of an element inside a cart that is not kept (an unknown field, or anything once the cart is past a
    /// limit): it and everything in it are read for their syntax only.
    private var ignoring: Int?

    let vanished = false

    var position: Int64 { Int64(bytesConsumed) }

    init(_ file: FileDescriptor, name: String) {
        self.name = name
        self.file = file
        _ = XMLCartStream.parserReady
        // libxml2's generic error function is per thread; each parsing thread silences its own.
        checkout_batch_silence_libxml2()
        var sax = XMLCartStream.handler()
        context = xmlCreatePushParserCtxt(&sax, Unmanaged.passUnretained(self).toOpaque(), nil, 0, name)
        guard let context else {
            fail(.invalidDocument("\(name) could not be opened as XML", line: 1))
            return
        }
        _ = xmlCtxtUseOptions(context, XMLCartStream.options)
    }

    deinit {
        if let context { xmlFreeParserCtxt(context) }
    }

    func next() -> InputCart? {
        while readyIndex == ready.count {
            ready.removeAll(keepingCapacity: true)
            readyIndex = 0
            guard !finished else { return nil }
            parseChunk()
        }
        defer { readyIndex += 1 }
        return ready[readyIndex]
    }

    /// Feeds the parser one chunk of the file; callbacks fill `ready`.
    private func parseChunk() {
        guard let context else {
            finished = true
            return
        }
        let n: Int
        do { n = try file.read(into: &buffer) } catch {
            fail(.invalidDocument("\(name) could not be read: \(error.reason)", line: currentLine))
            return
        }
        if bytesRead == 0 { prolog = Array(buffer[0..<n]) }
        bytesRead += n
        if n == 0 && bytesRead == 0 {
            fail(.invalidDocument("The document is empty", line: 1))
            return
        }
        let status = buffer.withUnsafeBytes { raw in
            xmlParseChunk(context, raw.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(n), n == 0 ? 1 : 0)
        }
        if breakOff != nil { return }  // a callback stopped the parser and said why
        if status != 0 || context.pointee.wellFormed == 0 {
            let e = parserError ?? ("the XML is not well-formed", currentLine, 0)
            let column = e.column > 0 ? ", column \(e.column)" : ""
            fail(.invalidDocument("XML broke off at line \(e.line)\(column): \(e.message)", line: e.line))
            return
        }
        if n == 0 {
            finished = true
            if !sawRoot { fail(.invalidDocument("The document is empty", line: 1)) }
        }
    }

    func fail(_ error: CheckoutError) {
        if breakOff == nil { breakOff = error }
        finished = true
        if let context { xmlStopParser(context) }
    }

    var currentLine: Int {
        guard let context else { return 1 }
        return max(1, Int(xmlSAX2GetLineNumber(context)))
    }

    // MARK: SAX events

    func startElement(_ element: XMLName, namespace: String, attributes: XMLAttributes) {
        let name = element.text
        depth += 1
        let line = currentLine
        if depth > XMLCartStream.maxDepth {
            fail(
                .invalidDocument(
                    "XML nested deeper than \(XMLCartStream.maxDepth) elements at line \(line)", line: line))
            return
        }
        if readsPurchaseOrder {
            startPurchaseOrderElement(
                name, namespace: namespace, attributes: attributes.pairs(self), line: line)
            return
        }
        if isSkipping || ignoring != nil { return }
        let role: Role
        if frames.isEmpty {
            if depth == 1 {
                sawRoot = true
                let root = DocumentRoot(name: name, namespace: namespace)
                if cxmlDoctype, case .purchaseOrder(.cxml) = root {
                } else if cxmlDoctype {
                    fail(.invalidDocument("A DOCTYPE is allowed only on a cXML document (line \(line))", line: line))
                    return
                }
                switch root {
                case .feed:
                    inFeed = true
                    return
                case .cart: break
                case .purchaseOrder(let standard):
                    purchaseOrder = (
                        standard, XMLTreeBuilder(keeps: standard.keeps, currencyAttribute: standard.currencyAttribute),
                        bytesConsumed
                    )
                    startPurchaseOrderElement(
                        name, namespace: namespace, attributes: attributes.pairs(self), line: line)
                    return
                case .other(let what):
                    fail(.invalidDocument(what, line: line))
                    return
                }
            } else if depth == 2 && inFeed && name != "cart" {
                skipping = (depth, name, line)
                return
            } else if !(depth == 2 && inFeed) {
                return
            }
            cartProblem = nil
            cartStart = bytesConsumed
            tape = XMLCartTape()
            role = .cart
        } else {
            checkCartSize(line: line)
            // The parent's role and count only: copying its frame would retain its name, members and text.
            let parentRole = frames[frames.count - 1].role
            guard !cartIsBroken, let r = XMLCartShape.role(of: element, in: parentRole) else {
                // Not a field of a cart (or the cart is already unreadable): skipped, not kept (SPEC §11). Inside a
                // scalar field it still makes the field an element, not text.
                if parentRole == .scalar { frames[frames.count - 1].hasChildren = true }
                ignoring = depth
                return
            }
            if parentRole == .items && frames[frames.count - 1].members >= InputLimits.maxItems {
                cartProblem = .invalidDocument(
                    "More than \(InputLimits.maxItems) items in one cart (line \(line))", line: line)
                ignoring = depth
                return
            }
            role = r
        }
        nextOrder += 1
        let entry = element.text.utf8.withContiguousStorageIfAvailable {
            tape.append(key: $0, line: line, order: nextOrder)
        }!  // see `ByteBuffer.append(string:)`
        // Appended first and filled where it stands: a local frame appended afterwards was copied and destroyed.
        frames.append(
            Frame(
                role: role, entry: entry, line: line, isList: element.lists.contains(.list),
                isNumber: element.lists.contains(.number)))
        let at = frames.count - 1
        for i in 0..<attributes.count {
            guard let value = attributes.value(i) else { continue }
            nextOrder += 1
            let key = self.name(attributes.name(i))
            guard XMLCartShape.keepsAttribute(key, of: role) else {
                if role == .scalar || role == .items || role == .codes { frames[at].hasChildren = true }
                continue
            }
            let attribute = key.text.utf8.withContiguousStorageIfAvailable {
                tape.append(key: $0, line: line, order: nextOrder)
            }!
            let start = tape.bytes.count
            XMLCartStream.appendAttributeValue(value, to: &tape.bytes)
            tape.close(attribute, text: start..<tape.bytes.count)
            add(attribute, isNumber: key.lists.contains(.number), to: &frames[at])
        }
    }

    func endElement() {
        defer { depth -= 1 }
        if readsPurchaseOrder {
            endPurchaseOrderElement()
            return
        }
        if isSkipping, let skip = skipping {
            if skip.depth == depth {
                skipping = nil
                ready.append(
                    .unreadable(
                        .invalidDocument("Expected <cart> in the feed, found <\(skip.name.clipped)>", line: skip.line)))
            }
            return
        }
        if let ignored = ignoring {
            if ignored == depth { ignoring = nil }
            return
        }
        guard let frame = frames.popLast() else { return }
        let start = frame.textStart ?? tape.bytes.count
        tape.close(frame.entry, text: frame.isObject ? nil : start..<(start + frame.textCount))
        if frames.isEmpty {
            checkCartSize(line: frame.line)
            if cartIsBroken, let problem = cartProblem {
                ready.append(.unreadable(problem))
            } else {
                ready.append(.xmlCart(tape))
            }
            tape = XMLCartTape()
        } else {
            frames[frames.count - 1].hasChildren = true
            add(frame.entry, isNumber: frame.isNumber, to: &frames[frames.count - 1])
        }
    }

    /// libxml2's count of the input's bytes parsed so far.
    var bytesConsumed: Int {
        guard let context else { return 0 }
        return Int(xmlByteConsumed(context))
    }

    /// A cart over 64 MiB is unreadable (SPEC §11); the rest of it is read without being kept.
    private func checkCartSize(line: Int) {
        guard bytesConsumed - cartStart > InputLimits.maxCartBytes, !cartIsBroken else { return }
        cartProblem = .invalidDocument(
            "A cart longer than \(InputLimits.maxCartBytes >> 20) MiB (line \(line)); one cart may be at most that",
            line: line)
    }

    /// Counts entry `member` (a complete element or an attribute) as one of `frame`'s members, after the checks a
    /// member is subject to.
    private func add(_ member: Int, isNumber: Bool, to frame: inout Frame) {
        if !frame.isList, !cartIsBroken, repeats(member, in: frame) {
            let line = tape.entries[member].line
            cartProblem = .invalidDocument(
                "The field '\(tape.key(of: member).clipped)' is given twice (line \(line))", line: line)
        }
        // A number is read from its text exactly, in time that grows faster than its length: a literal past the
        // limit is refused before that (SPEC §11).
        let e = tape.entries[member]
        if !e.isObject, e.textCount > InputLimits.maxNumberLiteral, !cartIsBroken, isNumber,
            tape.text(ofEntry: member).trimmingWhitespace.utf8.count > InputLimits.maxNumberLiteral
        {
            cartProblem = .invalidDocument(
                "A number literal longer than \(InputLimits.maxNumberLiteral) characters in '\(tape.key(of: member))' (line \(e.line))",
                line: e.line)
        }
        frame.members += 1
    }

    /// Whether a member before `member` has its name. Compared one by one, not hashed into a set per element
    /// (issue 18): outside a list only the shape's own names are kept, and the first repeat makes the cart
    /// unreadable and its further members ignored, so there are never more than a dozen or so to compare.
    private func repeats(_ member: Int, in frame: Frame) -> Bool {
        var c = frame.entry + 1
        while c < member {
            if tape.sameKey(c, member) { return true }
            c = tape.entries[c].next
        }
        return false
    }

    func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
        if readsPurchaseOrder {
            guard purchaseOrderProblem == nil else { return }
            purchaseOrder!.tree.text(bytes)
            if purchaseOrder!.tree.currentTextBytes > XMLCartStream.maxText {
                fail(
                    .invalidDocument(
                        "A text value longer than \(XMLCartStream.maxText) bytes at line \(currentLine)",
                        line: currentLine))
            }
            return
        }
        guard !isSkipping, ignoring == nil, !frames.isEmpty else { return }
        let last = frames.count - 1
        // Mostly the white space between an object's fields: counted, not kept (issue 18). An element's text is
        // one run of the tape's bytes: nothing else is written while it has no member or child.
        if frames[last].isObject {
            frames[last].unkeptText += bytes.count
        } else {
            if frames[last].textStart == nil { frames[last].textStart = tape.bytes.count }
            tape.bytes.append(contentsOf: bytes)
            frames[last].textCount += bytes.count
        }
        if frames[last].textCount + frames[last].unkeptText > XMLCartStream.maxText {
            fail(
                .invalidDocument(
                    "A text value longer than \(XMLCartStream.maxText) bytes at line \(currentLine)", line: currentLine)
            )
        }
    }

    func record(_ error: xmlError) {
        guard error.level.rawValue >= XML_ERR_ERROR.rawValue, parserError == nil else { return }
        var text = error.message.map { String(cString: $0) } ?? ""
        while text.last == "\n" || text.last == " " { text.removeLast() }
        text = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        parserError = (text, max(1, Int(error.line)), Int(error.int2))
    }
}
