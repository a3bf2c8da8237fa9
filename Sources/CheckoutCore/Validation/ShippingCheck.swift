/// SPEC §4 step 8: a shipping method when any line ships, one that exists, serves the shipping country and has a
/// price in the cart currency. A valid method always gives a shipping line (SPEC §11).
enum ShippingCheck {
    static func check(_ cart: ValidCart, catalogue: Catalogue, into errors: inout [CheckoutError]) -> ShippingMethod? {
        guard let given = cart.shippingMethod else {
            if cart.lines.contains(where: \.shippable) {
                errors.append(.shippingMethodRequired(at: cart.location.missing("shipping_method")))
            }
            return nil
        }
        guard let method = catalogue.shippingMethod(id: given.value) else {
            errors.append(.shippingMethodNotFound(given.value, at: given.location))
            return nil
        }
        // The country and the price are two rules: a method that breaks both gets two errors (SPEC §11).
        let country = cart.shippingAddress.country
        let serves = method.serves(country: country)
        let priced = method.price[cart.currency.code] != nil
        if !serves {
            errors.append(
                .shippingUnavailable(method, detail: "\(method.id) does not ship to \(country)", at: given.location))
        }
        if !priced {
            errors.append(
                .shippingUnavailable(
                    method, detail: "\(method.id) has no price for \(cart.currency.code)", at: given.location))
        }
        return serves && priced ? method : nil
    }
}

extension CheckoutError {
    static func shippingMethodRequired(at loc: Location) -> CheckoutError {
        CheckoutError(.shippingMethodRequired, detail: "A shippable cart needs a shipping_method", at: loc)
    }

    static func shippingMethodNotFound(_ id: String, at loc: Location) -> CheckoutError {
        CheckoutError(
            .shippingMethodNotFound,
            detail: "No shipping method '\(id.clipped)'", at: loc, meta: [("id", .string(id.clipped))])
    }

    static func shippingUnavailable(_ m: ShippingMethod, detail: String, at loc: Location) -> CheckoutError {
        CheckoutError(.shippingUnavailable, detail: detail, at: loc, meta: [("id", .string(m.id))])
    }
}
