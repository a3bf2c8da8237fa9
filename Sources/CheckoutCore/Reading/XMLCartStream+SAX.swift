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
        let encoded: [UInt8] = Array("&#38;".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
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
        return String(decoding: out, as: UTF8.self)
    }

    static func handler() -> xmlSAXHandler {
        var sax = xmlSAXHandler()
        sax.initialized = XML_SAX2_MAGIC
        sax.startElementNs = { ctx, localname, _, uri, _, _, count, _, attributes in
            let stream = XMLCartStream.stream(ctx)
            var pairs: [(XMLName, String)] = []
            if let attributes {
                for i in 0..<Int(count) {
                    let base = i * 5
                    let key = stream.name(attributes[base])
                    if let start = attributes[base + 3], let end = attributes[base + 4] {
                        let raw = UnsafeBufferPointer(start: start, count: end - start)
                        pairs.append((key, XMLCartStream.attributeValue(raw)))
                    }
                }
            }
            stream.startElement(stream.name(localname), namespace: stream.namespace(uri), attributes: pairs)
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
