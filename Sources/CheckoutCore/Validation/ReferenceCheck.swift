/// SPEC §4 step 2: the reference names output files, so it must match `[A-Za-z0-9][A-Za-z0-9._-]{0,63}` —
/// which also keeps `/`, `..` and NUL out of every path built from it.
enum ReferenceCheck {
    static func check(_ draft: CartDraft, into errors: inout [CheckoutError]) -> String? {
        if let po = draft.purchaseOrder { return check(po, reference: draft.reference, into: &errors) }
        guard let ref = draft.reference else {
            errors.append(.required("reference", at: draft.location.missing("reference")))
            return nil
        }
        guard isWellFormed(ref.value) else {
            errors.append(.badFormat("reference", at: ref.location))
            return nil
        }
        return ref.value
    }

    /// A purchase order's reference is `<code>-<order id>` (SPEC §12): the order id must be there, and the
    /// reference it makes no longer than a reference may be. Without a known partner there is no reference, and
    /// the customer check says why.
    static func check(_ po: PurchaseOrderTerms, reference: Located<String>?, into errors: inout [CheckoutError])
        -> String?
    {
        guard let orderId = po.orderId else {
            errors.append(.required(orderIdName(po.standard), at: po.orderIdAnchor))
            return nil
        }
        guard let reference else { return nil }
        guard isWellFormed(reference.value) else {
            errors.append(
                CheckoutError(
                    .tooLong,
                    detail: "\(orderIdName(po.standard)) '\(orderId.value.clipped)' makes the reference "
                        + "'\(reference.value.clipped)', longer than 64 characters",
                    at: orderId.location))
            return nil
        }
        return reference.value
    }

    static func orderIdName(_ standard: PurchaseOrder.Standard) -> String {
        switch standard {
        case .ubl: return "ID"
        case .cxml: return "orderID"
        case .openTrans: return "ORDER_ID"
        }
    }

    /// Read from the string's own storage (see `ByteBuffer.append(string:)`): copied into an array first, it was
    /// ~660 instructions, twice a cart (issue 18).
    static func isWellFormed(_ s: String) -> Bool {
        s.utf8.withContiguousStorageIfAvailable { b in
            guard let first = b.first, b.count <= 64 else { return false }
            func alnum(_ c: UInt8) -> Bool { (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) }
            guard alnum(first) else { return false }
            return b.dropFirst().allSatisfy { alnum($0) || $0 == 46 || $0 == 95 || $0 == 45 }
        }!
    }
}
