import CheckoutCore

/// Measures per-country address validation (issue 4: target ≤ 5 µs per address with patterns compiled once per
/// country): a round robin over addresses of ten countries, first pass (patterns compiled) reported apart.
let addresses: [[String: String]] = [
    ["country": "US", "city": "Anaheim", "region": "CA", "postcode": "92802-1234"],
    ["country": "US", "city": "Reno", "region": "nevada", "postcode": "89501"],
    ["country": "CA", "city": "Vancouver", "region": "British Columbia", "postcode": "V6Z 2E6"],
    ["country": "GB", "city": "London", "postcode": "SW1A 1AA"],
    ["country": "DE", "city": "Berlin", "postcode": "10115"],
    ["country": "JP", "city": "Chiyoda-ku", "region": "Tokyo", "postcode": "100-0001"],
    ["country": "BR", "city": "São Paulo", "region": "SP", "postcode": "01310-100"],
    ["country": "CN", "city": "Guangzhou Shi", "region": "Guangdong Sheng", "postcode": "510130"],
    ["country": "AE", "city": "Dubai", "region": "Dubai"],
    ["country": "FR", "city": "Paris", "postcode": "75001"],
]
let rules = GoogleAddressRules()
let here = Location(source: "data.billing_address", line: 1, order: 0)
let locations = AddressLocations(address: here, fields: [:])
let prepared = addresses.map {
    Address(fields: $0.merging(["first_name": "A", "last_name": "B", "line_1": "1 Main St"]) { a, _ in a })
}

func pass(_ count: Int) -> (Duration, Int) {
    var errors = 0
    let clock = ContinuousClock()
    let elapsed = clock.measure {
        for i in 0..<count {
            var address = prepared[i % prepared.count]
            errors += rules.checkCountryRules(&address, locations: locations).count
        }
    }
    return (elapsed, errors)
}

func micros(_ d: Duration, _ n: Int) -> Double {
    (Double(d.components.seconds) * 1e6 + Double(d.components.attoseconds) / 1e12) / Double(n)
}

let (first, _) = pass(prepared.count)
print(
    "first pass (loads the rules, compiles each country's patterns): \(format3(micros(first, prepared.count))) µs per address"
)
let n = 1_000_000
let (steady, errors) = pass(n)
print(
    "steady state over \(n) addresses of \(prepared.count) countries: \(format3(micros(steady, n))) µs per address (\(errors) errors)"
)

func format3(_ v: Double) -> String {
    let scaled = (v * 1000).rounded() / 1000
    return "\(scaled)"
}
