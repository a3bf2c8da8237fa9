/// "Same content" for a purchase order (SPEC §12): the mapped cart — the order id as written, the currency, the
/// partner, the mapped addresses (billing only when the document gives it), and per line the sku (else the GTIN),
/// quantity, unit and stated unit price. Paths, prefixes, spelling of numbers and the standard do not count, so the
/// same order re-sent, re-serialised or in another profile is a duplicate.
extension CartCanonicalForm {
    static func purchaseOrder(_ d: CartDraft) -> [UInt8] {
        var w = CanonicalFields()
        /// A decimal by value (`10.000` is `10`), or as written when it is not one.
        func decimal(_ text: Located<String>?) -> String? {
            text.map { ExactDecimal(xsDecimal: $0.value)?.canonical ?? $0.value }
        }
        func putAddress(_ prefix: StaticString, _ address: AddressDraft?, to w: inout CanonicalFields) {
            guard let address else { return }
            w.put(prefix, "")
            for field in AddressField.byName {
                guard let located = address.fields[field] else { continue }
                w.put("field", field.name)
                w.put("value", located.value)
            }
        }
        let po = d.purchaseOrder!
        w.put("order_id", po.orderId?.value)
        w.put("currency", d.currency?.value)
        w.put("partner", po.partner?.id)
        if po.billingFromDocument { putAddress("billing", d.billingAddress, to: &w) }
        putAddress("shipping", d.shippingAddress, to: &w)
        for item in d.items ?? [] {
            w.put("line", item.sku?.value ?? item.purchase?.gtin.map { "gtin:" + Product.paddedGTIN($0.value) })
            switch item.quantity?.value {
            case .whole(let q): w.put("quantity", String(q))
            case .invalid(let s): w.put("quantity!", s)
            case nil: break
            }
            w.put("unit", item.purchase?.unit?.value)
            w.put("price", decimal(item.purchase?.price))
            w.put("price_quantity", decimal(item.purchase?.priceQuantity))
        }
        return w.out.array
    }
}
