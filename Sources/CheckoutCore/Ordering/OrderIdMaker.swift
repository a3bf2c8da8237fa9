/// The ids of an order (SPEC §7): UUID version 5 in checkout-batch's namespace of `order/<reference>`,
/// `order/<reference>/item/<n>`, `cart/<reference>/item/<n>` and `order/<reference>/item/<n>/tax/<k>`, n and k
/// counting from 1 in output order. Built from bytes in one buffer, never through String interpolation.
enum OrderIdMaker {
    static func orderId(reference: String) -> String { UUIDv5.make("order/\(reference)") }

    /// The order's id and its items' ids. Every name is written into one buffer first, then hashed four at a time
    /// (`SHA1Lanes`); the order's own name goes last.
    static func ids(reference: String, items: [OrderItem]) -> (order: String, items: OrderIds) {
        var taxCount = 0
        for n in items.indices { taxCount += items[n].taxes.count }  // not `for item in`: that copied each item
        let count = 2 * items.count + taxCount + 1
        var names = ByteBuffer(capacity: count * (48 + reference.utf8.count))
        var messages: [Range<Int>] = []
        messages.reserveCapacity(count)
        /// `<kind><reference>`, then `/item/<item>` and `/tax/<tax>` when given, after the namespace.
        func name(_ kind: StaticString, _ item: Int?, tax: Int? = nil) {
            let start = names.count
            names.append(UUIDv5.checkoutNamespace)
            names.append(kind)
            names.append(string: reference)
            if let item {
                names.append("/item/")
                ByteBuffer.appendDecimal(Int64(item), to: &names)
            }
            if let tax {
                names.append("/tax/")
                ByteBuffer.appendDecimal(Int64(tax), to: &names)
            }
            messages.append(start..<names.count)
        }
        for n in items.indices { name("order/", n + 1) }
        for n in items.indices { name("cart/", n + 1) }
        var taxStart: [Int] = []
        taxStart.reserveCapacity(items.count)
        var next = 2 * items.count
        for n in items.indices {
            taxStart.append(next)
            for k in items[n].taxes.indices { name("order/", n + 1, tax: k + 1) }
            next += items[n].taxes.count
        }
        name("order/", nil)
        let text = [UInt8](unsafeUninitializedCapacity: 36 * count) { out, initialized in
            names.withBytes(from: 0) { bytes in
                SHA1Lanes.digests(of: messages, in: bytes) { i, digest in
                    UUIDv5.write(digest, to: out.baseAddress! + 36 * i)
                }
            }
            initialized = 36 * count
        }
        let order = String(decoding: text[(36 * (count - 1))...], as: UTF8.self)
        return (order, OrderIds(text: text, items: items.count, taxStart: taxStart))
    }
}
