/// "Same content" for a purchase order (SPEC §12): the mapped cart — the order id as written, the currency, the
/// partner, the mapped addresses (billing only when the document gives it), and per line the sku (else the GTIN),
/// quantity, unit and stated unit price. Paths, prefixes, spelling of numbers and the standard do not count, so the
/// same order re-sent, re-serialised or in another profile is a duplicate.
extension CartCanonicalForm {
    static func purchaseOrder(_ d: CartDraft) -> [UInt8] {
        var out = ByteBuffer(capacity: 1024)
        func put(_ key: StaticString, _ value: String?) {
            guard var text = value else { return }
            out.append(key)
            out.append(0x3D)  // =
            text.withUTF8 { bytes in
                ByteBuffer.appendDecimal(Int64(bytes.count), to: &out)
                out.append(0x3A)  // :
                out.append(bytes)
            }
            out.append(0x3B)  // ;
        }
        /// A decimal by value (`10.000` is `10`), or as written when it is not one.
        func decimal(_ text: Located<String>?) -> String? {
            text.map { ExactDecimal(xsDecimal: $0.value)?.canonical ?? $0.value }
        }
        func putAddress(_ prefix: StaticString, _ address: AddressDraft?) {
            guard let address else { return }
            put(prefix, "")
            for key in address.fields.presentByName.map(\.name) {
                put("field", key)
                put("value", address.fields[key]?.value)
            }
        }
        let po = d.purchaseOrder!
        put("order_id", po.orderId?.value)
        put("currency", d.currency?.value)
        put("partner", po.partner?.id)
        if po.billingFromDocument { putAddress("billing", d.billingAddress) }
        putAddress("shipping", d.shippingAddress)
        for item in d.items ?? [] {
            put("line", item.sku?.value ?? item.purchase?.gtin.map { "gtin:" + Product.paddedGTIN($0.value) })
            switch item.quantity?.value {
            case .whole(let q): put("quantity", String(q))
            case .invalid(let s): put("quantity!", s)
            case nil: break
            }
            put("unit", item.purchase?.unit?.value)
            put("price", decimal(item.purchase?.price))
            put("price_quantity", decimal(item.purchase?.priceQuantity))
        }
        return out.array
    }
}
