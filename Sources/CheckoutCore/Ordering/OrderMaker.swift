/// Makes the `Order` of a priced cart whose stock was taken (SPEC §7): its states, its lines as SPEC §7 defines
/// them (cart lines, shipping, promotions) with their display figures, and its ids.
enum OrderMaker {
    /// The order's id is made with its items' (`OrderIdMaker.ids`): it is `OrderIdMaker.orderId(reference:)`.
    static func make(_ priced: PricedCart, timestamp: String) -> Order {
        let cart = priced.cart
        let items = orderItems(priced)
        let (status, payment) = states(priced)
        let (orderId, ids) = OrderIdMaker.ids(reference: cart.reference, items: items)
        return Order(
            id: orderId, reference: cart.reference, externalRef: cart.externalRef, status: status, payment: payment,
            currency: cart.currency,
            customer: cart.customer, shippingAddress: cart.shippingAddress, billingAddress: cart.billingAddress,
            totals: priced.totals, items: items, timestamp: timestamp,
            ids: ids)
    }

    /// `status` and `payment` of the order from its payment (SPEC §7).
    static func states(_ priced: PricedCart) -> (String, String) {
        guard let p = priced.cart.payment else { return ("incomplete", "unpaid") }
        let full = p.amount.value == priced.totals.withTax
        switch p.status {
        case .authorized: return full ? ("processing", "authorized") : ("incomplete", "partially_authorized")
        case .paid: return full ? ("complete", "paid") : ("incomplete", "partially_paid")
        }
    }

    /// Cart lines, then the shipping line, then one line per promotion that took something off (SPEC §7): a
    /// promotion line shows minus its total as its price and display discount, and 0 as its other display values,
    /// so the discount is not counted twice.
    static func orderItems(_ priced: PricedCart) -> [OrderItem] {
        var items: [OrderItem] = []
        items.reserveCapacity(priced.lines.count + 1 + priced.promotions.count)
        // The lines, then the shipping line: not gathered into one array first, which copied each line.
        for line in priced.lines { items.append(orderItem(line)) }
        if let shipping = priced.shipping { items.append(orderItem(shipping)) }
        for (promotion, total) in priced.promotions {
            items.append(
                OrderItem(
                    quantity: 1, productId: promotion.id, name: promotion.name, sku: promotion.lineSku,
                    unitPrice: -total, value: -total, includesTax: false,
                    display: DisplayFigures(
                        withTax: 0, withoutTax: 0, tax: 0, discount: -total, withoutDiscount: 0),
                    taxes: []))
        }
        return items
    }

    private static func orderItem(_ line: PricedLine) -> OrderItem {
        OrderItem(
            quantity: line.quantity, productId: line.productId, name: line.name, sku: line.sku,
            unitPrice: line.unitPrice, value: line.value, includesTax: line.includesTax,
            display: DisplayFigures(
                withTax: line.gross, withoutTax: line.net, tax: line.tax, discount: -line.discount,
                withoutDiscount: line.gross + line.discount),
            taxes: line.taxes, orderItemRun: line.orderItemRun)
    }
}
