/// An inbox file's name as the filesystem holds it: bytes, which need not be valid UTF-8 and may be as long as the
/// filesystem allows (SPEC §8). The input is opened and moved by these bytes, never by a decoded copy, so a name
/// that is not UTF-8 still moves; documents and messages use `text`, and error documents are named by `mirror`.
public struct InputName: Sendable, Hashable, Comparable {
    let bytes: [UInt8]
    /// The name for people and documents (`meta.file`, the report): its UTF-8 as is, each byte that is not part of
    /// valid UTF-8 written `%XX`.
    let text: String
    /// The name the input's error documents are written under (SPEC §8): `text` when the name is valid UTF-8 of
    /// at most 200 bytes; otherwise the first 180 bytes of `text` (cut at a character boundary), `~`, and the
    /// first 16 hex digits of the SHA-256 of the name's bytes — short enough for `errors/inputs/<mirror>.<n>.json`
    /// to fit the filesystem's 255-byte limit, and distinct for distinct names.
    let mirror: String

    static let mirrorLimit = 200
    static let mirrorPrefix = 180

    init(bytes: [UInt8]) {
        self.bytes = bytes
        // Nearly every name is valid UTF-8 and short: its own text and mirror, nothing escaped, no boundaries kept
        // (issue 18: building them byte by byte was ~5,500 instructions a name, while the run had not yet started).
        if bytes.count <= InputName.mirrorLimit && InputName.isValidUTF8(bytes) {
            text = String(decoding: bytes, as: UTF8.self)
            mirror = text
            return
        }
        // Past the limit or not UTF-8: the name escaped, cut and marked with its hash.
        var escaped: [UInt8] = []
        /// Where each character of `escaped` starts: the cut is made at one of these.
        var boundaries: [Int] = []
        var i = 0
        while i < bytes.count {
            let length = InputName.validSequenceLength(bytes, at: i)
            boundaries.append(escaped.count)
            if length > 0 {
                escaped += bytes[i..<(i + length)]
                i += length
            } else {
                escaped += Array("%\(InputName.hexByte(bytes[i]))".utf8)
                i += 1
            }
        }
        text = String(decoding: escaped, as: UTF8.self)
        let cut = boundaries.last { $0 <= InputName.mirrorPrefix && $0 < escaped.count } ?? 0
        let end = escaped.count <= InputName.mirrorPrefix ? escaped.count : cut
        mirror = String(decoding: escaped[..<end], as: UTF8.self) + "~" + String(SHA256.hex(bytes).prefix(16))
    }

    init(_ text: String) { self.init(bytes: Array(text.utf8)) }

    public static func < (a: InputName, b: InputName) -> Bool { a.bytes.lexicographicallyPrecedes(b.bytes) }

    static func isValidUTF8(_ b: [UInt8]) -> Bool {
        var i = 0
        while i < b.count {
            let length = validSequenceLength(b, at: i)
            if length == 0 { return false }
            i += length
        }
        return true
    }

    /// The length of the valid UTF-8 sequence starting at `i`, or 0 when the byte there does not start one.
    static func validSequenceLength(_ b: [UInt8], at i: Int) -> Int {
        let first = b[i]
        if first < 0x80 { return 1 }
        let (length, low, high): (Int, UInt8, UInt8)
        switch first {
        case 0xC2...0xDF: (length, low, high) = (2, 0x80, 0xBF)
        case 0xE0: (length, low, high) = (3, 0xA0, 0xBF)
        case 0xE1...0xEC, 0xEE...0xEF: (length, low, high) = (3, 0x80, 0xBF)
        case 0xED: (length, low, high) = (3, 0x80, 0x9F)
        case 0xF0: (length, low, high) = (4, 0x90, 0xBF)
        case 0xF1...0xF3: (length, low, high) = (4, 0x80, 0xBF)
        case 0xF4: (length, low, high) = (4, 0x80, 0x8F)
        default: return 0
        }
        guard i + length <= b.count, b[i + 1] >= low, b[i + 1] <= high else { return 0 }
        for k in 2..<length where b[i + k] < 0x80 || b[i + k] > 0xBF { return 0 }
        return length
    }

    static func hexByte(_ b: UInt8) -> String {
        let digits = Array("0123456789ABCDEF".utf8)
        return String(decoding: [digits[Int(b >> 4)], digits[Int(b & 15)]], as: UTF8.self)
    }
}

/// A path to an inbox file: the folder (text) and the name's bytes, joined as the bytes the system calls take.
public struct InputPath: Sendable {
    let folder: String
    let name: InputName

    public init(folder: String, name: InputName) {
        self.folder = folder
        self.name = name
    }

    /// For messages: the folder and the name's `text`.
    var description: String { folder + "/" + name.text }

    /// The NUL-terminated path bytes, lent to `body`: written on the stack (the heap past 1 KiB) from the folder's
    /// own storage and the name's (issue 18: built as an array, byte by byte, ~800 instructions a path, two paths
    /// an input).
    func withCString<T>(_ body: (UnsafePointer<CChar>) throws -> T) rethrows -> T {
        try folder.utf8.withContiguousStorageIfAvailable { folder in  // see `ByteBuffer.append(string:)`
            try name.bytes.withUnsafeBufferPointer { name in
                try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: folder.count + name.count + 2) { out in
                    let start = out.baseAddress!
                    if let f = folder.baseAddress { start.initialize(from: f, count: folder.count) }
                    start[folder.count] = UInt8(ascii: "/")
                    if let n = name.baseAddress { (start + folder.count + 1).initialize(from: n, count: name.count) }
                    start[folder.count + 1 + name.count] = 0
                    return try UnsafeRawPointer(start).withMemoryRebound(to: CChar.self, capacity: out.count, body)
                }
            }
        }!
    }
}
