/// What the XML stream keeps of each element open inside a cart while the callbacks read it.
extension XMLCartStream {
    /// What an element inside a cart stands for, which decides which of its children and attributes are kept.
    enum Role {
        case cart, customer, address, payment, items, item, codes, scalar
    }

    /// An element open inside the cart being read.
    struct Frame {
        var role: Role
        /// Its entry in `tape`.
        var entry: Int
        var line: Int
        var members = 0
        /// Where its text starts in `tape.bytes`, once it has some.
        var textStart: Int?
        var textCount = 0
        /// Bytes of text met once the element had a child or a member: its value is then an object whatever they
        /// say, so they are only counted, for the text limit (`maxText`), not kept.
        var unkeptText = 0
        var hasChildren = false
        /// Whether the element's value is an object already, so that its text cannot matter.
        var isObject: Bool { hasChildren || members > 0 }
        /// In a list (`<items>`, `<promotion_codes>`) children repeat by design; elsewhere a repeat is ambiguous.
        var isList: Bool
        /// A field read as a number (`quantity`, `amount`), whose text is bounded (SPEC §11).
        var isNumber: Bool
    }
}
