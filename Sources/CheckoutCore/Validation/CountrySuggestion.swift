import Foundation

/// What a country that is not an ISO 3166-1 alpha-2 code probably meant (issue 17): `UK` is `GB` (as Elastic Path's
/// own examples write it), a country's English name is its code. Only a code the address rules know is suggested.
enum CountrySuggestion {
    static let aliases = ["UK": "GB", "EL": "GR", "USA": "US", "UAE": "AE", "ENGLAND": "GB", "GREAT BRITAIN": "GB"]

    /// English country names, upper-cased, to the codes ICU gives that name (`DD` and `DE` are both "Germany",
    /// `UK` and `GB` "United Kingdom"): made on the first wrong country, from the system's region names.
    static let byName: [String: [String]] = {
        let english = Locale(identifier: "en_US")
        var names: [String: [String]] = [:]
        for a in UInt8(ascii: "A")...UInt8(ascii: "Z") {
            for b in UInt8(ascii: "A")...UInt8(ascii: "Z") {
                let code = String(decoding: [a, b], as: UTF8.self)
                if let name = english.localizedString(forRegionCode: code), name != code {
                    names[name.uppercased(), default: []].append(code)
                }
            }
        }
        return names
    }()

    static func suggest(_ value: String, rules: any AddressRules) -> String? {
        let key = value.uppercased()
        if let code = aliases[key] { return rules.isCountry(code) ? code : nil }
        return byName[key]?.first { rules.isCountry($0) }
    }
}

extension CheckoutError {
    /// A country that is not a code the address rules know, naming the value and, where one is likely, the code.
    static func notACountry(_ value: String, suggestion: String?, at loc: Location) -> CheckoutError {
        CheckoutError(
            .format,
            detail: "'\(value.clipped)' is not an ISO 3166-1 alpha-2 code"
                + (suggestion.map { "; did you mean \($0)?" } ?? ""),
            at: loc)
    }
}
