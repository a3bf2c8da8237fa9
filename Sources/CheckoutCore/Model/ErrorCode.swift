/// The error codes of SPEC §8, each with its HTTP status and title: a code is never spelled as a bare string.
enum ErrorCode: String, Sendable, CaseIterable {
    case invalidDocument = "invalid_document"
    case required
    case type
    case format
    case `enum`
    case tooLong = "too_long"
    case cartEmpty = "cart_empty"
    case tooManyItems = "too_many_items"
    case invalidQuantity = "invalid_quantity"
    case productNotFound = "product_not_found"
    case productNotAvailable = "product_not_available"
    case missingPrice = "missing_price"
    case currencyNotEnabled = "currency_not_enabled"
    case customerNotFound = "customer_not_found"
    case promotionNotFound = "promotion_not_found"
    case promotionExpired = "promotion_expired"
    case promotionNotApplicable = "promotion_not_applicable"
    case shippingMethodRequired = "shipping_method_required"
    case shippingMethodNotFound = "shipping_method_not_found"
    case shippingUnavailable = "shipping_unavailable"
    case cartExpired = "cart_expired"
    case paymentCurrencyMismatch = "payment_currency_mismatch"
    case paymentExceedsTotal = "payment_exceeds_total"
    case amountOverflow = "amount_overflow"
    case insufficientStock = "insufficient_stock"
    case cartAlreadyCheckedOut = "cart_already_checked_out"
    /// Purchase orders (SPEC §12).
    case priceMismatch = "price_mismatch"
    case unitMismatch = "unit_mismatch"

    var status: Int {
        switch self {
        case .productNotFound, .customerNotFound, .promotionNotFound, .shippingMethodNotFound: return 404
        case .promotionExpired, .promotionNotApplicable, .shippingUnavailable, .cartExpired, .paymentCurrencyMismatch,
            .paymentExceedsTotal, .priceMismatch, .unitMismatch:
            return 422
        case .cartAlreadyCheckedOut: return 409
        default: return 400
        }
    }

    var title: String {
        switch self {
        case .invalidDocument: return "Invalid document"
        case .required, .type, .format, .enum, .tooLong: return rawValue
        case .cartEmpty: return "Cart is empty"
        case .tooManyItems: return "Too many items"
        case .invalidQuantity: return "Invalid quantity"
        case .productNotFound: return "Product not found"
        case .productNotAvailable: return "Product not available"
        case .missingPrice: return "Could not add product"
        case .currencyNotEnabled: return "Currency not enabled"
        case .customerNotFound: return "Customer not found"
        case .promotionNotFound: return "Not Found"
        case .promotionExpired: return "Promotion expired"
        case .promotionNotApplicable: return "Promotion not applicable"
        case .shippingMethodRequired: return "Shipping method required"
        case .shippingMethodNotFound: return "Shipping method not found"
        case .shippingUnavailable: return "Shipping unavailable"
        case .cartExpired: return "Cart expired"
        case .paymentCurrencyMismatch: return "Payment currency mismatch"
        case .paymentExceedsTotal: return "Payment exceeds total"
        case .amountOverflow: return "Amount too large"
        case .insufficientStock: return "Insufficient stock"
        case .cartAlreadyCheckedOut: return "Cart already checked out"
        case .priceMismatch: return "Price mismatch"
        case .unitMismatch: return "Unit mismatch"
        }
    }
}
