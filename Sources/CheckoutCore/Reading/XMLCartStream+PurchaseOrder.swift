/// A purchase order's document (SPEC §12) inside the XML stream: its elements are kept as a tree of what its
/// standard's mapping reads, within the limits of one cart (SPEC §11), and read as one order when the root closes.
extension XMLCartStream {
    /// The element that holds one order line, counted against the item limit as the document is read.
    static func lineElement(_ standard: PurchaseOrder.Standard) -> String {
        switch standard {
        case .ubl: return "OrderLine"
        case .cxml: return "ItemOut"
        case .openTrans: return "ORDER_ITEM"
        }
    }

    func startPurchaseOrderElement(_ name: String, namespace: String, attributes: [(String, String)], line: Int) {
        guard let order = purchaseOrder, purchaseOrderProblem == nil else { return }
        if bytesConsumed - order.start > InputLimits.maxCartBytes {
            purchaseOrderProblem = .invalidDocument(
                "An order longer than \(InputLimits.maxCartBytes >> 20) MiB (line \(line)); one order may be at most that",
                line: line)
            return
        }
        if name == XMLCartStream.lineElement(order.standard) {
            purchaseOrderLines += 1
            if purchaseOrderLines > InputLimits.maxItems {
                purchaseOrderProblem = .invalidDocument(
                    "More than \(InputLimits.maxItems) lines in one order (line \(line))", line: line)
                return
            }
        }
        nextOrder += 1
        let first = nextOrder
        nextOrder += attributes.count
        order.tree.start(name, namespace: namespace, attributes: attributes, line: line, order: first)
    }

    func endPurchaseOrderElement() {
        guard let order = purchaseOrder else { return }
        if purchaseOrderProblem == nil { order.tree.end() }
        guard depth == 1 else { return }
        // The root closed: the document is one order, or one unreadable cart when it went past a limit.
        if let problem = purchaseOrderProblem {
            ready.append(.unreadable(problem))
            return
        }
        switch order.standard.read(order.tree) {
        case .success(let po)?: ready.append(.purchaseOrder(po))
        case .failure(let notAnOrder)?: fail(notAnOrder.error)
        case nil: break
        }
    }
}
