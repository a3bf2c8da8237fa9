/// SPEC §4 step 10: a payment is in the cart currency and never more than the order total.
enum PaymentCheck {
    static func check(_ priced: PricedCart, into errors: inout [CheckoutError]) {
        guard let payment = priced.cart.payment else { return }
        let currency = priced.cart.currency.code
        if let given = payment.currency, given.value != currency {
            errors.append(.paymentCurrencyMismatch(given.value, cart: currency, at: given.location))
        }
        if payment.amount.value > priced.totals.withTax {
            errors.append(
                .paymentExceedsTotal(payment.amount.value, total: priced.totals.withTax, at: payment.amount.location))
        }
    }
}

extension CheckoutError {
    static func paymentCurrencyMismatch(_ given: String, cart: String, at loc: Location) -> CheckoutError {
        CheckoutError(
            .paymentCurrencyMismatch,
            detail: "The payment is in \(given.clipped), the cart in \(cart)", at: loc,
            meta: [("currency", .string(given.clipped))])
    }

    static func paymentExceedsTotal(_ amount: Int64, total: Int64, at loc: Location) -> CheckoutError {
        CheckoutError(
            .paymentExceedsTotal, detail: "\(amount) is more than the order total \(total)", at: loc,
            meta: [("amount", .int(amount)), ("total", .int(total))])
    }
}
