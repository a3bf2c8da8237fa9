import Testing

@testable import CheckoutCore

/// Issue 4: Google's per-country rules, country by country.
@Suite("Per-country address rules")
struct AddressRulesTests {
    /// Checks an address given as field → value; returns the normalised address or the error codes with their field.
    static func check(_ fields: [String: String]) -> (address: Address?, errors: [String]) {
        var base = ["first_name": "A", "last_name": "B", "line_1": "1 Main St"]
        for (k, v) in fields { base[k] = v }
        var located: [String: Located<String>] = [:]
        for (k, v) in base {
            located[k] = Located(v, at: Location(source: "data.billing_address.\(k)", line: 1, order: 0))
        }
        var errors: [CheckoutError] = []
        let address = AddressCheck.check(
            AddressDraft(
                location: Location(source: "data.billing_address", line: 1, order: 0), fields: AddressFields(located)),
            fieldOrder: AddressDraft.billing, rules: GoogleAddressRules(), into: &errors)
        return (address, errors.map { "\($0.code.rawValue):\($0.source!.split(separator: ".").last!)" })
    }

    /// Countries are read from the data on first use (issue 18): every country the data has is found, with all of
    /// its regions and cities, and nothing else is a country.
    @Test func everyCountryOfTheDataIsReadWhole() throws {
        let bytes = addressRulesJSON.withUTF8Buffer { Array($0) }
        let root = try JSONParser.parse(bytes)
        guard case .object(let countries)? = root["countries"]?.value else {
            Issue.record("no countries in the data")
            return
        }
        #expect(countries.count > 240)
        let book = AddressRuleBook.shared
        for m in countries {
            #expect(book.isCountry(m.key), Comment(rawValue: m.key))
            let regions: [DocNode] = if case .array(let r)? = m.node["regions"]?.value { r } else { [] }
            #expect(book.country(m.key)?.regions.count == regions.count, Comment(rawValue: m.key))
        }
        #expect(book.country("CN")?.regions.contains { !$0.cities.isEmpty } == true)
        #expect(!book.isCountry("ZZ") && !book.isCountry("XX") && book.country("countries") == nil)
    }

    @Test func unitedStates() {
        let ok = Self.check(["country": "us", "city": "Anaheim", "region": "CA", "postcode": "92802-1234"])
        #expect(ok.errors == [])
        #expect(ok.address?.region == "CA")
        // The state by name, by ISO 3166-2 code, in any case: written as the key.
        #expect(
            Self.check(["country": "US", "city": "Reno", "region": "nevada", "postcode": "89501"]).address?.region
                == "NV")
        #expect(
            Self.check(["country": "US", "city": "Reno", "region": "US-NV", "postcode": "89501"]).address?.region
                == "NV")
        // Saleor's example: a Nevada address with ZIP 90210 (California's prefix) is invalid.
        #expect(
            Self.check(["country": "US", "city": "Reno", "region": "NV", "postcode": "90210"]).errors == [
                "format:postcode"
            ])
        #expect(
            Self.check(["country": "US", "city": "Reno", "region": "NV", "postcode": "8950"]).errors == [
                "format:postcode"
            ])
        #expect(
            Self.check(["country": "US", "city": "Reno", "region": "Narnia", "postcode": "89501"]).errors == [
                "enum:region"
            ])
        #expect(Self.check(["country": "US"]).errors == ["required:city", "required:region", "required:postcode"])
    }

    @Test func canada() {
        let ok = Self.check(["country": "CA", "city": "Vancouver", "region": "British Columbia", "postcode": "v6z 2e6"])
        #expect(ok.errors == [])
        #expect(ok.address?.region == "BC")
        #expect(ok.address?["postcode"] == "V6Z 2E6")
        #expect(
            Self.check(["country": "CA", "city": "Montréal", "region": "Québec", "postcode": "H3B 1A7"]).address?.region
                == "QC")
        // A Vancouver postcode does not start as Quebec's do.
        #expect(
            Self.check(["country": "CA", "city": "Montréal", "region": "QC", "postcode": "V6Z 2E6"]).errors == [
                "format:postcode"
            ])
    }

    @Test func unitedKingdom() {
        for postcode in ["SW1A 1AA", "EC1A 1BB", "W1A 0AX", "M1 1AE", "B33 8TH", "CR2 6XH", "DN55 1PT", "GIR 0AA"] {
            #expect(Self.check(["country": "GB", "city": "London", "postcode": postcode]).errors == [], "\(postcode)")
        }
        #expect(Self.check(["country": "GB", "city": "London", "postcode": "12345"]).errors == ["format:postcode"])
        #expect(Self.check(["country": "GB", "city": "London"]).errors == ["required:postcode"])
        // No regions in GB's data: whatever county is given is kept.
        #expect(
            Self.check(["country": "GB", "city": "London", "region": "Greater London", "postcode": "SW1A 1AA"]).address?
                .region == "Greater London")
    }

    @Test func germany() {
        #expect(Self.check(["country": "DE", "city": "Berlin", "postcode": "10115"]).errors == [])
        #expect(Self.check(["country": "DE", "city": "Berlin", "postcode": "1011"]).errors == ["format:postcode"])
        #expect(Self.check(["country": "DE", "postcode": "10115"]).errors == ["required:city"])
    }

    @Test func japan() {
        let ok = Self.check(["country": "JP", "city": "Chiyoda-ku", "region": "Tokyo", "postcode": "100-0001"])
        #expect(ok.errors == [])
        #expect(ok.address?.region == "東京都")
        #expect(
            Self.check(["country": "JP", "city": "Chiyoda-ku", "region": "JP-13", "postcode": "1000001"]).address?
                .region == "東京都")
        #expect(
            Self.check(["country": "JP", "city": "Chiyoda-ku", "region": "Tokyo", "postcode": "10-0001"]).errors == [
                "format:postcode"
            ])
        #expect(
            Self.check(["country": "JP", "city": "Chiyoda-ku", "postcode": "100-0001"]).errors == ["required:region"])
    }

    @Test func brazil() {
        let ok = Self.check(["country": "BR", "city": "São Paulo", "region": "São Paulo", "postcode": "01310-100"])
        #expect(ok.errors == [])
        #expect(ok.address?.region == "SP")
        #expect(
            Self.check(["country": "BR", "city": "Rio de Janeiro", "region": "RJ", "postcode": "01310-100"]).errors == [
                "format:postcode"
            ])
    }

    @Test func china() {
        let ok = Self.check([
            "country": "CN", "city": "Guangzhou Shi", "region": "Guangdong Sheng", "postcode": "510130",
        ])
        #expect(ok.errors == [])
        #expect(ok.address?.region == "广东省")
        #expect(ok.address?["city"] == "广州市")
        #expect(
            Self.check(["country": "CN", "city": "Atlantis", "region": "广东省", "postcode": "510130"]).errors == [
                "enum:city"
            ])
        #expect(
            Self.check(["country": "CN", "city": "广州市", "region": "广东省", "postcode": "51013"]).errors == [
                "format:postcode"
            ])
    }

    @Test("countries without postcodes", arguments: ["AE", "IE"])
    func noPostcode(country: String) {
        let region = country == "AE" ? "Dubai" : "Co. Dublin"
        let result = Self.check(["country": country, "city": "City", "region": region])
        #expect(result.errors == [], "\(result.errors)")
    }

    @Test func tax_regions_use_key_and_iso_code() {
        #expect(
            Self.check(["country": "JP", "city": "Chiyoda-ku", "region": "Tokyo", "postcode": "100-0001"]).address?
                .taxRegions == ["東京都", "13"])
        #expect(
            Self.check(["country": "CA", "city": "Vancouver", "region": "BC", "postcode": "V6Z 2E6"]).address?
                .taxRegions == ["BC"])
    }
}
