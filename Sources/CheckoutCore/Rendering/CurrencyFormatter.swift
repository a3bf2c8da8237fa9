/// SPEC §5.8: `|amount| / 10^decimal_places` with the currency's separators, placed into its template at `{price}`,
/// with `-` before the whole string when negative (`-$1,000.00`, `¥1,000`).
public enum CurrencyFormatter {
    public static func format(_ amount: Int64, _ currency: Currency) -> String {
        var out = ByteBuffer(capacity: 64)
        append(amount, currency, to: &out)
        return out.withBytes(from: 0) { String(decoding: $0, as: UTF8.self) }
    }

    /// Writes the formatted amount as UTF-8, byte by byte: it is done ~30 times per order.
    public static func append(_ amount: Int64, _ currency: Currency, to out: inout ByteBuffer) {
        if amount < 0 { out.append(0x2D) }
        var format = currency.format
        format.withUTF8 { template in
            guard let at = placeholder(in: template) else {
                out.append(template)  // no {price}: the catalogue check refuses this; keep the text
                return
            }
            out.append(UnsafeBufferPointer(rebasing: template[..<at]))
            appendNumber(amount.magnitude, currency, to: &out)
            out.append(UnsafeBufferPointer(rebasing: template[(at + 7)...]))
        }
    }

    private static func placeholder(in template: UnsafeBufferPointer<UInt8>) -> Int? {
        let price: [UInt8] = [0x7B, 0x70, 0x72, 0x69, 0x63, 0x65, 0x7D]  // {price}
        guard template.count >= 7 else { return nil }
        for start in 0...(template.count - 7) where template[start] == 0x7B {
            if (0..<7).allSatisfy({ template[start + $0] == price[$0] }) { return start }
        }
        return nil
    }

    /// `magnitude / 10^places` with grouped thousands and the currency's decimal point.
    private static func appendNumber(_ magnitude: UInt64, _ currency: Currency, to out: inout ByteBuffer) {
        let places = currency.decimalPlaces
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { reversed in
            var m = magnitude
            var n = 0
            repeat {
                reversed[n] = UInt8(48 + m % 10)
                m /= 10
                n += 1
            } while m > 0
            while n <= places { reversed[n] = 48; n += 1 }  // at least one digit before the point
            let integerDigits = n - places
            var separator = currency.thousandSeparator
            var point = currency.decimalPoint
            separator.withUTF8 { separator in
                for i in 0..<integerDigits {
                    if i > 0 && (integerDigits - i) % 3 == 0 { out.append(separator) }
                    out.append(reversed[n - 1 - i])
                }
            }
            if places > 0 {
                point.withUTF8 { out.append($0) }
                for i in 0..<places { out.append(reversed[places - 1 - i]) }
            }
        }
    }
}
