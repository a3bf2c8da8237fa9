/// The first pass over a `.json` input (`JSONDocumentStream`): the document checked whole, where its carts start
/// found, and its first cart read on the way. The parser's state it works on is internal for this file's sake.
extension JSONParser {
    /// A cart read by `validate` as the envelope member's value: the entries and keys of its `JSONTape`, or what its
    /// limits (SPEC §11) refuse.
    typealias EnvelopeCart = Result<(entries: [JSONTape.Entry], escapedKeys: [String]), SyntaxError>

    /// Checks that `data` is one well-formed JSON document (syntax, UTF-8, no repeated key) without keeping any
    /// of it — the first pass over a `.json` input, whose carts are then read one at a time — and returns whether
    /// the root is an object, the root's line, where its `envelopeKey` member's value starts, if it has one, and
    /// where each of that value's elements starts, if it is an array. With `readingCart`, the value (or its first
    /// element) when it is an object is read as one cart in the same pass (`cart`), as `JSONCartText.parse` would
    /// read it.
    static func validate(_ data: UnsafeBufferPointer<UInt8>, envelopeKey: String, readingCart: Bool = false)
        throws(SyntaxError)
        -> (rootIsObject: Bool, rootLine: Int, member: ValueStart?, elements: [ValueStart]?, cart: EnvelopeCart?)
    {
        var parser = JSONParser(data)
        let key = Array(envelopeKey.utf8)
        parser.envelopeKey = (key, key.withUnsafeBufferPointer { JSONParser.prefix(of: $0) })
        parser.readsEnvelopeCart = readingCart
        let root = try parser.parseDocument(.none)
        guard root.isObject else { return (false, root.line, nil, nil, nil) }
        return (true, root.line, parser.envelopeValue, parser.envelopeElements, parser.envelopeCart)
    }

    /// `validate`: reads the envelope's object (or its array's first object) as one cart, as `JSONCartText.parse`
    /// would on a preparing thread (the cart's shape and limits, its depth counted from the cart, the same entries),
    /// so that a one-cart document — the drop folder's usual file — is read once, not twice (issue 18: ~18k
    /// instructions a file), and the first cart of a feed is there to be asked what the document is. A cart its
    /// limits refuse is read again for its syntax only, as the rest of the document is: a syntax error anywhere is
    /// still the document's.
    mutating func readEnvelopeCart() throws(SyntaxError) {
        let saved = (index, line, lineStart, depth, keysUsed, keyTexts.count)
        depth = 0
        limits = CartLimits()
        tape.reserveCapacity(64)  // as `JSONParser.tape(_:at:…)` does for a cart
        do {
            try parseValue(.cart)
            envelopeCart = .success((tape, escapedKeys))
        } catch {
            envelopeCart = .failure(error)
            (index, line, lineStart, depth, keysUsed) = (saved.0, saved.1, saved.2, saved.3, saved.4)
            keyTexts.removeLast(keyTexts.count - saved.5)
            limits = nil
            try parseValue(.none)
        }
        limits = nil
        depth = saved.3
        tape = []
        escapedKeys = []
    }
}
