/// The ids of an order (SPEC §7): UUID version 5 in checkout-batch's namespace of `order/<reference>`,
/// `order/<reference>/item/<n>`, `cart/<reference>/item/<n>` and `order/<reference>/item/<n>/tax/<k>`, n and k
/// counting from 1 in output order. Built from bytes in one buffer, never through String interpolation.
enum OrderIdMaker {
    static func orderId(reference: String) -> String { UUIDv5.make("order/\(reference)") }

    static func ids(reference: String, items: [OrderItem]) -> OrderIds {
        var message = ByteBuffer(capacity: 96 + reference.utf8.count)
        message.append(UUIDv5.checkoutNamespace)
        let nameStart = message.count
        var taxCount = 0
        for n in items.indices { taxCount += items[n].taxes.count }  // not `for item in`: that copied each item
        var ids = ByteBuffer(capacity: 36 * (2 * items.count + taxCount))
        func makeId(_ kind: StaticString, _ item: Int, tax: Int? = nil) {
            message.truncate(to: nameStart)
            message.append(kind)
            message.append(string: reference)
            message.append("/item/")
            ByteBuffer.appendDecimal(Int64(item), to: &message)
            if let tax {
                message.append("/tax/")
                ByteBuffer.appendDecimal(Int64(tax), to: &message)
            }
            UUIDv5.append(of: message, to: &ids)
        }
        for n in items.indices { makeId("order/", n + 1) }
        for n in items.indices { makeId("cart/", n + 1) }
        var taxStart: [Int] = []
        taxStart.reserveCapacity(items.count)
        var next = 2 * items.count
        for n in items.indices {
            taxStart.append(next)
            for k in items[n].taxes.indices { makeId("order/", n + 1, tax: k + 1) }
            next += items[n].taxes.count
        }
        return OrderIds(text: ids.array, items: items.count, taxStart: taxStart)
    }
}
