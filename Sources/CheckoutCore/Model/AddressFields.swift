/// The fields an address may have (SPEC §2.1), in a shipping address's order.
enum AddressField: Int, CaseIterable, Sendable {
    case firstName, lastName, phoneNumber, companyName, line1, line2, city, county, region, postcode, country
    case instructions

    /// The field's name in carts, orders and errors.
    var name: String { AddressField.names[rawValue] }
    /// The same as a literal, which a writer copies without building a String.
    var literalName: StaticString { AddressField.literalNames[rawValue] }

    init?(name: String) {
        guard let i = AddressField.names.firstIndex(of: name) else { return nil }
        self.init(rawValue: i)
    }

    private static let literalNames: [StaticString] = [
        "first_name", "last_name", "phone_number", "company_name", "line_1", "line_2", "city", "county", "region",
        "postcode", "country", "instructions",
    ]
    private static let names = literalNames.map(\.description)

    /// Every field in the order of its name: the canonical form lists fields so (SPEC §11).
    static let byName: [AddressField] = allCases.sorted { $0.name < $1.name }
}

/// One value per address field, or none, in a fixed table rather than a dictionary: a cart's two addresses are
/// read, checked and written field by field, and hashing each name cost ~20k instructions per cart (issue 18).
/// Fields are named by `AddressField`, or by name where the name comes from a list (`AddressDraft.billingFields`).
struct AddressFields<Value: Sendable>: Sendable {
    private var values: [Value?] = Array(repeating: nil, count: AddressField.allCases.count)

    init() {}

    /// From field names to values; every name must be an address field's.
    init(_ named: [String: Value]) {
        for (name, value) in named { self[name] = value }
    }

    subscript(field: AddressField) -> Value? {
        get { values[field.rawValue] }
        set { values[field.rawValue] = newValue }
    }

    subscript(name: String) -> Value? {
        get { AddressField(name: name).flatMap { values[$0.rawValue] } }
        set {
            guard let field = AddressField(name: name) else { preconditionFailure("'\(name)' is no address field") }
            values[field.rawValue] = newValue
        }
    }

    func mapValues<T>(_ transform: (Value) -> T) -> AddressFields<T> {
        var out = AddressFields<T>()
        for f in AddressField.allCases { out[f] = values[f.rawValue].map(transform) }
        return out
    }
}

extension AddressFields: Equatable where Value: Equatable {}
