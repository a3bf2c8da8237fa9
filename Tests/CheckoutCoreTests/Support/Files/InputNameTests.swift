import Testing

@testable import CheckoutCore

/// An input's name as people read it (`text`) and as its error documents are named (`mirror`, SPEC §8).
@Suite("Input names")
struct InputNameTests {
    @Test("a valid UTF-8 name of up to 200 bytes is its own text and mirror")
    func plainNames() {
        let accented = InputName(bytes: Array("commande-été.json".utf8))
        #expect(accented.text == "commande-été.json")
        #expect(accented.mirror == "commande-été.json")
        let longest = String(repeating: "a", count: 195) + ".json"
        #expect(InputName(longest).mirror == longest)
    }

    @Test("a byte that is not UTF-8 is written %XX, and the mirror is cut and told apart by the name's hash")
    func escapedNames() {
        let name = InputName(bytes: Array("caf".utf8) + [0xE9] + Array(".json".utf8))
        #expect(name.text == "caf%E9.json")
        #expect(name.mirror == "caf%E9.json~" + String(SHA256.hex(name.bytes).prefix(16)))
        // A sequence cut short is not UTF-8 either: `é` is C3 A9.
        #expect(InputName(bytes: [0x61, 0xC3]).text == "a%C3")
    }

    @Test("a name over 200 bytes keeps its first 180 bytes, cut at a character, then ~ and 16 hex digits")
    func longNames() {
        let name = String(repeating: "a", count: 179) + "é" + String(repeating: "b", count: 30) + ".json"
        let mirror = InputName(name).mirror
        #expect(mirror.hasPrefix(String(repeating: "a", count: 179) + "~"))
        #expect(mirror.utf8.count == 179 + 1 + 16)
    }
}
