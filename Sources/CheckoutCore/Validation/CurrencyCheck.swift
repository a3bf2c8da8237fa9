/// SPEC §4 step 5: the cart's currency (the catalogue default when none is given) must be known and enabled.
enum CurrencyCheck {
    static func check(_ draft: CartDraft, catalogue: Catalogue, into errors: inout [CheckoutError]) -> Currency? {
        guard let code = draft.currency else { return catalogue.defaultCurrency }
        guard let currency = catalogue.currencyByCode[code.value], currency.enabled else {
            errors.append(.currencyNotEnabled(code.value, at: code.location))
            return nil
        }
        return currency
    }
}

extension CheckoutError {
    static func currencyNotEnabled(_ code: String, at loc: Location) -> CheckoutError {
        CheckoutError(
            .currencyNotEnabled, detail: "The selected currency is not enabled on this store", at: loc,
            meta: [("currency", .string(code.clipped))])
    }
}
