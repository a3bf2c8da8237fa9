import Testing

@testable import CheckoutCore

/// Every document is written through `ByteBuffer`, whose short copies are loads and stores of overlapping pieces
/// rather than `memcpy` (issue 18): each length, at each offset, lands byte for byte.
@Suite("ByteBuffer copies")
struct ByteBufferCopyTests {
    @Test("a copy of every length up to 70 bytes, from and to every offset up to 8, is exact and touches nothing else")
    func copiesEveryLength() {
        let source = (0..<80).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        for length in 0...70 {
            for offset in 0..<8 {
                var buffer = ByteBuffer(capacity: 4)  // small: the appends grow it as they go
                for _ in 0..<offset { buffer.append(0xEE) }
                source.withUnsafeBufferPointer { buffer.append($0.baseAddress! + offset, length) }
                buffer.append(0xDD)
                let expected = [UInt8](repeating: 0xEE, count: offset) + source[offset..<(offset + length)] + [0xDD]
                #expect(buffer.array == expected, "length \(length), offset \(offset)")
            }
        }
    }

    @Test("a copy of bytes already written, of every length, lands after them")
    func copiesWhatIsWritten() {
        for length in 0...40 {
            var buffer = ByteBuffer(capacity: 8)
            let first = (0..<length).map { UInt8($0 + 1) }
            first.withUnsafeBufferPointer { buffer.append($0) }
            buffer.append(0xAA)
            buffer.appendCopy(of: 0..<length)
            #expect(buffer.array == first + [0xAA] + first, "length \(length)")
        }
    }
}
