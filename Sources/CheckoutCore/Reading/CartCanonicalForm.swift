/// The canonical content of a cart (SPEC §11 "same content"): the parsed fields in a fixed order, so key order,
/// white space between tokens and number spelling (`2.0` vs `2`) do not matter, and a JSON cart and its XML twin agree.
/// Each field is `key=<byte length>:<value>;`. Built as bytes: it is hashed (SHA-256) for the ledger, never shown.
enum CartCanonicalForm {
    static func of(_ d: CartDraft) -> [UInt8] {
        if d.purchaseOrder != nil { return purchaseOrder(d) }
        var w = CanonicalFields()
        w.put("reference", d.reference?.value)
        w.put("currency", d.currency?.value)
        w.putTime("updated_at", d.updatedAt?.value)
        w.putTime("created_at", d.createdAt?.value)
        if let c = d.customer {
            w.put("customer.id", c.id?.value)
            w.put("customer.name", c.name?.value)
            w.put("customer.email", c.email?.value)
        }
        w.putAddress("billing", d.billingAddress)
        w.putAddress("shipping", d.shippingAddress)
        if let items = d.items {
            w.putNumber("items", Int64(items.count))
            // Fields read where each item stands: binding an item copied it, retaining its dozen Strings.
            for i in items.indices {
                w.putNumber("item", Int64(items[i].index))
                if items[i].kind == .custom {
                    w.put("kind", constant: "custom")
                } else {
                    w.put("kind", constant: "catalogue")
                }
                w.put("sku", items[i].sku?.value)
                w.put("product_id", items[i].productId?.value)
                w.put("name", items[i].name?.value)
                switch items[i].quantity?.value {
                case .whole(let q): w.putNumber("quantity", q)
                case .invalid(let s): w.put("quantity!", s)
                case nil: break
                }
                w.putNumber("amount", items[i].amount?.value)
                w.putBool("includes_tax", items[i].includesTax)
                w.putBool("shippable", items[i].shippable)
            }
        }
        for code in d.promotionCodes { w.put("promotion_code", code.value) }
        w.put("shipping_method", d.shippingMethod?.value)
        if let p = d.payment {
            w.put("payment.gateway", p.gateway?.value)
            w.put("payment.status", p.status?.value)
            w.putNumber("payment.amount", p.amount?.value)
            w.put("payment.currency", p.currency?.value)
            w.put("payment.transaction_id", p.transactionId?.value)
        }
        return w.out.array
    }
}

/// The canonical form being written, field by field. A struct with mutating calls rather than nested functions
/// sharing a captured buffer, whose every access was checked for exclusivity at run time (issue 18). Each field's
/// room is made once and its bytes written unchecked, and a number's length is known before it is written (~40
/// fields a cart: a check per byte and a scratch buffer per number were ~7k instructions a cart, issue 18).
struct CanonicalFields: ~Copyable {
    var out = ByteBuffer(capacity: 1024)

    mutating func put(_ key: StaticString, _ value: String?) {
        guard let text = value else { return }
        text.utf8.withContiguousStorageIfAvailable { putBytes(key, $0) }!  // see `ByteBuffer.append(string:)`
    }

    /// A constant value (`catalogue`, `true`).
    mutating func put(_ key: StaticString, constant value: StaticString) {
        putBytes(key, UnsafeBufferPointer(start: value.utf8Start, count: value.utf8CodeUnitCount))
    }

    mutating func putBytes(_ key: StaticString, _ bytes: UnsafeBufferPointer<UInt8>, keySuffix: StaticString? = nil) {
        head(key, keySuffix, length: bytes.count, extra: bytes.count + 1)
        if let start = bytes.baseAddress { out.writeUnchecked(start, bytes.count) }
        out.writeUnchecked(0x3B)  // ;
    }

    mutating func putNumber(_ key: StaticString, _ n: Int64?) {
        guard let n else { return }
        head(key, nil, length: ByteBuffer.decimalLength(n), extra: 0)
        ByteBuffer.appendDecimal(n, to: &out)
        out.append(0x3B)  // ;
    }

    mutating func putBool(_ key: StaticString, _ b: Bool?) {
        guard let b else { return }
        if b { put(key, constant: "true") } else { put(key, constant: "false") }
    }

    /// `seconds.nanoseconds`.
    mutating func putTime(_ key: StaticString, _ t: Timestamp?) {
        guard let t else { return }
        let seconds = Int64(t.seconds)
        let nanoseconds = Int64(t.nanoseconds)
        let length = ByteBuffer.decimalLength(seconds) + 1 + ByteBuffer.decimalLength(nanoseconds)
        head(key, nil, length: length, extra: 0)
        ByteBuffer.appendDecimal(seconds, to: &out)
        out.append(0x2E)  // .
        ByteBuffer.appendDecimal(nanoseconds, to: &out)
        out.append(0x3B)  // ;
    }

    mutating func putAddress(_ prefix: StaticString, _ address: AddressDraft?) {
        guard let address else { return }
        put(prefix, constant: "")
        // Field by field in the order of their names, without gathering the present ones first (issue 18).
        for field in AddressField.byName {
            guard let text = address.fields[field]?.value else { continue }
            text.utf8.withContiguousStorageIfAvailable { putBytes(prefix, $0, keySuffix: field.literalName) }!
        }
    }

    /// `key=<length>:` (or `key.suffix=<length>:`), with room made for `extra` bytes after it.
    @inline(__always)
    private mutating func head(_ key: StaticString, _ keySuffix: StaticString?, length: Int, extra: Int) {
        let dottedSuffix = keySuffix.map { 1 + $0.utf8CodeUnitCount } ?? 0
        // The key, `=`, up to 20 digits and `:`, then `extra`.
        out.reserve(key.utf8CodeUnitCount + dottedSuffix + 22 + extra)
        out.writeUnchecked(key.utf8Start, key.utf8CodeUnitCount)
        if let keySuffix {
            out.writeUnchecked(0x2E)  // .
            out.writeUnchecked(keySuffix.utf8Start, keySuffix.utf8CodeUnitCount)
        }
        out.writeUnchecked(0x3D)  // =
        ByteBuffer.appendDecimal(Int64(length), to: &out)
        out.writeUnchecked(0x3A)  // :
    }
}
