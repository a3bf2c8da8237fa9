/// SPEC §6: the stock available to this run, taken cart by cart in a fixed order, all of a cart's lines or none.
/// The only mutable state shared between carts, so it lives on the sequential commit path.
struct StockLedger: Sendable {
    /// Each stock-managed sku's place in `available` (its place in the inventory); a sku not here is unlimited.
    /// Looked up by `NameIndex`, not a `Dictionary`: this runs on the committing thread, for every line.
    private let skus: NameIndex
    /// Available units of each stock-managed sku, in inventory order.
    private var available: [Int64]
    private let inventory: Inventory?

    /// Starts from the inventory figures less `taken`: the stock of carts committed after the inventory's `as_of`.
    init(inventory: Inventory?, taken: [String: Int64]) {
        self.inventory = inventory
        let entries = inventory?.entries ?? []
        skus = NameIndex(entries.map(\.sku))
        var available = [Int64](repeating: 0, count: entries.count)
        // A sku listed twice (the loader refuses it) counts at its first place with its last figure.
        for entry in entries {
            available[skus[entry.sku]!] =
                entry.available.subtractingReportingOverflow(taken[entry.sku] ?? 0).partialValue
        }
        self.available = available
    }

    /// What a priced cart asks for, by sku in line order (free gifts share their sku's stock).
    static func request(_ priced: PricedCart) -> [(sku: String, quantity: Int64)] {
        var wanted: [(sku: String, quantity: Int64)] = []
        wanted.reserveCapacity(priced.lines.count)
        // Lines are already merged per product: a sku repeats only for a free gift. A few lines are compared one by
        // one (issue 18: a dictionary per cart on the committing thread); many are hashed, so a long cart stays linear.
        var slot: [String: Int]? = priced.lines.count > 16 ? [:] : nil
        // Lines are read where they stand: binding each copied it on the committing thread.
        let lines = priced.lines
        for l in lines.indices where !lines[l].productId.isEmpty {
            let sku = lines[l].sku
            let i = slot != nil ? slot![sku] : wanted.firstIndex { $0.sku == sku }
            if let i {
                wanted[i].quantity = wanted[i].quantity.addingReportingOverflow(lines[l].quantity).partialValue
            } else {
                slot?[sku] = wanted.count
                wanted.append((sku, lines[l].quantity))
            }
        }
        return wanted
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
        var wanted = StockLedger.request(priced)
        var errors: [CheckoutError] = []
        // Each stock-managed sku is looked up once; its slot is then written in place. The stock-managed requests
        // are moved to the front of `wanted`, which is what is returned: this runs on the committing thread, where
        // a list of slots grown one by one and a third list mapped from it were ~1k instructions an order.
        var slots: [Int] = []
        slots.reserveCapacity(wanted.count)
        for w in wanted.indices {
            guard let slot = skus[wanted[w].sku] else { continue }
            let have = available[slot]
            if have < wanted[w].quantity {
                errors.append(
                    .insufficientStock(
                        id: catalogue.product(sku: wanted[w].sku)?.id ?? "", sku: wanted[w].sku,
                        requested: wanted[w].quantity, available: max(have, 0),
                        at: location(of: wanted[w].sku, in: priced.cart)))
            }
            if slots.count != w { wanted.swapAt(slots.count, w) }
            slots.append(slot)
        }
        guard errors.isEmpty else { return .failure(StockShortage(errors: errors)) }
        for k in slots.indices { available[slots[k]] -= wanted[k].quantity }
        wanted.removeLast(wanted.count - slots.count)
        return .success(wanted)
    }

    /// The inventory's skus in their file order with what is left (SPEC §11, `outbox/inventory.json`).
    var remaining: [(sku: String, available: Int64)] {
        (inventory?.entries ?? []).map { ($0.sku, max(available[skus[$0.sku]!], 0)) }
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
