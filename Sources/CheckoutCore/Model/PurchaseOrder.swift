/// A purchase order as a partner's document states it (SPEC §12), mapped onto cart terms by its standard's reader
/// but before the catalogue is asked anything: the partner, the reference and a billing address on file are
/// decided by `PurchaseOrderIntake`. Every field keeps the path of the element it came from, so errors point into
/// the partner's own document.
struct PurchaseOrder: Sendable {
    enum Standard: String, Sendable {
        case ubl = "UBL"
        case cxml = "cXML"
        case openTrans = "openTRANS"
    }

    var standard: Standard
    /// The root element: shipping errors, and errors with no field of their own, point here.
    var root: Location
    /// UBL `ID`, cXML `@orderID`, openTRANS `ORDER_ID`, trimmed, as written.
    var orderId: Located<String>?
    /// Where a missing order id is reported: the deepest element of its path that exists.
    var orderIdAnchor: Location
    var currency: Located<String>?
    /// Every `currencyID` (UBL) or `Money/@currency` (cXML) in the document: each must be the order's currency.
    var currencyAttributes: [Located<String>] = []
    /// The buyer element, and the identifiers a partner may be known by, in SPEC §12's order, each once.
    var buyer: Location
    var buyerIds: [String] = []
    /// The billing address when the document gives one (nil: the partner's on file is used).
    var billingAddress: AddressDraft?
    var shippingAddress: AddressDraft?
    /// The first listed party's address: billing's last resort, its missing fields reported (SPEC §12).
    var firstParty: AddressDraft?
    var lines: [PurchaseOrderLine] = []
    /// Where the lines are: a missing line list is reported here.
    var linesAnchor: Location
    /// Set when the document has more lines than a cart may hold (SPEC §11): the order is unreadable.
    var tooManyLines = false
    /// What the acknowledgement copies from the order (SPEC §13).
    var parties = AcknowledgementParties()
}

/// The order's parties as its acknowledgement names them (SPEC §13): UBL's seller and buyer (endpoint and name),
/// cXML's `From`, `To` and `payloadID`.
struct AcknowledgementParties: Sendable {
    struct Party: Sendable {
        var endpoint: String?
        var endpointScheme: String?
        var name: String?
    }

    struct Credential: Sendable {
        var domain: String
        var identity: String
    }

    var seller = Party()
    var buyer = Party()
    var from: [Credential] = []
    var to: [Credential] = []
    var payloadID: String?
}

/// One order line as written (SPEC §12's line table).
struct PurchaseOrderLine: Sendable {
    var location: Location
    /// `LineItem/ID`, `@lineNumber` or `LINE_ITEM_ID`, else the line's position.
    var id: String
    /// Where a line without sku or GTIN is reported (`Item`, `ItemID`, `PRODUCT_ID`, else the line).
    var itemAnchor: Location
    var sku: Located<String>?
    var gtin: Located<String>?
    var quantity: Located<String>?
    var quantityAnchor: Location
    var unit: Located<String>?
    /// The stated price and the quantity it is for (`BaseQuantity`, `PRICE_QUANTITY`; default 1).
    var price: Located<String>?
    var priceQuantity: Located<String>?
}

/// What validation needs to know of a cart that came from a purchase order (SPEC §12).
struct PurchaseOrderTerms: Sendable {
    var standard: PurchaseOrder.Standard
    var orderId: Located<String>?
    var orderIdAnchor: Location
    var buyer: Location
    var buyerIds: [String]
    /// The catalogue customer whose `party_ids` matched, if any.
    var partner: Customer?
    var currencyAttributes: [Located<String>]
    /// Whether the billing address came from the document (it then counts for "same content").
    var billingFromDocument: Bool
    var parties: AcknowledgementParties
    var currency: String?
    /// Each line's element path, id, sku and unit as written: acknowledgements name lines by their ids.
    var lines: [(path: String, id: String, sku: String?, unit: String?)] = []
}

/// The purchase-order side of one line: what the catalogue line is compared with (SPEC §12).
struct PurchaseLineTerms: Sendable {
    var id: String
    var gtin: Located<String>?
    var unit: Located<String>?
    var price: Located<String>?
    var priceQuantity: Located<String>?
    /// Where a line without sku or GTIN, or without a quantity, is reported.
    var itemAnchor: Location
    var quantityAnchor: Location
}
