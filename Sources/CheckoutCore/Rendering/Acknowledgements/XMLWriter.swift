/// A small XML writer for acknowledgements (SPEC §13): UTF-8, 2-space indentation, elements in the order written,
/// attributes in the order given, a final newline. Text and attribute values are escaped; characters XML 1.0 cannot
/// hold at all (C0 controls but tab, LF, CR) become U+FFFD, so a partner's odd byte never makes our answer unreadable.
struct XMLWriter {
    private var text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    private var depth = 0

    /// A line as it is (a DOCTYPE), at the document's top level.
    mutating func line(_ raw: String) { text += raw + "\n" }

    mutating func open(_ name: String, _ attributes: [(String, String?)] = []) {
        text += indent + "<" + name + Self.attributes(attributes) + ">\n"
        depth += 1
    }

    mutating func close(_ name: String) {
        depth -= 1
        text += indent + "</" + name + ">\n"
    }

    /// `<name attributes>text</name>`; nothing when `value` is nil.
    mutating func element(_ name: String, _ value: String?, _ attributes: [(String, String?)] = []) {
        guard let value else { return }
        text +=
            indent + "<" + name + Self.attributes(attributes) + ">" + Self.escaped(value, quotes: false) + "</" + name
            + ">\n"
    }

    mutating func empty(_ name: String, _ attributes: [(String, String?)] = []) {
        text += indent + "<" + name + Self.attributes(attributes) + "/>\n"
    }

    func finish() -> [UInt8] { Array(text.utf8) }

    private var indent: String { String(repeating: "  ", count: depth) }

    private static func attributes(_ list: [(String, String?)]) -> String {
        list.compactMap { name, value in value.map { " " + name + "=\"" + escaped($0, quotes: true) + "\"" } }.joined()
    }

    static func escaped(_ s: String, quotes: Bool) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where quotes: out += "&quot;"
            case "\t", "\n", "\r": out.unicodeScalars.append(quotes ? "\u{20}" : scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF:
                out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
