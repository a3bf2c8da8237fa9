import Testing

@testable import CheckoutCore

/// The ways of hashing this processor has: the program's own code always, the SHA extensions when it has them
/// (`HashInstructions`; this project's CI machine has them).
private let engines = HashInstructions.available ? [false, true] : [false]

@Suite("SHA-1, SHA-256 and UUIDv5")
struct HashAndUUIDTests {
    // FIPS 180-2 / NIST CAVP published vectors.
    @Test(arguments: engines) func sha1Vectors(instructions: Bool) {
        func sha1(_ bytes: [UInt8]) -> String { SHA1.hash(bytes, instructions: instructions).hexString }
        #expect(sha1(Array("abc".utf8)) == "a9993e364706816aba3e25717850c26c9cd0d89d")
        #expect(sha1([]) == "da39a3ee5e6b4b0d3255bfef95601890afd80709")
        #expect(
            sha1(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "84983e441c3bd26ebaae4aa1f95129e5e54670f1")
        #expect(sha1([UInt8](repeating: 0x61, count: 1_000_000)) == "34aa973cd4c4daa4f61eeb2bdbad27316534016f")
    }

    /// The SHA extensions give the program's own digests for every length from 0 to 300 bytes (every way a tail
    /// ends, one to six whole blocks before it) and for messages not aligned in memory.
    @Test(.enabled(if: HashInstructions.available)) func instructionsAgreeWithTheProgramsOwnCode() {
        let bytes = (0..<400).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 2 &+ 5) }
        bytes.withUnsafeBufferPointer { all in
            for start in [0, 1, 7] {
                for length in 0...300 {
                    let message = UnsafeBufferPointer(rebasing: all[start..<(start + length)])
                    #expect(
                        HashInstructions.sha1(message).bytes == SHA1.digest(message, instructions: false).bytes,
                        "SHA-1 of \(length) bytes at \(start)")
                    #expect(
                        SHA256.hex(words: HashInstructions.sha256(message))
                            == SHA256.hex(message, instructions: false), "SHA-256 of \(length) bytes at \(start)")
                }
            }
        }
    }

    /// Four at a time in vector lanes, messages of every length around the block boundaries (55/56, 64, 119/120
    /// bytes), in groups of 1 to 9 with mixed block counts: each digest is the scalar one, handed out once.
    @Test(arguments: engines) func sha1LanesAgreeWithSHA1(instructions: Bool) {
        let bytes = (0..<4_000).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 3) }
        let lengths = [0, 1, 3, 20, 54, 55, 56, 57, 63, 64, 65, 100, 118, 119, 120, 121, 128, 200]
        for groupSize in 1...9 {
            var messages: [Range<Int>] = []
            for n in 0..<groupSize {
                let length = lengths[(n * 5 + groupSize) % lengths.count]
                let start = n * 211
                messages.append(start..<(start + length))
            }
            var seen = [Int](repeating: 0, count: messages.count)
            bytes.withUnsafeBufferPointer { buffer in
                SHA1Lanes.digests(of: messages, in: buffer, instructions: instructions) { i, digest in
                    seen[i] += 1
                    let expected = SHA1.digest(UnsafeBufferPointer(rebasing: buffer[messages[i]]), instructions: false)
                    #expect(digest.bytes == expected.bytes, "message \(i) of \(groupSize), \(messages[i].count) bytes")
                }
            }
            #expect(seen == [Int](repeating: 1, count: messages.count))
        }
    }

    /// One to four messages side by side, of lengths that end their last block in every way (55/56 bytes before a
    /// boundary, exactly on one, a tail of two blocks) and differ from lane to lane: each digest is the scalar one.
    @Test(arguments: engines) func sha256LanesAgreeWithSHA256(instructions: Bool) {
        let bytes = (0..<8_000).map { UInt8(truncatingIfNeeded: $0 &* 13 &+ $0 >> 5) }
        let lengths = [0, 1, 55, 56, 63, 64, 65, 119, 120, 128, 700, 831, 1_000, 1_727]
        for count in 1...4 {
            for shift in lengths.indices {
                let messages = (0..<count).map { lane in
                    let length = lengths[(shift + lane * 3) % lengths.count]
                    return Array(bytes[(lane * 1_900)..<(lane * 1_900 + length)])
                }
                let expected = messages.map { SHA256.hex($0, instructions: false) }
                let got = messages[0].withUnsafeBufferPointer { a in
                    messages[min(1, count - 1)].withUnsafeBufferPointer { b in
                        messages[min(2, count - 1)].withUnsafeBufferPointer { c in
                            messages[count - 1].withUnsafeBufferPointer { d in
                                SHA256Lanes.hex(Array([a, b, c, d].prefix(count)), instructions: instructions)
                            }
                        }
                    }
                }
                #expect(got == expected, "\(messages.map(\.count))")
            }
        }
    }

    /// More than four messages are hashed four at a time with one scratch: every message after the fourth is hashed
    /// too, each from a fresh state, and its digest is the scalar one.
    @Test(arguments: engines) func sha256LanesTakeAnyNumberOfMessages(instructions: Bool) {
        let bytes = (0..<4_000).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) }
        let lengths = [3, 700, 56, 0, 129, 64, 1_000, 55, 300]
        var starts: [Int] = []
        var at = 0
        for n in lengths {
            starts.append(at)
            at += n
        }
        let expected = lengths.indices.map {
            SHA256.hex(Array(bytes[starts[$0]..<(starts[$0] + lengths[$0])]), instructions: false)
        }
        let got = bytes.withUnsafeBufferPointer { all in
            SHA256Lanes.hex(
                lengths.indices.map { UnsafeBufferPointer(rebasing: all[starts[$0]..<(starts[$0] + lengths[$0])]) },
                instructions: instructions)
        }
        #expect(got == expected)
        #expect(SHA256Lanes.hex([], instructions: instructions) == [])
    }

    @Test(arguments: engines) func sha256Vectors(instructions: Bool) {
        func sha256(_ bytes: [UInt8]) -> String { SHA256.hex(bytes, instructions: instructions) }
        #expect(sha256(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(sha256([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(
            sha256(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(
            sha256([UInt8](repeating: 0x61, count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// Expected values from Python's `uuid.uuid5`, an independent implementation.
    @Test(
        "UUIDv5 agrees with Python's uuid.uuid5",
        arguments: [
            ("order/cart-1001", "4d0427a6-e664-5126-ba49-dfda77aa75fc"),
            ("order/cart-1001/item/1", "84e76717-39b8-58ec-95ef-2ba6e1291f9b"),
            ("cart/cart-1001/item/2", "a7d93f5b-3f4d-5486-8d05-d947b7e5b449"),
            ("order/cart-1001/item/1/tax/1", "bc82aacc-e25c-5dca-a3d7-a7d94381d114"),
            ("order/été-1", "44679528-5815-5cf4-a0a7-6630fcc07f2a"),
            ("", "b0bf5a4b-6c6f-56fd-8018-3567d29f80a8"),
        ])
    func uuid5(name: String, expected: String) {
        #expect(UUIDv5.make(name) == expected)
    }

    @Test func uuid5InTheDNSNamespace() {
        // RFC 9562's DNS namespace; Python: uuid.uuid5(uuid.NAMESPACE_DNS, "python.org").
        let dns = UUIDv5.bytes(of: "6ba7b810-9dad-11d1-80b4-00c04fd430c8")!
        #expect(UUIDv5.make("python.org", namespace: dns) == "886313e1-3b8a-5372-9b90-0c9aee199e5d")
    }

    @Test(
        "eight hex digits of a word, most significant first, every digit value at each place",
        arguments: [
            (UInt32(0), "00000000"), (0x0123_4567, "01234567"), (0x89AB_CDEF, "89abcdef"),
            (0xFEDC_BA98, "fedcba98"), (0x7654_3210, "76543210"), (0xFFFF_FFFF, "ffffffff"), (0x9A09_A90A, "9a09a90a"),
        ])
    func hexWord(word: UInt32, expected: String) {
        var out = [UInt8](repeating: 0, count: 10)
        out.withUnsafeMutableBufferPointer { Hex.write(word, to: $0.baseAddress! + 1) }
        #expect(String(decoding: out[1..<9], as: UTF8.self) == expected)
        #expect(out[0] == 0 && out[9] == 0)  // nothing written around the eight
    }
}
