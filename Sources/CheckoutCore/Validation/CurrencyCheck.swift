/// SPEC §4 step 5: the cart's currency (the catalogue default when none is given) must be known and enabled.
enum CurrencyCheck {
    static func check(_ draft: CartDraft, catalogue: Catalogue, into errors: inout [CheckoutError]) -> Currency? {
        let currency = cartCurrency(draft, catalogue: catalogue, into: &errors)
        // A purchase order states its currency on every amount: each must be the order's (SPEC §12).
        if let po = draft.purchaseOrder {
            let expected = draft.currency?.value ?? catalogue.defaultCurrency.code
            for attribute in po.currencyAttributes where attribute.value != expected {
                errors.append(
                    CheckoutError(
                        .format,
                        detail: "The amount is in \(attribute.value.clipped), the order in \(expected.clipped)",
                        at: attribute.location))
            }
        }
        return currency
    }

    private static func cartCurrency(_ draft: CartDraft, catalogue: Catalogue, into errors: inout [CheckoutError])
        -> Currency?
    {
        guard let code = draft.currency else { return catalogue.defaultCurrency }
        guard let currency = catalogue.currency(code: code.value), currency.enabled else {
            var e = CheckoutError.currencyNotEnabled(code.value, at: code.location)
            // Currency codes match exactly (SPEC §11): a lower-case one is named, with the code it likely meant.
            let upper = code.value.uppercased()
            if upper != code.value, catalogue.currency(code: upper)?.enabled == true {
                e.detail += ": '\(code.value.clipped)' is not a code; codes are upper case — did you mean \(upper)?"
            }
            errors.append(e)
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
