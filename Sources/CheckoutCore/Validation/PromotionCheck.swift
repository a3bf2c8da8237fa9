/// SPEC §4 step 7 and §11: promotion codes exist, are within their dates, and their conditions hold; automatic
/// promotions apply silently when they hold. The result is in catalogue order, the order they apply in.
enum PromotionCheck {
    static func check(_ cart: ValidCart, catalogue: Catalogue, now: Timestamp, into errors: inout [CheckoutError])
        -> [Promotion]
    {
        // Promotions are read where they stand and named by index until the end: binding or sorting them copied
        // each, with its tables (issue 18: every automatic promotion was copied for every cart).
        let promotions = catalogue.promotions
        var applied: [Int] = []
        var given: [Int] = []
        for code in cart.promotionCodes {
            guard let index = catalogue.promotionByCode[code.value] else {
                errors.append(.promotionNotFound(code.value, at: code.location))
                continue
            }
            given.append(index)
            // Dates and conditions are two rules: a promotion that breaks both gets both errors (SPEC §11).
            let expired = dateProblem(promotions[index], now: now)
            let notApplicable = whyNotApplicable(promotions[index], cart: cart, catalogue: catalogue)
            if let expired { errors.append(.promotionExpired(promotions[index], detail: expired, at: code.location)) }
            if let notApplicable {
                errors.append(.promotionNotApplicable(promotions[index], detail: notApplicable, at: code.location))
            }
            if expired == nil && notApplicable == nil { applied.append(index) }
        }
        for index in promotions.indices where promotions[index].automatic && !given.contains(index) {
            if outOfDates(promotions[index], now: now) == nil
                && inapplicable(promotions[index], cart: cart, catalogue: catalogue) == nil
            {
                applied.append(index)
            }
        }
        applied.sort { promotions[$0].order < promotions[$1].order }
        return applied.map { promotions[$0] }
    }

    /// Why a promotion is outside its dates, before it is worded (`dateProblem`): automatic promotions are tested
    /// for every cart, and their reasons are never shown (issue 18: wording them was ~0.3k instructions a cart).
    enum OutOfDates {
        case notStarted(Timestamp)
        case ended(Timestamp)
    }

    /// Dates are inclusive: `starts_at ≤ now ≤ ends_at`; not yet started also counts as expired (SPEC §11).
    static func outOfDates(_ p: Promotion, now: Timestamp) -> OutOfDates? {
        if let start = p.startsAt, now < start { return .notStarted(start) }
        if let end = p.endsAt, end < now { return .ended(end) }
        return nil
    }

    static func dateProblem(_ p: Promotion, now: Timestamp) -> String? {
        let name = p.code ?? p.id
        switch outOfDates(p, now: now) {
        case .notStarted(let start)?: return "\(name) starts at \(start.rfc3339)"
        case .ended(let end)?: return "\(name) ended at \(end.rfc3339)"
        case nil: return nil
        }
    }

    /// Why a promotion's conditions do not hold, before it is worded (`whyNotApplicable`).
    enum Inapplicable: Equatable {
        case noEligibleItem
        case noAmount
        case belowMinimum(Int64)
        case giftUnavailable
    }

    static func whyNotApplicable(_ p: Promotion, cart: ValidCart, catalogue: Catalogue) -> String? {
        guard let reason = inapplicable(p, cart: cart, catalogue: catalogue) else { return nil }
        let name = p.code ?? p.id
        switch reason {
        case .noEligibleItem: return "\(name) does not apply to any item in the cart"
        case .noAmount: return "\(name) has no amount for \(cart.currency.code)"
        case .belowMinimum(let minimum):
            return "\(name) needs a subtotal of at least \(CurrencyFormatter.format(minimum, cart.currency))"
        case .giftUnavailable: return "\(name)'s gift \(p.giftSku ?? "") is not available in \(cart.currency.code)"
        }
    }

    static func inapplicable(_ p: Promotion, cart: ValidCart, catalogue: Catalogue) -> Inapplicable? {
        let code = cart.currency.code
        // The eligible lines are summed where they stand: filtering them into an array copied each line, and
        // binding the currency copied its texts (issue 18).
        var anyEligible = false
        var subtotal: Int64 = 0
        for i in cart.lines.indices where cart.lines[i].kind == .product && p.isEligible(sku: cart.lines[i].sku) {
            anyEligible = true
            let (value, o1) = cart.lines[i].unitPrice.multipliedReportingOverflow(by: cart.lines[i].quantity)
            let (sum, o2) = subtotal.addingReportingOverflow(value)
            subtotal = (o1 || o2) ? Int64.max : sum
        }
        guard anyEligible else { return .noEligibleItem }
        if p.kind == .fixedDiscount && p.amount[code] == nil { return .noAmount }
        if let minimum = p.minSubtotal[code], subtotal < minimum { return .belowMinimum(minimum) }
        if p.kind == .freeGift {
            guard let sku = p.giftSku, let gift = catalogue.product(sku: sku), gift.isLive,
                gift.prices[code] != nil
            else { return .giftUnavailable }
        }
        return nil
    }
}

extension CheckoutError {
    static func promotionNotFound(_ code: String, at loc: Location) -> CheckoutError {
        CheckoutError(
            .promotionNotFound, detail: "No promotion could be found with the given code.", at: loc,
            meta: [("code", .string(code.clipped))])
    }

    static func promotionExpired(_ p: Promotion, detail: String, at loc: Location) -> CheckoutError {
        CheckoutError(
            .promotionExpired, detail: detail, at: loc,
            meta: [("id", .string(p.id)), ("code", .string(p.code ?? ""))])
    }

    static func promotionNotApplicable(_ p: Promotion, detail: String, at loc: Location) -> CheckoutError {
        CheckoutError(
            .promotionNotApplicable, detail: detail,
            at: loc, meta: [("id", .string(p.id)), ("code", .string(p.code ?? ""))])
    }
}
