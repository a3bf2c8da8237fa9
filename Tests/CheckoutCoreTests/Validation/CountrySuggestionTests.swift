import Testing

@testable import CheckoutCore

/// Issue 17: a wrong country names itself and, where one is likely, the code it meant.
@Suite("country suggestions")
struct CountrySuggestionTests {
    let rules = GoogleAddressRules()

    @Test func aliasesAndNamesSuggestTheirCode() {
        #expect(CountrySuggestion.suggest("UK", rules: rules) == "GB")
        #expect(CountrySuggestion.suggest("uk", rules: rules) == "GB")
        #expect(CountrySuggestion.suggest("United Kingdom", rules: rules) == "GB")
        #expect(CountrySuggestion.suggest("Germany", rules: rules) == "DE")
        #expect(CountrySuggestion.suggest("EL", rules: rules) == "GR")
        #expect(CountrySuggestion.suggest("Atlantis", rules: rules) == nil)
        #expect(CountrySuggestion.suggest("ZZ", rules: rules) == nil)
    }

    @Test func theDetailNamesTheValue() {
        let at = Location(source: "data.billing_address.country", line: 3, order: 0)
        #expect(
            CheckoutError.notACountry("UK", suggestion: "GB", at: at).detail
                == "'UK' is not an ISO 3166-1 alpha-2 code; did you mean GB?")
        let none = CheckoutError.notACountry("ZZ", suggestion: nil, at: at)
        #expect(none.detail == "'ZZ' is not an ISO 3166-1 alpha-2 code")
        #expect(none.code == .format)
    }
}
