/// SPEC §4 step 10: a payment is in the cart currency and never more than the order total.
enum PaymentCheck {
    static func check(_ priced: PricedCart, into errors: inout [CheckoutError]) {
        guard let payment = priced.cart.payment else { return }
        let currency = priced.cart.currency.code
        if let given = payment.currency, given.value != currency {
            errors.append(.paymentCurrencyMismatch(given.value, cart: currency, at: given.location))
        }
        if payment.amount.value > priced.totals.withTax {
            errors.append(.paymentExceedsTotal(payment.amount.value, total: priced.totals.withTax, at: payment.amount.location))
        }
    }
}

extension CheckoutError {
    static func paymentCurrencyMismatch(_ given: String, cart: String, at loc: Location) -> CheckoutError {
        CheckoutError(status: 422, code: "payment_currency_mismatch", title: "Payment currency mismatch",
                      detail: "The payment is in \(given.clipped), the cart in \(cart)", at: loc,
                      meta: [("currency", .string(given.clipped))])
    }

    static func paymentExceedsTotal(_ amount: Int64, total: Int64, at loc: Location) -> CheckoutError {
        CheckoutError(status: 422, code: "payment_exceeds_total", title: "Payment exceeds total",
                      detail: "\(amount) is more than the order total \(total)", at: loc,
                      meta: [("amount", .int(amount)), ("total", .int(total))])
    }

    static func amountOverflow(at loc: Location) -> CheckoutError {
        CheckoutError(status: 400, code: "amount_overflow", title: "Amount too large",
                      detail: "The order total does not fit in a 64-bit amount", source: nil, line: loc.line)
    }
}
