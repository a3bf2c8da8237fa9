/// A cart's way, read top to bottom (DESIGN.md, SPEC §4): decode → validate (steps 1–6) → business rules (7–9)
/// → price (§5) → payment check (10) → make the `Order` → render. Stock (11) is taken between the last two by the
/// commit stage, which alone sees the run's shared state; the order is rendered ahead on any core and kept if
/// the stock is there (`PreparedCart`).
enum CartPipeline {
    /// Steps 1–10 for one cart read from its document.
    static func evaluate<Document: CartDocument>(_ cart: Document, validator: CartValidator) -> (
        draft: CartDraft, evaluation: CartEvaluation
    ) {
        let draft = CartDecoder.decode(cart)
        return (draft, evaluate(draft, validator: validator))
    }

    /// Steps 1–10 for one partner's purchase order, once the catalogue has said who the partner is (SPEC §12).
    static func evaluate(_ po: PurchaseOrder, validator: CartValidator) -> (
        draft: CartDraft, evaluation: CartEvaluation
    ) {
        let draft = PurchaseOrderIntake.draft(po, catalogue: validator.catalogue)
        return (draft, evaluate(draft, validator: validator))
    }

    /// Steps 1–10 for one decoded cart.
    static func evaluate(_ draft: CartDraft, validator: CartValidator) -> CartEvaluation {
        let cart: ValidCart
        switch validator.validate(draft) {
        case .failure(let rejection): return .rejected(rejection)
        case .success(let valid): cart = valid
        }
        let terms: BusinessTerms
        switch validator.checkBusinessRules(cart) {
        case .failure(let rejection): return .rejected(rejection)
        case .success(let t): terms = t
        }
        // The cart is handed over to become part of the priced cart (kept, it was copied whole there: issue 18);
        // what an overflow error names is kept aside.
        let (lines, location) = (cart.lines, cart.location)
        guard
            let priced = try? PriceCalculator.price(
                consume cart, promotions: terms.promotions, shipping: terms.shipping, catalogue: validator.catalogue)
        else {
            return .rejected(
                CartRejection(
                    beforeConflict: [], afterConflict: [overflowError(lines, at: location)], inValidation: false))
        }
        // Checked without a closure: one capturing the priced cart kept it in memory, and it was then copied into
        // the result rather than moved (issue 18).
        var errors: [CheckoutError] = []
        PaymentCheck.check(priced, into: &errors)
        if !errors.isEmpty {
            var paymentErrors = StepErrors()
            paymentErrors.file(errors, step: 10)
            return .rejected(
                CartRejection(beforeConflict: [], afterConflict: paymentErrors.listed(), inValidation: false))
        }
        return .priced(priced)
    }

    /// Names the first line whose value alone does not fit, else the total.
    static func overflowError(_ lines: [CartLine], at location: Location) -> CheckoutError {
        for (i, line) in lines.enumerated()
        where line.unitPrice.multipliedReportingOverflow(by: line.quantity).overflow {
            return .amountOverflow("The total of line \(i + 1) does not fit", at: line.location)
        }
        var total = CheckoutError.amountOverflow("The order total does not fit in a 64-bit amount", at: location)
        total.source = nil  // the total is no field
        return total
    }
}
