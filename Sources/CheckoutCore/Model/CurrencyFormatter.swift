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

    /// `magnitude / 10^places` with grouped thousands and the currency's decimal point.
    private static func appendNumber(
        _ magnitude: UInt64, places: Int, _ separator: UnsafeBufferPointer<UInt8>, _ point: UnsafeBufferPointer<UInt8>,
        to out: inout ByteBuffer
    ) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32 + places) { reversed in
            var m = magnitude
            var n = 0
            repeat {
                reversed[n] = UInt8(48 + m % 10)
                m /= 10
                n += 1
            } while m > 0
            while n <= places {
                reversed[n] = 48
                n += 1
            }  // at least one digit before the point
            let integerDigits = n - places
            out.reserve(n + (integerDigits / 3) * separator.count + point.count)
            for i in 0..<integerDigits {
                if i > 0 && (integerDigits - i) % 3 == 0, let s = separator.baseAddress {
                    out.writeUnchecked(s, separator.count)
                }
                out.writeUnchecked(reversed[n - 1 - i])
            }
            if places > 0 {
                if let p = point.baseAddress { out.writeUnchecked(p, point.count) }
                for i in 0..<places { out.writeUnchecked(reversed[places - 1 - i]) }
            }
        }
    }
}
