import CLibXML2

/// The C side of the XML stream: libxml2's SAX2 handler table, each callback handing its event to the stream.
extension XMLCartStream {
    /// An element's namespace URI as text ("" for none), made once per distinct URI rather than per element.
    func namespace(_ uri: UnsafePointer<xmlChar>?) -> String {
        guard let uri else { return "" }
        if let last = lastNamespace, last.pointer == uri { return last.text }
        let text = String(cString: uri)
        lastNamespace = (uri, text)
        return text
    }

    /// An element or attribute name. libxml2's SAX2 parser passes names from its dictionary (`xmlDictLookup`), which
    /// lives as long as the parser and never drops an entry, so one pointer is one name for the parser's life: each
    /// name is read (and put on the shape's lists) once, not once per element (issue 18). The cache is direct-mapped
    /// by pointer: a document names a few dozen things.
    func name(_ p: UnsafePointer<xmlChar>?) -> XMLName {
        guard let p else { return XMLName("") }
        // Dictionary strings are packed byte by byte: the low bits tell neighbours apart, the next ones pools.
        let bits = UInt(bitPattern: p)
        let slot = Int(truncatingIfNeeded: bits ^ (bits >> 8)) & (XMLCartStream.nameSlots - 1)
        if names[slot].pointer == p { return names[slot].name }
        let name = XMLName(String(cString: p))
        names[slot] = (p, name)
        return name
    }

    static func stream(_ ctx: UnsafeMutableRawPointer?) -> XMLCartStream {
        Unmanaged<XMLCartStream>.fromOpaque(ctx!).takeUnretainedValue()
    }

    static func text(_ p: UnsafePointer<xmlChar>?) -> String { p.map { String(cString: $0) } ?? "" }

    /// Without entity substitution (which must stay off), libxml2 passes every `&` in an attribute value as the
    /// character reference `&#38;`; every other reference arrives decoded. So that one sequence is turned back.
    static func attributeValue(_ raw: UnsafeBufferPointer<UInt8>) -> String {
        guard raw.contains(UInt8(ascii: "&")) else { return String(decoding: raw, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        appendAttributeValue(raw, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The same, appended to a cart's bytes (`XMLCartTape`).
    static func appendAttributeValue(_ raw: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        guard raw.contains(UInt8(ascii: "&")) else {
            out.append(contentsOf: raw)
            return
        }
        let encoded: [UInt8] = Array("&#38;".utf8)
        var i = 0
        while i < raw.count {
            if raw[i] == UInt8(ascii: "&"), i + 5 <= raw.count, raw[i..<(i + 5)].elementsEqual(encoded) {
                out.append(UInt8(ascii: "&"))
                i += 5
            } else {
                out.append(raw[i])
                i += 1
            }
        }
    }

    static func handler() -> xmlSAXHandler {
        var sax = xmlSAXHandler()
        sax.initialized = XML_SAX2_MAGIC
        sax.startElementNs = { ctx, localname, _, uri, _, _, count, _, attributes in
            let stream = XMLCartStream.stream(ctx)
            stream.startElement(
                stream.name(localname), namespace: stream.namespace(uri),
                attributes: XMLAttributes(raw: attributes, count: Int(count)))
        }
        sax.endElementNs = { ctx, _, _, _ in XMLCartStream.stream(ctx).endElement() }
        sax.characters = { ctx, ch, len in
            guard let ch else { return }
            XMLCartStream.stream(ctx).characters(UnsafeBufferPointer(start: ch, count: Int(len)))
        }
        sax.cdataBlock = { ctx, ch, len in
            guard let ch else { return }
            XMLCartStream.stream(ctx).characters(UnsafeBufferPointer(start: ch, count: Int(len)))
        }
        sax.internalSubset = { ctx, name, publicId, systemId in
            XMLCartStream.stream(ctx).doctype(
                name: XMLCartStream.text(name), publicId: publicId.map { String(cString: $0) },
                systemId: systemId.map { String(cString: $0) })
        }
        // Called after the DOCTYPE when it names an external subset: never loaded; refused unless it is cXML's.
        sax.externalSubset = { ctx, _, _, _ in
            let stream = XMLCartStream.stream(ctx)
            if !stream.cxmlDoctype { stream.doctype() }
        }
        // A declaration can only come from an internal subset, which is never allowed.
        sax.entityDecl = { ctx, _, _, _, _, _ in XMLCartStream.stream(ctx).doctype() }
        sax.elementDecl = { ctx, _, _, _ in XMLCartStream.stream(ctx).doctype() }
        sax.attributeDecl = { ctx, _, _, _, _, _, _ in XMLCartStream.stream(ctx).doctype() }
        sax.notationDecl = { ctx, _, _, _ in XMLCartStream.stream(ctx).doctype() }
        sax.unparsedEntityDecl = { ctx, _, _, _, _ in XMLCartStream.stream(ctx).doctype() }
        sax.getEntity = { _, _ in nil }
        sax.getParameterEntity = { _, _ in nil }
        sax.serror = { ctx, error in
            guard let ctx, let error else { return }
            XMLCartStream.stream(ctx).record(error.pointee)
        }
        return sax
    }
}

/// An element's attributes as libxml2 passes them, five pointers each (name, prefix, URI, value start, value end),
/// read only where they are looked at: an array of name and value per element cost an allocation and a String for
/// every attribute, kept or not (issue 18), on the thread that reads the feed.
struct XMLAttributes {
    let raw: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    let count: Int

    /// Attribute `i`'s name, as libxml2's dictionary holds it.
    func name(_ i: Int) -> UnsafePointer<xmlChar>? { raw?[i * 5] }

    /// Attribute `i`'s value as it stands in the input, or nil when libxml2 gave none (such an attribute is passed
    /// over, as it always was).
    func value(_ i: Int) -> UnsafeBufferPointer<UInt8>? {
        guard let raw, let start = raw[i * 5 + 3], let end = raw[i * 5 + 4] else { return nil }
        return UnsafeBufferPointer(start: start, count: end - start)
    }

    /// Every attribute that has a value, as text (a purchase order keeps them all).
    func pairs(_ stream: XMLCartStream) -> [(String, String)] {
        (0..<count).compactMap { i in
            value(i).map { (stream.name(name(i)).text, XMLCartStream.attributeValue($0)) }
        }
    }
}
