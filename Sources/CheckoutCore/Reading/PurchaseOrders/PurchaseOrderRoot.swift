/// What an XML document's root says it is (SPEC §12): a cart or a feed, one of the three purchase-order standards,
/// or something else, named when it can be told. Matched by local name and namespace, never by prefix.
enum DocumentRoot {
    case cart
    case feed
    case purchaseOrder(PurchaseOrder.Standard)
    /// Not something checkout-batch reads; the text says what it is.
    case other(String)

    static let ublOrder = "urn:oasis:names:specification:ubl:schema:xsd:Order-2"
    static let ublPrefix = "urn:oasis:names:specification:ubl:schema:xsd:"
    static let ublAggregate = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
    static let ublBasic = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
    static let openTrans = "http://www.opentrans.org/XMLSchema/2.1"
    static let bmecat = "http://www.bmecat.org/bmecat/2005"

    init(name: String, namespace: String) {
        switch (name, namespace) {
        case ("cart", ""): self = .cart
        case ("carts", ""): self = .feed
        case ("Order", DocumentRoot.ublOrder): self = .purchaseOrder(.ubl)
        case ("cXML", ""): self = .purchaseOrder(.cxml)
        case ("ORDER", DocumentRoot.openTrans), ("ORDER", ""): self = .purchaseOrder(.openTrans)
        default:
            if namespace.hasPrefix(DocumentRoot.ublPrefix) {
                self = .other("a UBL \(name.clipped) is not an order")
            } else if namespace == DocumentRoot.openTrans {
                self = .other("an openTRANS \(name.clipped) is not an order")
            } else {
                let shown =
                    namespace.isEmpty ? "<\(name.clipped)>" : "<\(name.clipped)> in namespace \(namespace.clipped)"
                self = .other(
                    "Expected a <cart>, a <carts> feed or a purchase order (UBL Order, cXML OrderRequest, "
                        + "openTRANS ORDER), found \(shown)")
            }
        }
    }
}

extension PurchaseOrder.Standard {
    /// The local names the standard's reader looks at: only these are kept while reading (`XMLTreeBuilder`).
    var keeps: Set<String> {
        switch self {
        case .ubl: return UBLOrderReader.names
        case .cxml: return CXMLOrderReader.names
        case .openTrans: return OpenTransOrderReader.names
        }
    }

    /// The attribute every occurrence of which must name the order's currency.
    var currencyAttribute: String {
        switch self {
        case .ubl: return "currencyID"
        case .cxml: return "currency"
        case .openTrans: return ""  // openTRANS states its currency once
        }
    }

    /// Which namespaces the standard's elements may be in, given the root's.
    func accepts(rootNamespace: String) -> @Sendable (String) -> Bool {
        switch self {
        case .ubl:
            return { $0 == DocumentRoot.ublAggregate || $0 == DocumentRoot.ublBasic || $0 == DocumentRoot.ublOrder }
        case .cxml:
            return { $0.isEmpty }
        case .openTrans:
            if rootNamespace.isEmpty { return { $0.isEmpty } }
            return { $0 == DocumentRoot.openTrans || $0 == DocumentRoot.bmecat }
        }
    }

    /// Reads the order from its document's tree, or says why it is not one.
    func read(_ tree: XMLTreeBuilder) -> Result<PurchaseOrder, NotAnOrder>? {
        guard let root = tree.root else { return nil }
        let node = XMLNode(element: root, accepts: accepts(rootNamespace: root.namespace))
        let read: Result<PurchaseOrder, NotAnOrder>
        switch self {
        case .ubl: read = .success(UBLOrderReader.read(node))
        case .cxml: read = CXMLOrderReader.read(node)
        case .openTrans: read = .success(OpenTransOrderReader.read(node))
        }
        return read.map { order in
            var order = order
            order.currencyAttributes = PurchaseOrderMapping.currencyAttributes(
                node, tree.currencyElements, currencyAttribute)
            return order
        }
    }
}

/// A document of a purchase-order standard that holds no order (a cXML PunchOutOrderMessage, say).
struct NotAnOrder: Error {
    var error: CheckoutError
}
