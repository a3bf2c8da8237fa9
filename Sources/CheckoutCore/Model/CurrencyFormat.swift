/// A currency's display format (SPEC §3 `format`, `decimal_point`, `thousand_separator`) taken apart into bytes
/// once, when the catalogue is read: the template around `{price}` and the separators, so formatting an amount
/// copies bytes and searches nothing (an order shows ~60 amounts).
struct CurrencyFormat: Sendable, Equatable {
    /// The template before `{price}` (all of it when there is none).
    var prefix: [UInt8]
    var suffix: [UInt8]
    var hasPlaceholder: Bool
    var separator: [UInt8]
    var point: [UInt8]
    /// Whether a formatted amount is plain text: no quote, backslash or control character in the template or the
    /// separators, so it can be copied between quotes as it is (else a writer escapes it).
    var isPlainText: Bool

    init(format: String, decimalPoint: String, separator: String) {
        let template = Array(format.utf8)
        let price = Array("{price}".utf8)
        var at: Int?
        if template.count >= price.count {
            for start in 0...(template.count - price.count)
            where template[start..<(start + price.count)].elementsEqual(price) {
                at = start
                break
            }
        }
        if let at {
            prefix = Array(template[..<at])
            suffix = Array(template[(at + price.count)...])
        } else {
            prefix = template
            suffix = []
        }
        hasPlaceholder = at != nil
        self.separator = Array(separator.utf8)
        point = Array(decimalPoint.utf8)
        isPlainText = !(template + self.separator + point).contains {
            $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x7F
        }
    }
}
