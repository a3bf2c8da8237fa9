/// SPEC §4's checks of one cart, as two stages of `CartPipeline`: validation (steps 1–6, plus the shape of fields
/// later steps use) collects every error and stops there if any; then promotions, shipping and expiry (7–9)
/// together. Pricing, the payment check (10) and stock (11) are stages of their own. Pure and thread-safe: carts
/// are checked on any core.
struct CartValidator: Sendable {
    let catalogue: Catalogue
    let addressRules: any AddressRules
    let now: Timestamp
    /// `now` in RFC 3339, as every order's timestamps show it: formatted once, not per order.
    let nowText: String

    init(catalogue: Catalogue, addressRules: any AddressRules = GoogleAddressRules(), now: Timestamp) {
        self.catalogue = catalogue
        self.addressRules = addressRules
        self.now = now
        self.nowText = now.rfc3339
    }

    /// Steps 1–6: a `ValidCart`, or every error found.
    func validate(_ draft: CartDraft) -> Result<ValidCart, CartRejection> {
        // Steps 1–6, plus the shape of fields later steps use (SPEC §11): every error, each under its step.
        var found = StepErrors()
        // A field of the wrong type gets its one `type` error and nothing more (SPEC §11), nor do the fields inside
        // it: a cart that is not an object is one error, not also a missing reference, customer, …. `collect`
        // leaves out what the decoder's problems cover.
        found.addShapeProblems(draft.shape)
        _ = found.collect(step: 2) { ReferenceCheck.check(draft, into: &$0) }
        let customer = found.collect(step: 3) { CustomerCheck.check(draft, catalogue: catalogue, into: &$0) }
        var billing: Address?
        var shipping: Address?
        found.collect(step: 4) { errors in
            if let b = draft.billingAddress {
                billing = AddressCheck.check(
                    b, fieldOrder: AddressDraft.billing, rules: addressRules, into: &errors)
            } else {
                errors.append(.required("billing_address", at: draft.location.missing("billing_address")))
            }
            shipping = billing
            if let s = draft.shippingAddress {
                shipping = AddressCheck.check(
                    s, fieldOrder: AddressDraft.shipping, rules: addressRules, into: &errors)
            }
        }
        let currency = found.collect(step: 5) { CurrencyCheck.check(draft, catalogue: catalogue, into: &$0) }
        let lines = found.collect(step: 6) {
            ItemCheck.check(draft, currency: currency, catalogue: catalogue, shipping: shipping, into: &$0)
        }
        let payment = found.collect(step: 10) { paymentOf(draft, into: &$0) }

        if !found.isEmpty {
            let (beforeConflict, afterConflict) = found.listed(splitAfterStep: 2)
            return .failure(
                CartRejection(beforeConflict: beforeConflict, afterConflict: afterConflict, inValidation: true))
        }
        guard let reference = draft.reference?.value, let customer, let billing, let shipping, let currency, let lines
        else {
            preconditionFailure("validation passed without resolving every field")
        }
        var seenCodes = Set<String>()
        let codes = draft.promotionCodes.filter { seenCodes.insert($0.value).inserted }
        return .success(
            ValidCart(
                reference: reference, currency: currency, customer: customer, billingAddress: billing,
                shippingAddress: shipping, lines: lines, promotionCodes: codes,
                shippingMethod: draft.shippingMethod, payment: payment,
                updatedAt: draft.updatedAt ?? draft.createdAt,
                itemsLocation: draft.itemsLocation, location: draft.location,
                externalRef: draft.purchaseOrder?.orderId?.value ?? reference,
                isPurchaseOrder: draft.purchaseOrder != nil))
    }

    /// Steps 7–9, collected together: the promotions that apply (in catalogue order) and the shipping method.
    func checkBusinessRules(_ cart: ValidCart) -> Result<BusinessTerms, CartRejection> {
        var business = StepErrors()
        let promotions = business.collect(step: 7) {
            PromotionCheck.check(cart, catalogue: catalogue, now: now, into: &$0)
        }
        let method = business.collect(step: 8) { ShippingCheck.check(cart, catalogue: catalogue, into: &$0) }
        business.collect(step: 9) {
            ExpiryCheck.check(cart, ttlDays: catalogue.settings.cartTTLDays, now: now, into: &$0)
        }
        if !business.isEmpty {
            return .failure(CartRejection(beforeConflict: [], afterConflict: business.listed(), inValidation: false))
        }
        return .success(BusinessTerms(promotions: promotions, shipping: method))
    }

    /// The payment, when given with the status and amount it needs (its field types were read in step 1).
    private func paymentOf(_ draft: CartDraft, into errors: inout [CheckoutError]) -> Payment? {
        guard let p = draft.payment else { return nil }
        if let status = p.status.flatMap({ Payment.Status(rawValue: $0.value) }), let amount = p.amount {
            return Payment(status: status, amount: amount, currency: p.currency)
        }
        if p.status == nil { errors.append(.required("status", at: p.location.missing("status"))) }
        if p.amount == nil { errors.append(.required("amount", at: p.location.missing("amount"))) }
        return nil
    }
}

/// What steps 7–9 decided for a valid cart: what pricing needs besides the cart.
struct BusinessTerms: Sendable {
    var promotions: [Promotion]
    var shipping: ShippingMethod?
}

/// The outcome of evaluating a cart before stock.
enum CartEvaluation: Sendable {
    case rejected(CartRejection)
    case priced(PricedCart)
}

/// A rejected cart's errors, split where a step 2 conflict (409, known only to the ledger) belongs.
struct CartRejection: Error, Sendable {
    /// Step 1 and step 2 errors.
    var beforeConflict: [CheckoutError]
    /// Errors of later steps.
    var afterConflict: [CheckoutError]
    /// Whether these are validation errors (steps 1–6); a conflict then joins them, otherwise replaces them.
    var inValidation: Bool

    var errors: [CheckoutError] { beforeConflict + afterConflict }

    func withConflict(_ conflict: CheckoutError) -> [CheckoutError] {
        inValidation ? beforeConflict + [conflict] + afterConflict : [conflict]
    }
}
