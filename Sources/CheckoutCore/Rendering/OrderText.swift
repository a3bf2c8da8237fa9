/// The bytes an order document is made of: constant runs of the layout copied as they are, and the values between
/// them. `OrderRenderer` holds the layout; this holds how each kind of value is written.
///
/// Issue 18: laying an order out key by key (`JSONWriter`) cost ~160k instructions per order, most of it deciding
/// separators and indentation that never change. Here each run of constant lines is one copy.
struct OrderText: ~Copyable {
    private var bytes = ByteBuffer(capacity: 24576)  // an order of a few lines is 15–20 KB
    let ids: OrderIds
    /// The currency's parts, taken out once per order: reading them through `Currency` for each amount retained
    /// and released every array in it.
    private let format: CurrencyFormat
    private let places: Int
    private let pieces: OrderCurrencyText
    /// `created_at` and `updated_at` of the order and of each item, quoted once.
    private let quotedTimestamp: [UInt8]

    init(ids: OrderIds, currency: Currency, timestamp: String) {
        self.ids = ids
        format = currency.displayFormat
        places = currency.decimalPlaces
        pieces = currency.orderText
        var quoted = ByteBuffer(capacity: 32)
        ByteBuffer.appendQuoted(timestamp, to: &quoted)
        quotedTimestamp = quoted.array
    }

    /// A constant run of the layout.
    @inline(__always) mutating func put(_ text: StaticString) { bytes.append(text) }

    /// A run of the layout made once, elsewhere (`TaxRate.taxItemRun`, `Catalogue.orderItemRuns`).
    @inline(__always) mutating func put(run: [UInt8]) { bytes.append(run) }

    /// An order item's `product_id`, `name` and `sku` members, for an item without a run made for it.
    mutating func itemNaming(productId: String, name: String, sku: String) {
        OrderRuns.appendItem(productId: productId, name: name, sku: sku, to: &bytes)
    }

    /// A text value, quoted and escaped.
    mutating func text(_ value: String) { ByteBuffer.appendQuoted(value, to: &bytes) }

    /// A constant run ending in a key (`,⏎    "status": `), then its text value.
    mutating func text(_ head: StaticString, _ value: String) {
        bytes.append(head)
        text(value)
    }

    /// The order's timestamp, quoted.
    mutating func timestamp() { bytes.append(quotedTimestamp) }

    mutating func number(_ value: Int64) { ByteBuffer.appendDecimal(value, to: &bytes) }

    mutating func bool(_ value: Bool) { bytes.append(value ? "true" : "false") }

    /// Id number `index` of `OrderIds`, quoted: UUIDs need no escaping.
    mutating func id(_ index: Int) {
        precondition((index + 1) * 36 <= ids.text.count, "order id index out of range")
        bytes.reserve(38)
        bytes.writeUnchecked(0x22)
        ids.text.withUnsafeBufferPointer { bytes.writeUnchecked($0.baseAddress! + index * 36, 36) }
        bytes.writeUnchecked(0x22)
    }

    /// The members of a display price after `"amount": ` (which `head` ends with): the amount, the currency and the
    /// formatted text, then the closing brace. `indent` is where the members stand (10 or 16 spaces). A zero (some
    /// 26 of an order's ~60 amounts) is one copy of the currency's prepared run.
    mutating func displayPrice(_ head: StaticString, _ amount: Int64, indent: OrderCurrencyText.Indent) {
        bytes.append(head)
        if amount == 0 {
            // Not a conditional expression: choosing between the two arrays would retain the one chosen.
            if indent == .ten { bytes.append(pieces.zeroAt10) } else { bytes.append(pieces.zeroAt16) }
            return
        }
        if amount > 0 && pieces.isPlain {
            // The usual amount: the digits, then the currency's runs around its number (`beforeNumberAt10`), each
            // chosen by an `if`, as above.
            ByteBuffer.appendDecimal(amount, to: &bytes)
            if indent == .ten { bytes.append(pieces.beforeNumberAt10) } else { bytes.append(pieces.beforeNumberAt16) }
            format.separator.withUnsafeBufferPointer { separator in
                format.point.withUnsafeBufferPointer { point in
                    CurrencyFormatter.appendNumber(UInt64(amount), places: places, separator, point, to: &bytes)
                }
            }
            if indent == .ten { bytes.append(pieces.afterNumberAt10) } else { bytes.append(pieces.afterNumberAt16) }
            return
        }
        if indent == .ten {
            OrderCurrencyText.appendPrice(amount, places, format, pieces.formattedAt10, indent, to: &bytes)
        } else {
            OrderCurrencyText.appendPrice(amount, places, format, pieces.formattedAt16, indent, to: &bytes)
        }
    }

    /// Two display prices of the same amount, after `head` and `repeatHead`: the second is a copy of the first's
    /// members (an item of quantity 1 shows each figure as its unit and its value).
    mutating func displayPriceTwice(
        _ head: StaticString, _ repeatHead: StaticString, _ amount: Int64, indent: OrderCurrencyText.Indent
    ) {
        let start = bytes.count + head.utf8CodeUnitCount
        displayPrice(head, amount, indent: indent)
        let end = bytes.count
        bytes.append(repeatHead)
        bytes.appendCopy(of: start..<end)
    }

    /// `"amount": N, "currency": …, "includes_tax": …}` of an item's `unit_price` and `value` (after `head`).
    mutating func itemPrice(_ head: StaticString, _ amount: Int64, includesTax: Bool) {
        bytes.append(head)
        number(amount)
        bytes.append(pieces.includesTaxAt10)
        bool(includesTax)
        bytes.append("\n        }")
    }

    /// The document with its final newline, lent to `use`.
    mutating func finish<R>(_ use: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        bytes.append(0x0A)
        return bytes.withBytes(from: 0, use)
    }
}

/// The runs of an order that depend on its currency alone: made once per catalogue currency, not per amount.
struct OrderCurrencyText: Sendable, Equatable {
    /// The two depths at which an order's display prices list their members.
    enum Indent { case ten, sixteen }

    /// `,⏎<indent>"currency": "USD",⏎<indent>"formatted": "` at 10 and 16 spaces.
    let formattedAt10: [UInt8]
    let formattedAt16: [UInt8]
    /// `,⏎<10 spaces>"currency": "USD",⏎<10 spaces>"includes_tax": `.
    let includesTaxAt10: [UInt8]

    /// `0,⏎…"formatted": "<zero>"⏎…}`: the whole display price of a zero, after `"amount": `.
    let zeroAt10: [UInt8]
    let zeroAt16: [UInt8]

    /// Whether a positive amount's display price is its digits, `beforeNumberAt10` (or 16), its formatted number
    /// and `afterNumberAt10` (or 16): the format is plain text (nothing to escape) and has its `{price}`.
    let isPlain: Bool
    /// A positive amount's runs around its formatted number: `formattedAt10` and the template before `{price}`;
    /// the template after it, the closing quote and brace (issue 18: four copies and two tests an amount, now two
    /// copies; ~40 non-zero amounts an order).
    let beforeNumberAt10: [UInt8]
    let afterNumberAt10: [UInt8]
    let beforeNumberAt16: [UInt8]
    let afterNumberAt16: [UInt8]

    init(code: String, format: CurrencyFormat, places: Int) {
        var quoted = ByteBuffer(capacity: 16)
        ByteBuffer.appendQuoted(code, to: &quoted)
        let code = quoted.array
        func run(_ indent: Int, _ lastKey: String) -> [UInt8] {
            let line = [0x2C, 0x0A] + [UInt8](repeating: 0x20, count: indent)
            return line + Array("\"currency\": ".utf8) + code + line + Array("\"\(lastKey)\": ".utf8)
        }
        formattedAt10 = run(10, "formatted") + [0x22]
        formattedAt16 = run(16, "formatted") + [0x22]
        includesTaxAt10 = run(10, "includes_tax")
        func zero(_ formatted: [UInt8], _ indent: Indent) -> [UInt8] {
            var out = ByteBuffer(capacity: 128)
            Self.appendPrice(0, places, format, formatted, indent, to: &out)
            return out.array
        }
        zeroAt10 = zero(formattedAt10, .ten)
        zeroAt16 = zero(formattedAt16, .sixteen)
        isPlain = format.isPlainText && format.hasPlaceholder
        beforeNumberAt10 = formattedAt10 + format.prefix
        afterNumberAt10 = format.suffix + Array("\"\n        }".utf8)
        beforeNumberAt16 = formattedAt16 + format.prefix
        afterNumberAt16 = format.suffix + Array("\"\n              }".utf8)
    }

    /// A display price after `"amount": `: the amount, `formattedRun` (the currency, then `"formatted": "`), the
    /// formatted text (escaped when the currency's format needs it) and the closing brace at `indent`.
    static func appendPrice(
        _ amount: Int64, _ places: Int, _ format: borrowing CurrencyFormat, _ formattedRun: [UInt8], _ indent: Indent,
        to bytes: inout ByteBuffer
    ) {
        ByteBuffer.appendDecimal(amount, to: &bytes)
        bytes.append(formattedRun)
        let start = bytes.count
        CurrencyFormatter.append(amount, places: places, format, to: &bytes)
        if !format.isPlainText {
            let formatted = bytes.withBytes(from: start) { String(decoding: $0, as: UTF8.self) }
            bytes.truncate(to: start - 1)  // the opening quote too: `appendQuoted` writes its own
            ByteBuffer.appendQuoted(formatted, to: &bytes)
        } else {
            bytes.append(0x22)
        }
        bytes.append(indent == .ten ? "\n        }" : "\n              }")
    }
}

/// Runs of an order's layout that depend on one catalogue entry alone, made when the entry is loaded rather than
/// quoted and escaped again in every order (issue 18: ~4k instructions an order): a tax item's members that are its
/// rate's own (`TaxRate.taxItemRun`) and an item's that are its product's (`Catalogue.orderItemRuns`). Custom
/// items, gifts and promotion lines write theirs each time, through the same layout (`OrderText.itemNaming`).
enum OrderRuns {
    /// `,⏎  "name": "…"`, `"jurisdiction"`, `"code"`, then `"rate": ` and the rate as the catalogue writes it.
    static func taxItem(name: String, jurisdiction: String, code: String, rate literal: String) -> [UInt8] {
        var run = ByteBuffer(capacity: 96 + name.utf8.count + jurisdiction.utf8.count + code.utf8.count)
        member(",\n        \"name\": ", name, to: &run)
        member(",\n        \"jurisdiction\": ", jurisdiction, to: &run)
        member(",\n        \"code\": ", code, to: &run)
        run.append(",\n        \"rate\": ")
        run.append(string: literal)
        return run.array
    }

    /// `,⏎  "product_id": "…"`, `"name"` and `"sku"`.
    static func item(productId: String, name: String, sku: String) -> [UInt8] {
        var run = ByteBuffer(capacity: 64 + productId.utf8.count + name.utf8.count + sku.utf8.count)
        appendItem(productId: productId, name: name, sku: sku, to: &run)
        return run.array
    }

    static func appendItem(productId: String, name: String, sku: String, to run: inout ByteBuffer) {
        member(",\n        \"product_id\": ", productId, to: &run)
        member(",\n        \"name\": ", name, to: &run)
        member(",\n        \"sku\": ", sku, to: &run)
    }

    /// A key run and its text value, quoted and escaped.
    private static func member(_ key: StaticString, _ value: String, to run: inout ByteBuffer) {
        run.append(key)
        ByteBuffer.appendQuoted(value, to: &run)
    }
}
