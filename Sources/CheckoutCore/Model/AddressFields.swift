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
///
/// The values present are kept side by side, and each field's place among them in a byte: an array of twelve
/// optionals was destroyed element by element through the runtime's generic witnesses (Optional's, then the
/// value's: ~190 instructions a slot, present or not, ~13k a cart over its addresses' copies), where an array of
/// the values present destroys only those, and an empty table holds no array at all.
struct AddressFields<Value: Sendable>: Sendable {
    private var present: [Value] = []
    /// Field `i`'s value is `present[Int(places[i]) - 1]`; 0: none.
    private var places = SIMD16<UInt8>()

    init() {}

    /// From field names to values; every name must be an address field's.
    init(_ named: [String: Value]) {
        for (name, value) in named { self[name] = value }
    }

    subscript(field: AddressField) -> Value? {
        get {
            let place = Int(places[field.rawValue])
            return place == 0 ? nil : present[place - 1]
        }
        set {
            let place = Int(places[field.rawValue])
            switch (place, newValue) {
            case (0, nil): return
            case (0, let value?): insert(value, for: field)
            case (_, let value?): present[place - 1] = value
            case (_, nil):
                present.remove(at: place - 1)
                places[field.rawValue] = 0
                for i in 0..<AddressField.allCases.count where Int(places[i]) > place { places[i] -= 1 }
            }
        }
    }

    /// Sets a field not yet present, moving `value` in: through the subscript's setter each decoded field was copied
    /// and the optional it came in destroyed through `Located`'s generic value witnesses (issue 18: ~190
    /// instructions a field, ~20 fields a cart).
    mutating func insert(_ value: consuming Value, for field: AddressField) {
        precondition(places[field.rawValue] == 0, "address field \(field.name) set twice")
        if present.isEmpty { present.reserveCapacity(AddressField.allCases.count) }  // one allocation
        present.append(value)
        places[field.rawValue] = UInt8(present.count)
    }

    subscript(name: String) -> Value? {
        get { AddressField(name: name).flatMap { self[$0] } }
        set {
            guard let field = AddressField(name: name) else { preconditionFailure("'\(name)' is no address field") }
            self[field] = newValue
        }
    }

    func mapValues<T>(_ transform: (Value) -> T) -> AddressFields<T> {
        var out = AddressFields<T>()
        for f in AddressField.allCases { out[f] = self[f].map(transform) }
        return out
    }
}

/// Field by field: two tables with the same values set in another order are equal.
extension AddressFields: Equatable where Value: Equatable {
    static func == (a: AddressFields, b: AddressFields) -> Bool {
        AddressField.allCases.allSatisfy { a[$0] == b[$0] }
    }
}

extension AddressFields where Value == Located<String> {
    /// A field's text alone: reading the whole field copied its location too, two more strings retained and
    /// released through `Located`'s generic value witnesses (issue 18: ~230 instructions a field checked).
    func text(_ field: AddressField) -> String? {
        let place = Int(places[field.rawValue])
        return place == 0 ? nil : present[place - 1].value
    }
}
