/// Names (skus, ids, codes) to their places in a catalogue list, for the lookups every cart makes. A `Dictionary`
/// hashes a String with SipHash through `Hasher` (~250 instructions for a sku, and ~330 a lookup in all); a cart
/// looks up ~20 names (issue 18). Here an ASCII name is hashed with FNV-1a over its bytes and found by linear
/// probing in a table at most half full (~80 instructions).
///
/// Answers are the `Dictionary`'s, which compares Strings by canonical equivalence: two ASCII strings are equivalent
/// only when their bytes are equal, but an ASCII name is also equivalent to some others (U+212A KELVIN SIGN is
/// `K`). So the byte table answers only an ASCII name in an all-ASCII catalogue; any other lookup goes to the
/// `Dictionary` kept beside it.
///
/// The table is made once from the catalogue's own names and never grows, so names from a hostile cart can only
/// be looked up, never make the probes longer: FNV-1a's want of a random seed costs nothing here. A class: the
/// catalogue holds eight, and a copy of it retains one reference each rather than four.
final class NameIndex: Sendable {
    /// The name in each slot; `places[slot] < 0` marks an empty one.
    private let names: [String]
    private let places: [Int32]
    private let mask: Int
    /// Every name's first place, for lookups the byte table cannot answer.
    private let dictionary: [String: Int]
    /// Whether every name is ASCII (else the byte table is empty and unused).
    private let allASCII: Bool

    /// The first place of each name among `names` (a later repeat is ignored, as the catalogue keeps the first).
    convenience init(_ names: some Sequence<String>) {
        self.init(places: names.enumerated().map { ($1, $0) })
    }

    /// Each name at its place; for a name given twice, the first place.
    init(places pairs: [(name: String, place: Int)]) {
        dictionary = Dictionary(pairs.map { ($0.name, $0.place) }, uniquingKeysWith: { first, _ in first })
        let hashes = pairs.map { NameIndex.hash($0.name) }
        allASCII = hashes.allSatisfy(\.ascii)
        var size = 8
        while allASCII && size < pairs.count * 2 { size *= 2 }
        var names = [String](repeating: "", count: size)
        var places = [Int32](repeating: -1, count: size)
        let mask = size - 1
        for ((name, place), hash) in zip(pairs, hashes) where allASCII {
            var slot = hash.value & mask
            while places[slot] >= 0 && names[slot] != name { slot = (slot + 1) & mask }
            if places[slot] < 0 {
                names[slot] = name
                places[slot] = Int32(place)
            }
        }
        self.names = names
        self.places = places
        self.mask = mask
    }

    subscript(name: String) -> Int? {
        let (hash, ascii) = NameIndex.hash(name)
        guard allASCII && ascii else { return dictionary[name] }
        var slot = hash & mask
        return places.withUnsafeBufferPointer { places in
            names.withUnsafeBufferPointer { names in
                while places[slot] >= 0 {
                    if names[slot] == name { return Int(places[slot]) }
                    slot = (slot + 1) & mask
                }
                return nil
            }
        }
    }

    /// FNV-1a (64 bits) over the name's UTF-8, its high half folded into the low bits the mask keeps; and whether
    /// every byte is ASCII.
    /// Two loops, not one nested function: captured by the closure, `h` and `high` were boxed on the heap (+3.6k
    /// instructions a cart).
    static func hash(_ name: String) -> (value: Int, ascii: Bool) {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        var high: UInt8 = 0
        let done: Void? = name.utf8.withContiguousStorageIfAvailable { bytes in
            for b in bytes {
                h = (h ^ UInt64(b)) &* 0x100_0000_01b3
                high |= b
            }
        }
        if done == nil {
            for b in name.utf8 {
                h = (h ^ UInt64(b)) &* 0x100_0000_01b3
                high |= b
            }
        }
        return (Int(truncatingIfNeeded: h ^ (h >> 29)), high < 0x80)
    }
}
