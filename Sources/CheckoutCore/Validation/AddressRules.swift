/// The per-country part of address validation (`GoogleAddressRules` in production; tests may supply others).
/// The always-required fields, text rules and the country code are checked by `AddressCheck` itself.
protocol AddressRules: Sendable {
    /// Whether `code` (upper-cased) is a country these rules know.
    func isCountry(_ code: String) -> Bool
    /// Checks the country's own rules on `address` (trimmed, upper-cased country and postcode), may rewrite the
    /// region to its canonical key and fill `taxRegions`, and returns the problems found.
    func checkCountryRules(_ address: inout Address, locations: AddressLocations) -> [CheckoutError]
}

/// Where each field of an address was read, for errors: present fields have their own line, missing ones
/// point at the address.
public struct AddressLocations: Sendable {
    var address: Location
    /// The fields as read (only their locations are used): looked up only when an error is reported.
    private var fields: AddressFields<Located<String>>

    public init(address: Location, fields: [String: Located<String>]) {
        self.init(address: address, fields: AddressFields(fields))
    }

    init(address: Location, fields: AddressFields<Located<String>>) {
        self.address = address
        self.fields = fields
    }

    func location(of field: String) -> Location {
        fields[field]?.location ?? address.missing(field)
    }
}
