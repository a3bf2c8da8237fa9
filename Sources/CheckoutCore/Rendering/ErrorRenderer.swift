/// The error document of SPEC §8: every problem of a rejected cart, with `file` and `line` in each `meta`.
enum ErrorRenderer {
    static func render(_ errors: [CheckoutError], file: String) -> [UInt8] {
        var w = JSONWriter()
        w.beginObject()
        w.key("errors")
        w.beginArray()
        for e in errors {
            w.beginObject()
            w.field("status", Int64(e.status))
            w.field("code", e.code.rawValue)
            w.field("title", e.title)
            w.field("detail", e.detail)
            if let source = e.source { w.field("source", source) }
            w.key("meta")
            w.beginObject()
            for (key, value) in e.meta {
                w.key(text: key)
                switch value {
                case .string(let s): w.string(s)
                case .int(let i): w.int(i)
                case .number(let literal):
                    // Echo the number as written when it is a JSON number; anything else (XML text) as a string.
                    if case .number? = (try? JSONParser.parse(literal))?.value {
                        w.rawNumber(literal)
                    } else {
                        w.string(literal)
                    }
                case .strings(let list):
                    w.beginArray()
                    for s in list { w.string(s) }
                    w.endArray()
                }
            }
            w.field("file", file)
            w.field("line", Int64(e.line))
            w.endObject()
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return w.finish()
    }
}
