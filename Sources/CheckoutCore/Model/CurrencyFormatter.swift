/// SPEC §5.8: `|amount| / 10^decimal_places` with the currency's separators, placed into its template at `{price}`,
/// with `-` before the whole string when negative (`-$1,000.00`, `¥1,000`).
enum CurrencyFormatter {
    static func format(_ amount: Int64, _ currency: Currency) -> String {
        var out = ByteBuffer(capacity: 64)
        append(amount, currency, to: &out)
        return out.withBytes(from: 0) { String(decoding: $0, as: UTF8.self) }
    }

    /// Writes the formatted amount as UTF-8.
    static func append(_ amount: Int64, _ currency: Currency, to out: inout ByteBuffer) {
        append(amount, places: currency.decimalPlaces, currency.displayFormat, to: &out)
    }

    /// The same with the currency taken apart: an order writes ~60 amounts with one `layout`, borrowed, not copied.
    static func append(_ amount: Int64, places: Int, _ layout: borrowing CurrencyFormat, to out: inout ByteBuffer) {
        if amount < 0 { out.append(0x2D) }
        out.append(layout.prefix)
        guard layout.hasPlaceholder else { return }  // no {price}: the catalogue check refuses this; keep the text
        layout.separator.withUnsafeBufferPointer { separator in
            layout.point.withUnsafeBufferPointer { point in
                appendNumber(amount.magnitude, places: places, separator, point, to: &out)
            }
        }
        if !layout.suffix.isEmpty { out.append(layout.suffix) }
    }

    /// `magnitude / 10^places` with grouped thousands and the currency's decimal point, written in place from its
    /// last byte back: its length is known before a digit is written, so there is no buffer to reverse (issue 18:
    /// ~46 amounts in every order).
    static func appendNumber(
        _ magnitude: UInt64, places: Int, _ separator: UnsafeBufferPointer<UInt8>, _ point: UnsafeBufferPointer<UInt8>,
        to out: inout ByteBuffer
    ) {
        var digits = 1
        var rest = magnitude / 10
        while rest > 0 {
            digits += 1
            rest /= 10
        }
        let integerDigits = max(digits - places, 1)  // at least one digit before the point
        let length =
            integerDigits + (integerDigits - 1) / 3 * separator.count + (places > 0 ? point.count + places : 0)
        out.appendUninitialized(length) { start in
            var m = magnitude
            var at = length
            for _ in 0..<places {
                at -= 1
                start[at] = UInt8(48 + m % 10)
                m /= 10
            }
            if places > 0, let p = point.baseAddress {
                at -= point.count
                (start + at).initialize(from: p, count: point.count)
            }
            for i in 0..<integerDigits {
                if i > 0 && i % 3 == 0, let s = separator.baseAddress {
                    at -= separator.count
                    (start + at).initialize(from: s, count: separator.count)
                }
                at -= 1
                start[at] = UInt8(48 + m % 10)
                m /= 10
            }
        }
    }
}
