/// SPEC §6: the stock available to this run, taken cart by cart in a fixed order, all of a cart's lines or none.
/// The only mutable state shared between carts, so it lives on the sequential commit path.
struct StockLedger: Sendable {
    /// Available units of each stock-managed sku; a sku not here is unlimited.
    private(set) var available: [String: Int64]
    private let inventory: Inventory?

    /// Starts from the inventory figures less `taken`: the stock of carts committed after the inventory's `as_of`.
    init(inventory: Inventory?, taken: [String: Int64]) {
        self.inventory = inventory
        var available: [String: Int64] = [:]
        for entry in inventory?.entries ?? [] {
            available[entry.sku] = entry.available.subtractingReportingOverflow(taken[entry.sku] ?? 0).partialValue
        }
        self.available = available
    }

    /// What a priced cart asks for, by sku in line order (free gifts share their sku's stock).
    static func request(_ priced: PricedCart) -> [(sku: String, quantity: Int64)] {
        var order: [String] = []
        var totals: [String: Int64] = [:]
        for line in priced.lines where !line.productId.isEmpty {
            if totals[line.sku] == nil { order.append(line.sku) }
            totals[line.sku, default: 0] =
                totals[line.sku, default: 0].addingReportingOverflow(line.quantity).partialValue
        }
        return order.map { ($0, totals[$0]!) }
    }

    /// Where a shortage of `sku` is reported: `data.items` for a cart, the sku's first line for a purchase order.
    private func location(of sku: String, in cart: ValidCart) -> Location {
        guard cart.isPurchaseOrder, let line = cart.lines.first(where: { $0.sku == sku }) else {
            return cart.itemsLocation
        }
        return line.location
    }

    /// Takes the cart's stock, or returns one `insufficient_stock` error per short sku and takes nothing.
    mutating func allocate(_ priced: PricedCart, catalogue: Catalogue) -> Result<
        [(sku: String, quantity: Int64)], StockShortage
    > {
        let wanted = StockLedger.request(priced)
        var errors: [CheckoutError] = []
        for (sku, quantity) in wanted {
            guard let have = available[sku], have < quantity else { continue }
            errors.append(
                .insufficientStock(
                    id: catalogue.product(sku: sku)?.id ?? "", sku: sku, requested: quantity,
                    available: max(have, 0), at: location(of: sku, in: priced.cart)))
        }
        guard errors.isEmpty else { return .failure(StockShortage(errors: errors)) }
        var taken: [(sku: String, quantity: Int64)] = []
        for (sku, quantity) in wanted where available[sku] != nil {
            available[sku]! -= quantity
            taken.append((sku, quantity))
        }
        return .success(taken)
    }

    /// The inventory's skus in their file order with what is left (SPEC §11, `outbox/inventory.json`).
    var remaining: [(sku: String, available: Int64)] {
        (inventory?.entries ?? []).map { ($0.sku, max(available[$0.sku] ?? $0.available, 0)) }
    }

    /// The inventory's skus with nothing left, in inventory order (the run report's `skus_out_of_stock`).
    var skusOutOfStock: [String] { remaining.filter { $0.available == 0 }.map(\.sku) }
}

struct StockShortage: Error, Sendable {
    var errors: [CheckoutError]
}

extension CheckoutError {
    static func insufficientStock(id: String, sku: String, requested: Int64, available: Int64, at loc: Location)
        -> CheckoutError
    {
        CheckoutError(
            .insufficientStock, detail: "There is not enough stock to add \(sku) to your cart", at: loc,
            meta: [
                ("id", .string(id)), ("sku", .string(sku)), ("requested", .int(requested)),
                ("available", .int(available)),
            ])
    }
}
