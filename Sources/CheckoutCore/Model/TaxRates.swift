/// Tax entries that apply together, with their rates in millionths, in file order.
struct TaxRates: Sendable {
    private(set) var rates: [TaxRate] = []
    private(set) var millionths: [Int64] = []

    static let none = TaxRates()

    mutating func append(_ rate: TaxRate) {
        rates.append(rate)
        millionths.append(rate.millionths)
    }

    /// A tax code in a country: the index's key, both hashed at once (issue 18: a dictionary by code of dictionaries
    /// by country hashed twice a lookup, ~330 instructions each).
    struct Key: Hashable, Sendable {
        let code: String
        let country: String
    }

    /// A code's entries that can apply in one country, each set that can apply together made once: at most a few
    /// regions, so a lookup picks one instead of building arrays for every cart (issue 18).
    struct InCountry: Sendable {
        /// Every entry with the region it names (nil: national), in file order, for an address whose spellings name
        /// more than one of the regions.
        let all: [(rate: TaxRate, region: String?)]
        /// The entries whose jurisdiction is the country itself.
        let national: TaxRates
        /// For each region an entry names (`country-region`): the national entries and that region's, in file order.
        let byRegion: [(region: String, rates: TaxRates)]

        init(_ all: [(rate: TaxRate, region: String?)]) {
            self.all = all
            national = InCountry.rates(of: all) { $0 == nil }
            var regions: [String] = []
            for case let region? in all.map(\.region) where !regions.contains(region) { regions.append(region) }
            byRegion = regions.map { region in (region, InCountry.rates(of: all) { $0 == nil || $0 == region }) }
        }

        private static func rates(of all: [(rate: TaxRate, region: String?)], where keep: (String?) -> Bool) -> TaxRates
        {
            var rates = TaxRates()
            for entry in all where keep(entry.region) { rates.append(entry.rate) }
            return rates
        }
    }

    /// The entries of each code by each country they can apply in: `A-B-C` applies in country `A-B-C` itself and,
    /// as a region, in `A` (region `B-C`) and `A-B` (region `C`) — every reading of `country-region`.
    static func index(_ taxes: [TaxRate]) -> [Key: InCountry] {
        var entries: [Key: [(rate: TaxRate, region: String?)]] = [:]
        for rate in taxes {
            let j = rate.jurisdiction
            entries[Key(code: rate.code, country: j), default: []].append((rate, nil))
            for dash in j.indices where j[dash] == "-" {
                let key = Key(code: rate.code, country: String(j[..<dash]))
                entries[key, default: []].append((rate, String(j[j.index(after: dash)...])))
            }
        }
        return entries.mapValues(InCountry.init)
    }
}

extension TaxRates.InCountry {
    /// The entries at an address whose region is spelled each of `regions` ways. Regions compare by their bytes,
    /// as `country-region` always has (a jurisdiction's region is ASCII letters and digits).
    func rates(regions: [String]) -> TaxRates {
        if byRegion.isEmpty { return national }
        var match: Int?
        for spelling in regions where !spelling.isEmpty {
            guard let k = byRegion.firstIndex(where: { $0.region.utf8.elementsEqual(spelling.utf8) }) else { continue }
            if let m = match, m != k { return ratesNamingAny(of: regions) }
            match = k
        }
        return match.map { byRegion[$0].rates } ?? national
    }

    /// The national entries and those of every region among `regions`, in file order (two spellings naming two
    /// regions of the file, as Barcelona's `B` and Catalonia's `CT`).
    private func ratesNamingAny(of regions: [String]) -> TaxRates {
        Self.rates(of: all) { region in region.map { r in regions.contains { $0.utf8.elementsEqual(r.utf8) } } ?? true }
    }
}

extension Catalogue {
    /// The rates for a tax code at an address: every entry whose code matches and whose jurisdiction is the
    /// country or one of the country-region spellings (SPEC §5.5, §11), in file order, with their millionths.
    /// Once per tax code of a cart, found by index (issue 18: scanning every entry's code was ~1.2k instructions a
    /// lookup, and building the arrays for each cart another ~0.5k).
    func rates(taxCode: String, country: String, regions: [String]) -> TaxRates {
        taxesByCodeAndCountry[TaxRates.Key(code: taxCode, country: country)]?.rates(regions: regions) ?? .none
    }
}
