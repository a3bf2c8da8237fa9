/// SPEC §4 step 4: the fields every address needs, the text rules, an ISO 3166-1 country, then the country's
/// own rules from `AddressRules`.
enum AddressCheck {
    static func isAlwaysRequired(_ field: AddressField) -> Bool {
        switch field {
        case .firstName, .lastName, .line1, .country: return true
        default: return false
        }
    }

    static func check(
        _ draft: AddressDraft, fieldOrder: [AddressField], rules: any AddressRules,
        into errors: inout [CheckoutError]
    ) -> Address? {
        let before = errors.count
        var fields = AddressFields<String>()
        let locations = AddressLocations(address: draft.location, fields: draft.fields)
        for field in fieldOrder {
            if let value = draft.fields.text(field) {
                // A value that breaks a text rule is kept for the country's rules, so it is checked against them
                // too and never reported missing (SPEC §11); the errors already recorded keep it out of the order.
                let trimmed = TextRules.check(
                    value, name: field.name, at: draft.fields[field]!.location, into: &errors
                ).value
                if !trimmed.isEmpty {
                    fields[field] = (field == .country || field == .postcode) ? trimmed.uppercased() : trimmed
                    continue
                }
            }
            // A purchase order's address may name a company instead of a person (SPEC §12).
            let namedByCompany =
                draft.companyReplacesNames && (field == .firstName || field == .lastName)
                && draft.fields[.companyName].map { !$0.value.trimmingWhitespace.isEmpty } == true
            if isAlwaysRequired(field) && !namedByCompany {
                errors.append(.required(field.name, at: locations.location(of: field.name)))
            }
        }
        var address = Address(fields)
        if let country = fields[.country] {
            if rules.isCountry(country) {
                errors += rules.checkCountryRules(&address, locations: locations)
            } else {
                errors.append(
                    .notACountry(
                        draft.fields[.country]?.value.trimmingWhitespace ?? country,
                        suggestion: CountrySuggestion.suggest(country, rules: rules),
                        at: locations.location(of: "country")))
            }
        }
        return errors.count == before ? address : nil
    }
}
