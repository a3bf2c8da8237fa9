/// An address after trimming and normalisation (SPEC §4 step 4), as it goes into the order.
public struct Address: Sendable, Equatable {
    var fields: AddressFields<String>

    /// From field names (all of them address fields) to values.
    public init(fields: [String: String]) { self.fields = AddressFields(fields) }

    init(_ fields: AddressFields<String>) { self.fields = fields }

    /// A field's value, `""` when absent.
    subscript(field: AddressField) -> String { fields[field] ?? "" }
    subscript(name: String) -> String { fields[name] ?? "" }
    var country: String { self[.country] }
    var region: String { self[.region] }
    /// The spellings of the region a `country-region` tax jurisdiction may use (the region key, and its
    /// ISO 3166-2 subdivision code where it differs; SPEC §11).
    var taxRegions: [String] = []
}
