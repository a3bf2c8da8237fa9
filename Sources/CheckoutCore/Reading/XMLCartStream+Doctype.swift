/// DOCTYPEs (SPEC §2.2, §12): every one stops the parser before any declaration in it is used, except the one form
/// every cXML document carries, which is let through and never read.
extension XMLCartStream {
    /// A DOCTYPE: only `<!DOCTYPE cXML SYSTEM "…">` is let through (SPEC §12) — no PUBLIC id, no internal subset,
    /// and its root must then be a cXML document in no namespace; it is never read. Every other one stops the
    /// parser before any declaration in it is used.
    func doctype(name: String, publicId: String?, systemId: String?) {
        if name == "cXML", publicId == nil, systemId != nil, !prologHasInternalSubset {
            cxmlDoctype = true
            return
        }
        doctype()
    }

    /// Whether the DOCTYPE in the document's first chunk has an internal subset (`[` before its closing `>`,
    /// outside quotes); one that does not end in the first chunk counts as having one.
    private var prologHasInternalSubset: Bool {
        let marker = Array("<!DOCTYPE".utf8)
        guard prolog.count >= marker.count,
            let start = (0...(prolog.count - marker.count)).first(where: {
                prolog[$0..<($0 + marker.count)].elementsEqual(marker)
            })
        else { return true }
        var quote: UInt8?
        for b in prolog[(start + marker.count)...] {
            if let q = quote {
                if b == q { quote = nil }
            } else if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
                quote = b
            } else if b == UInt8(ascii: "[") {
                return true
            } else if b == UInt8(ascii: ">") {
                return false
            }
        }
        return true
    }

    func doctype() {
        fail(
            .invalidDocument(
                "A DOCTYPE is not allowed (line \(currentLine)): carts are read without a DTD and nothing is fetched",
                line: currentLine))
    }
}
