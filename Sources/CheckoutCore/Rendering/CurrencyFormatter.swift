/// SPEC §5.8: `|amount| / 10^decimal_places` with the currency's separators, placed into its template at `{price}`,
/// with `-` before the whole string when negative (`-$1,000.00`, `¥1,000`).
public enum CurrencyFormatter {
    public static func format(_ amount: Int64, _ currency: Currency) -> String {
        let digits = String(amount.magnitude)
        let places = currency.decimalPlaces
        let padded = digits.count <= places ? String(repeating: "0", count: places - digits.count + 1) + digits : digits
        let integerPart = padded.dropLast(places)
        let fraction = padded.suffix(places)
        var grouped = ""
        for (i, ch) in integerPart.enumerated() {
            if i > 0 && (integerPart.count - i) % 3 == 0 { grouped += currency.thousandSeparator }
            grouped.append(ch)
        }
        let number = places > 0 ? grouped + currency.decimalPoint + fraction : grouped
        let text = currency.format.replacingFirst("{price}", with: number)
        return amount < 0 ? "-" + text : text
    }
}

extension String {
    func replacingFirst(_ target: String, with replacement: String) -> String {
        let hay = Array(utf8)
        let needle = Array(target.utf8)
        guard !needle.isEmpty, hay.count >= needle.count else { return self }
        for start in 0...(hay.count - needle.count) where hay[start..<(start + needle.count)].elementsEqual(needle) {
            return String(decoding: hay[..<start] + Array(replacement.utf8) + hay[(start + needle.count)...], as: UTF8.self)
        }
        return self
    }
}
