/// The canonical content of a cart (SPEC §11 "same content"): the parsed fields in a fixed order, so key order,
/// white space between tokens and number spelling (`2.0` vs `2`) do not matter, and a JSON cart and its XML twin agree.
/// Each field is `key=<byte length>:<value>;`. Built as bytes: it is hashed (SHA-256) for the ledger, never shown.
enum CartCanonicalForm {
    static func of(_ d: CartDraft) -> [UInt8] {
        var out = ByteBuffer(capacity: 1024)
        var scratch = ByteBuffer(capacity: 64)

        func put(_ key: StaticString, _ value: String?) {
            guard var text = value else { return }
            text.withUTF8 { putBytes(key, $0) }
        }
        func putBytes(_ key: StaticString, _ bytes: UnsafeBufferPointer<UInt8>, keySuffix: String? = nil) {
            out.append(key)
            if let keySuffix {
                out.append(0x2E)  // .
                out.append(string: keySuffix)
            }
            out.append(0x3D)  // =
            ByteBuffer.appendDecimal(Int64(bytes.count), to: &out)
            out.append(0x3A)  // :
            out.append(bytes)
            out.append(0x3B)  // ;
        }
        /// A value written by `write` (a number): its length is known only once it is written.
        func putWritten(_ key: StaticString, _ write: (inout ByteBuffer) -> Void) {
            scratch.truncate(to: 0)
            write(&scratch)
            scratch.withBytes(from: 0) { putBytes(key, $0) }
        }
        func putNumber(_ key: StaticString, _ n: Int64?) {
            guard let n else { return }
            putWritten(key) { ByteBuffer.appendDecimal(n, to: &$0) }
        }
        func putBool(_ key: StaticString, _ b: Bool?) {
            guard let b else { return }
            put(key, b ? "true" : "false")
        }
        func putTime(_ key: StaticString, _ t: Timestamp?) {
            guard let t else { return }
            putWritten(key) {
                ByteBuffer.appendDecimal(Int64(t.seconds), to: &$0)
                $0.append(0x2E)
                ByteBuffer.appendDecimal(Int64(t.nanoseconds), to: &$0)
            }
        }

        if d.purchaseOrder != nil { return purchaseOrder(d) }
        put("reference", d.reference?.value)
        put("currency", d.currency?.value)
        putTime("updated_at", d.updatedAt?.value)
        putTime("created_at", d.createdAt?.value)
        if let c = d.customer {
            put("customer.id", c.id?.value)
            put("customer.name", c.name?.value)
            put("customer.email", c.email?.value)
        }
        func putAddress(_ prefix: StaticString, _ address: AddressDraft?) {
            guard let address else { return }
            put(prefix, "")
            for (key, located) in address.fields.presentByName {
                var text = located.value
                text.withUTF8 { putBytes(prefix, $0, keySuffix: key) }
            }
        }
        putAddress("billing", d.billingAddress)
        putAddress("shipping", d.shippingAddress)
        if let items = d.items {
            putNumber("items", Int64(items.count))
            for item in items {
                putNumber("item", Int64(item.index))
                put("kind", item.kind == .custom ? "custom" : "catalogue")
                put("sku", item.sku?.value)
                put("product_id", item.productId?.value)
                put("name", item.name?.value)
                switch item.quantity?.value {
                case .whole(let q): putNumber("quantity", q)
                case .invalid(let s): put("quantity!", s)
                case nil: break
                }
                putNumber("amount", item.amount?.value)
                putBool("includes_tax", item.includesTax)
                putBool("shippable", item.shippable)
            }
        }
        for code in d.promotionCodes { put("promotion_code", code.value) }
        put("shipping_method", d.shippingMethod?.value)
        if let p = d.payment {
            put("payment.gateway", p.gateway?.value)
            put("payment.status", p.status?.value)
            putNumber("payment.amount", p.amount?.value)
            put("payment.currency", p.currency?.value)
            put("payment.transaction_id", p.transactionId?.value)
        }
        return out.array
    }
}
