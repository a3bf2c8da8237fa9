/// Documents that look like carts but are something else (issue 17): an Elastic Path order or cart-items response,
/// a Shopify or commercetools order. Said in one `invalid_document` naming the kind, instead of a list of every cart
/// field found missing.
enum DocumentKind {
    /// What to send instead, after the kind is named.
    static let advice =
        "checkout-batch reads carts ({\"data\": cart} or {\"data\": [cart, …]}, see docs/FORMATS.md) and partners' "
        + "purchase orders; send the cart it was made from"

    /// The top-level members that tell the kinds apart, kept as they are read (everything else is skipped).
    static let envelopeShape = JSONShape.object(
        ["lineItems", "orderState", "cartState", "line_items", "financial_status", "order_number"],
        ["order": .object(["line_items", "financial_status"])])

    /// The kind of a `.json` document without a `data` member, by its top-level members.
    static func ofEnvelope(_ bytes: [UInt8]) -> String? {
        guard let root = try? JSONParser.parse(bytes, shape: envelopeShape) else { return nil }
        if let order = root["order"], order["line_items"] != nil { return "a Shopify order" }
        if root["line_items"] != nil && (root["financial_status"] != nil || root["order_number"] != nil) {
            return "a Shopify order"
        }
        if root["lineItems"] != nil && root["orderState"] != nil { return "a commercetools order" }
        if root["lineItems"] != nil && root["cartState"] != nil { return "a commercetools cart" }
        return nil
    }

    /// The kind of a document whose first cart says, by its `type`, that it is something else.
    static func ofCart<Document: CartDocument>(_ cart: Document) -> String? {
        guard let type = cart.member("type", of: cart.root), cart.kind(of: type) == .string else { return nil }
        return ofType(cart.text(of: type))
    }

    /// The kind a cart's `type` names, when it names something other than a cart.
    static func ofType(_ type: String) -> String? {
        switch type {
        case "order": return "an Elastic Path order (a checkout response)"
        case "cart_item", "custom_item", "promotion_item": return "an Elastic Path cart-items response"
        case "cart": return "an Elastic Path cart response, which holds no items, addresses or customer"
        default: return nil
        }
    }

    static func error(_ kind: String, line: Int) -> CheckoutError {
        .invalidDocument("This is \(kind), not a cart: \(advice)", line: line)
    }
}
