/// SPEC §4 step 9: a cart last updated (else created) more than `cart_ttl_days` before the run clock is expired.
enum ExpiryCheck {
    static func check(_ cart: ValidCart, ttlDays: Int64, now: Timestamp, into errors: inout [CheckoutError]) {
        guard let updated = cart.updatedAt else { return }
        let (ttl, overflow) = ttlDays.multipliedReportingOverflow(by: 86_400)
        guard !overflow else { return }
        let (limit, overflow2) = updated.value.seconds.addingReportingOverflow(ttl)
        guard !overflow2 else { return }
        if Timestamp(seconds: limit, nanoseconds: updated.value.nanoseconds) < now {
            errors.append(.cartExpired(updated.value, ttlDays: ttlDays, at: updated.location))
        }
    }
}

extension CheckoutError {
    static func cartExpired(_ updated: Timestamp, ttlDays: Int64, at loc: Location) -> CheckoutError {
        CheckoutError(
            .cartExpired, detail: "The cart was last updated more than \(ttlDays) days ago", at: loc,
            meta: [("updated_at", .string(updated.rfc3339))])
    }
}
