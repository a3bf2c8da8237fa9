/// What the three readers share: address fields from elements, names split as SPEC §12 says, openTRANS's
/// salutations, and the currency attributes every amount carries.
enum PurchaseOrderMapping {
    /// An address being mapped: each field with the element it came from; `anchor` is where missing fields point.
    struct Address {
        var anchor: Location
        var fields = AddressFields<Located<String>>()

        init(at anchor: Location) { self.anchor = anchor }

        mutating func set(_ key: String, _ value: Located<String>?) {
            if let value, fields[key] == nil { fields[key] = value }
        }

        /// `first_name` and `last_name` from a full name split at its last space; one word is the first name.
        mutating func setSplitName(_ full: Located<String>?) {
            guard let full else { return }
            let (first, last) = PurchaseOrderMapping.split(full.value)
            set("first_name", Located(first, at: full.location))
            if let last { set("last_name", Located(last, at: full.location)) }
        }

        var draft: AddressDraft {
            var d = AddressDraft(location: anchor, fields: fields)
            d.companyReplacesNames = true
            return d
        }
    }

    /// "Split" of SPEC §12: at the last space; a single word is the first name.
    static func split(_ name: String) -> (first: String, last: String?) {
        guard let space = name.lastIndex(of: " ") else { return (name, nil) }
        let first = String(name[..<space]).trimmingWhitespace
        let last = String(name[name.index(after: space)...]).trimmingWhitespace
        return first.isEmpty ? (last, nil) : (first, last.isEmpty ? nil : last)
    }

    /// openTRANS `NAME` holding only a salutation is not a company: Herr, Frau, Mr, Mrs, Ms, Mx, Mme, M. — any case,
    /// with or without a final dot; `M` only with it.
    static func isSalutation(_ text: String) -> Bool {
        let lower = text.lowercased()
        if lower == "m." { return true }
        let bare = lower.hasSuffix(".") ? String(lower.dropLast()) : lower
        return ["herr", "frau", "mr", "mrs", "ms", "mx", "mme"].contains(bare)
    }

    /// Every occurrence of the currency attribute in the document, in document order (the builder noted each
    /// element carrying one as it opened).
    static func currencyAttributes(_ root: XMLNode, _ elements: [XMLTreeElement], _ attribute: String)
        -> [Located<String>]
    {
        guard !attribute.isEmpty else { return [] }
        return elements.compactMap { XMLNode(element: $0, accepts: root.accepts).attribute(attribute) }
    }
}
