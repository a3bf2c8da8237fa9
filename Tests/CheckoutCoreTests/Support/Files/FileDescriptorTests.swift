import Foundation
import Testing

@testable import CheckoutCore

@Suite("FileDescriptor")
struct FileDescriptorTests {
    static func path() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("fd-\(UUID().uuidString)").path
    }

    @Test("arrays and plain values are written and read back as their bytes, at their offsets")
    func roundTrip() throws {
        let path = Self.path()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let file = try FileDescriptor.open(path, O_RDWR | O_CREAT)
        try file.write([UInt64](arrayLiteral: 0x0102_0304_0506_0708, 42), at: 0)
        try file.writeValue((UInt64(7), UInt64(9)), at: 16)
        #expect(try file.size() == 32)
        var header = [UInt64](repeating: 0, count: 2)
        #expect(try file.read(into: &header, at: 0) == 16)
        #expect(header == [0x0102_0304_0506_0708, 42])
        var pair: (UInt64, UInt64) = (0, 0)
        #expect(try file.readValue(into: &pair, at: 16) == 16)
        #expect(pair == (7, 9))
        // Little-endian bytes on disk: the array's contents, never its reference.
        let bytes = try FileSystem.readAll(path)
        #expect(Array(bytes[0..<8]) == [8, 7, 6, 5, 4, 3, 2, 1])
        var part = [UInt64](repeating: 0, count: 4)
        #expect(try file.read(into: &part, byteCount: 8, at: 24) == 8)
        #expect(part == [9, 0, 0, 0])
    }

    @Test("failures name the operation, the path and the system's reason")
    func failures() throws {
        let missing = Self.path() + "/nope"
        #expect(throws: FileSystemError.self) { try FileDescriptor.open(missing, O_RDONLY, operation: "read") }
        do {
            _ = try FileDescriptor.open(missing, O_RDONLY, operation: "read")
        } catch {
            #expect(error.description == "cannot read \(missing): No such file or directory")
            #expect(error.code == ENOENT)
        }
        let path = Self.path()
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(FileManager.default.createFile(atPath: path, contents: Data("abc".utf8)))
        let readOnly = try FileDescriptor.open(path, O_RDONLY)
        #expect(throws: FileSystemError.self) { try readOnly.write(Array("x".utf8)) }
        // Closed explicitly, the descriptor is not closed again (a reused number is never closed by mistake).
        try readOnly.close()
        #expect(readOnly.raw == -1)
    }
}
