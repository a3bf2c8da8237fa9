/// SPEC §4 step 3: a known customer id, or a guest's name and a valid email. The id wins over name and email.
enum CustomerCheck {
    static func check(_ draft: CartDraft, catalogue: Catalogue, into errors: inout [CheckoutError]) -> OrderCustomer? {
        // A purchase order's buyer is the partner one of whose party ids it carries (SPEC §12).
        if let po = draft.purchaseOrder, po.partner == nil {
            errors.append(.partnerNotFound(po.buyerIds, at: po.buyer))
            return nil
        }
        guard let c = draft.customer else {
            errors.append(.required("customer", at: draft.location.missing("customer")))
            return nil
        }
        if let id = c.id {
            guard let known = catalogue.customer(id: id.value) else {
                errors.append(.customerNotFound(id.value, at: id.location))
                return nil
            }
            return OrderCustomer(name: known.name, email: known.email, id: known.id)
        }
        var name: String?
        var email: String?
        if let n = c.name {
            let checked = TextRules.check(n, name: "name", into: &errors)
            if checked.value.isEmpty {
                errors.append(.required("name", at: n.location))
            } else if checked.isValid {
                name = checked.value
            }
        } else {
            errors.append(.required("name", at: c.location.missing("name")))
        }
        if let e = c.email {
            // The shape is the email's own rule: it is listed before the text rules (SPEC §11).
            let checked = TextRules.check(e, name: "email", into: &errors)
            if !isEmail(checked.value) {
                errors.append(.badFormat("email", at: e.location))
            } else if checked.isValid {
                email = checked.value
            }
        } else {
            errors.append(.required("email", at: c.location.missing("email")))
        }
        guard let name, let email else { return nil }
        return OrderCustomer(name: name, email: email, id: nil)
    }

    /// `local@domain.tld`: one `@`, no white space, a dot inside the domain (SPEC §11). `@` and `.` are ASCII,
    /// which never occurs inside a multi-byte UTF-8 sequence, so the shape is checked on bytes; white space beyond
    /// ASCII needs Unicode's property, asked only when the text has such bytes.
    static func isEmail(_ s: String) -> Bool {
        var text = s
        return text.withUTF8 { bytes in
            var at: Int?
            var nonASCII = false
            for (i, b) in bytes.enumerated() {
                if b >= 0x80 { nonASCII = true }
                if String.isASCIIWhiteSpace(b) { return false }
                if b == UInt8(ascii: "@") {
                    if at != nil { return false }
                    at = i
                }
            }
            if nonASCII && s.unicodeScalars.contains(where: { $0.properties.isWhitespace }) { return false }
            guard let at, at > 0 else { return false }
            // The domain: at least two labels, none empty.
            var labels = 1
            var labelLength = 0
            for b in bytes[(at + 1)...] {
                if b == UInt8(ascii: ".") {
                    if labelLength == 0 { return false }
                    labels += 1
                    labelLength = 0
                } else {
                    labelLength += 1
                }
            }
            return labels >= 2 && labelLength > 0
        }
    }
}

extension CheckoutError {
    static func customerNotFound(_ id: String, at loc: Location) -> CheckoutError {
        CheckoutError(
            .customerNotFound, detail: "The requested customer could not be found", at: loc,
            meta: [("id", .string(id.clipped))])
    }
}

extension CheckoutError {
    /// No customer lists any of a purchase order's buyer identifiers (SPEC §12).
    static func partnerNotFound(_ ids: [String], at loc: Location) -> CheckoutError {
        let tried =
            ids.isEmpty
            ? "the document names no buyer identifier"
            : "no customer has the party id " + ids.map { "'\($0.clipped)'" }.joined(separator: " or ")
        return CheckoutError(
            .customerNotFound, detail: "The buyer is not a known partner: \(tried)", at: loc,
            meta: [("party_ids", .strings(ids))])
    }
}
