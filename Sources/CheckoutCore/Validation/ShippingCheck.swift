/// SPEC §4 step 8: a shipping method when any line ships, one that exists, serves the shipping country and has a
/// price in the cart currency. A valid method always gives a shipping line (SPEC §11).
enum ShippingCheck {
    static func check(_ cart: ValidCart, catalogue: Catalogue, into errors: inout [CheckoutError]) -> ShippingMethod? {
        guard let given = cart.shippingMethod else {
            if cart.lines.contains(where: \.shippable) {
                errors.append(.shippingMethodRequired(at: Location(source: "data.shipping_method", line: cart.line)))
            }
            return nil
        }
        guard let method = catalogue.shippingMethod(id: given.value) else {
            errors.append(.shippingMethodNotFound(given.value, at: given.location))
            return nil
        }
        let country = cart.shippingAddress.country
        guard method.serves(country: country) else {
            errors.append(.shippingUnavailable(method, detail: "\(method.id) does not ship to \(country)", at: given.location))
            return nil
        }
        guard method.price[cart.currency.code] != nil else {
            errors.append(.shippingUnavailable(method, detail: "\(method.id) has no price for \(cart.currency.code)", at: given.location))
            return nil
        }
        return method
    }
}

extension CheckoutError {
    static func shippingMethodRequired(at loc: Location) -> CheckoutError {
        CheckoutError(status: 400, code: "shipping_method_required", title: "Shipping method required",
                      detail: "A shippable cart needs a shipping_method", source: loc.source, line: loc.line)
    }

    static func shippingMethodNotFound(_ id: String, at loc: Location) -> CheckoutError {
        CheckoutError(status: 404, code: "shipping_method_not_found", title: "Shipping method not found",
                      detail: "No shipping method '\(id.clipped)'", source: loc.source, meta: [("id", .string(id.clipped))], line: loc.line)
    }

    static func shippingUnavailable(_ m: ShippingMethod, detail: String, at loc: Location) -> CheckoutError {
        CheckoutError(status: 422, code: "shipping_unavailable", title: "Shipping unavailable", detail: detail,
                      source: loc.source, meta: [("id", .string(m.id))], line: loc.line)
    }
}
