import Foundation
import Testing

@testable import CheckoutCore

#if canImport(Glibc)
    import Glibc
#endif

/// SPEC §2.2 and issue 3's hostile documents: each gives a clear error (or a correct result), nothing is fetched,
/// no entity is expanded, and memory stays bounded.
@Suite("XML reader", .serialized)
struct XMLCartStreamTests {
    struct Read {
        var carts: [InputCart]
        var breakOff: CheckoutError?

        /// The XML carts read, as written (decoded by the pipeline) and as their trees (looked into here).
        var tapes: [XMLCartTape] { carts.compactMap { if case .xmlCart(let t) = $0 { return t } else { return nil } } }
        var nodes: [DocNode] { tapes.map { $0.node() } }
    }

    static func read(_ bytes: [UInt8]) throws -> Read {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("xml-\(UUID().uuidString).xml").path
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let stream = InputReader.open(path, name: "t.xml", format: .xml)
        var carts: [InputCart] = []
        while let c = stream.next() { carts.append(c) }
        return Read(carts: carts, breakOff: stream.breakOff)
    }

    static func read(_ text: String) throws -> Read { try read(Array(text.utf8)) }

    static func text(_ node: DocNode?) -> String? {
        if case .text(let t)? = node?.value { return t }
        return nil
    }

    @Test func aCartReadsIntoTheJSONShape() throws {
        let r = try Self.read(
            """
            <?xml version="1.0"?>
            <cart reference="c-1" currency="USD">
              <customer name="A &amp; B &#38; C &lt;&#x263A;&gt; &amp;#38;" email="a@example.com"/>
              <billing_address><first_name>Ann</first_name><country>US</country></billing_address>
              <items>
                <item sku="s-1" quantity="2"/>
                <custom_item name="Engraving" quantity="1" amount="1500" includes_tax="false"/>
              </items>
              <promotion_codes><code>5OFF</code><code>&#53;OFF</code></promotion_codes>
              <shipping_method>standard</shipping_method>
            </cart>
            """)
        #expect(r.breakOff == nil)
        let cart = try #require(r.nodes.first)
        #expect(Self.text(cart["reference"]) == "c-1")
        #expect(Self.text(cart["customer"]?["name"]) == "A & B & C <☺> &#38;")
        #expect(Self.text(cart["billing_address"]?["country"]) == "US")
        #expect(Self.text(cart["shipping_method"]) == "standard")
        guard case .array(let items)? = cart["items"]?.value, case .array(let codes)? = cart["promotion_codes"]?.value
        else {
            Issue.record("items and promotion codes must be arrays")
            return
        }
        #expect(items.count == 2)
        #expect(Self.text(items[1]["type"]) == "custom_item")
        #expect(Self.text(items[1]["price"]?["amount"]) == "1500")
        #expect(items[1].line == 7)
        #expect(codes.map(Self.text) == ["5OFF", "5OFF"])
        // The decoder coerces attribute text: quantity "2" is the integer 2, includes_tax "false" the boolean.
        let draft = CartDecoder.decode(try #require(r.tapes.first))
        #expect(draft.shape.isEmpty)
        #expect(draft.items?[0].quantity?.value == .whole(2))
        #expect(draft.items?[1].includesTax == false)
    }

    @Test func aFeedOfZeroCartsIsFine() throws {
        for doc in ["<carts/>", "<carts>\n</carts>"] {
            let r = try Self.read(doc)
            #expect(r.carts.isEmpty)
            #expect(r.breakOff == nil)
        }
    }

    @Test func aFeedThatBreaksKeepsTheCartsBeforeTheBreak() throws {
        let r = try Self.read(
            "<carts><cart reference=\"a\"/><cart reference=\"b\"/><cart reference=\"c\"><items><item sku=")
        #expect(r.nodes.map { Self.text($0["reference"]) } == ["a", "b"])
        #expect(r.breakOff?.detail.hasPrefix("XML broke off at line 1") == true)
    }

    @Test func aFieldGivenTwiceMakesOnlyThatCartUnreadable() throws {
        let r = try Self.read(
            "<carts><cart reference=\"a\"><reference>b</reference></cart><cart reference=\"c\"/></carts>")
        guard case .unreadable(let e) = r.carts.first else {
            Issue.record("expected an unreadable cart")
            return
        }
        #expect(e.detail.contains("'reference' is given twice"))
        #expect(r.nodes.count == 1)
        #expect(r.breakOff == nil)
    }

    @Test func utf16WithAByteOrderMarkIsAccepted() throws {
        let text =
            "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<cart reference=\"u-1\"><customer name=\"Zoë 😀\"/></cart>"
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in text.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let r = try Self.read(bytes)
        #expect(r.breakOff == nil)
        #expect(Self.text(r.nodes.first?["customer"]?["name"]) == "Zoë 😀")
    }

    @Test(
        "rejected documents say why, and yield no cart",
        arguments: [
            ("", "The document is empty"),
            ("<cart reference=\"z\u{0}\"/>", "Char 0x0 out of allowed range"),
            ("<cart>&nope;</cart>", "Entity 'nope' not defined"),
            (
                "<order/>",
                "Expected a <cart>, a <carts> feed or a purchase order (UBL Order, cXML OrderRequest, openTRANS ORDER), found <order>"
            ),
            ("<cart reference=\"a\"", "XML broke off at line 1"),
            ("<?xml version=\"1.0\"?>\n<!DOCTYPE cart>\n<cart/>", "A DOCTYPE is not allowed (line 2)"),
            // SPEC §12: other documents of the purchase-order standards are named; only cXML's DOCTYPE passes.
            (
                "<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\"/>",
                "a UBL Invoice is not an order"
            ),
            ("<Order xmlns=\"urn:example:not-ubl\"/>", "found <Order> in namespace urn:example:not-ubl"),
            (
                "<ORDERRESPONSE xmlns=\"http://www.opentrans.org/XMLSchema/2.1\"/>",
                "an openTRANS ORDERRESPONSE is not an order"
            ),
            (
                "<!DOCTYPE cXML SYSTEM \"cXML.dtd\">\n<cXML><Message><PunchOutOrderMessage/></Message></cXML>",
                "a cXML PunchOutOrderMessage is a cart sent back to a procurement system, not an order"
            ),
            (
                "<cXML><Request><ProfileRequest/></Request></cXML>",
                "without an OrderRequest is not an order (it holds Request/ProfileRequest)"
            ),
            ("<!DOCTYPE cXML SYSTEM \"cXML.dtd\" []>\n<cXML/>", "A DOCTYPE is not allowed (line 1)"),
            ("<!DOCTYPE cXML PUBLIC \"-//x\" \"cXML.dtd\">\n<cXML/>", "A DOCTYPE is not allowed (line 1)"),
            ("<!DOCTYPE cXML SYSTEM \"cXML.dtd\">\n<cart/>", "A DOCTYPE is allowed only on a cXML document (line 2)"),
            ("<!DOCTYPE Order SYSTEM \"o.dtd\">\n<Order/>", "A DOCTYPE is not allowed (line 1)"),
        ])
    func rejected(document: String, message: String) throws {
        let r = try Self.read(document)
        #expect(r.nodes.isEmpty)
        #expect(r.breakOff?.detail.contains(message) == true, "\(String(describing: r.breakOff?.detail))")
    }

    @Test func invalidUTF8() throws {
        let r = try Self.read(Array("<cart reference=\"".utf8) + [0xC3, 0x28] + Array("\"/>".utf8))
        #expect(r.nodes.isEmpty)
        #expect(r.breakOff?.detail.contains("Input is not proper UTF-8") == true)
    }

    @Test func billionLaughsIsRefusedBeforeAnyExpansion() throws {
        var doc = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n"
        for i in 1...9 {
            doc += "<!ENTITY lol\(i) \"" + String(repeating: "&lol\(i == 1 ? "" : String(i - 1));", count: 10) + "\">\n"
        }
        doc += "]>\n<cart reference=\"&lol9;\"/>\n"
        let r = try Self.read(doc)
        #expect(r.nodes.isEmpty)
        #expect(r.breakOff?.detail.contains("A DOCTYPE is not allowed") == true)
    }

    @Test func quadraticBlowupIsRefused() throws {
        let doc =
            "<?xml version=\"1.0\"?>\n<!DOCTYPE c [<!ENTITY a \"" + String(repeating: "x", count: 50_000)
            + "\">]>\n<cart>"
            + String(repeating: "&a;", count: 50_000) + "</cart>"
        let r = try Self.read(doc)
        #expect(r.nodes.isEmpty)
        #expect(r.breakOff?.detail.contains("A DOCTYPE is not allowed") == true)
    }

    /// A listener on loopback that would see any fetch the parser made.
    final class Listener {
        let fd: Int32
        let port: UInt16

        init() {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var addr = sockaddr_in()
            addr.sin_family = sa_family_t(AF_INET)
            addr.sin_addr.s_addr = inet_addr("127.0.0.1")
            addr.sin_port = 0
            _ = withUnsafePointer(to: &addr) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            listen(fd, 8)
            var bound = sockaddr_in()
            var len = socklen_t(MemoryLayout<sockaddr_in>.size)
            _ = withUnsafeMutablePointer(to: &bound) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) }
            }
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            self.fd = fd
            self.port = UInt16(bigEndian: bound.sin_port)
        }

        /// Whether anything connected.
        var wasContacted: Bool {
            let client = accept(fd, nil, nil)
            if client >= 0 {
                close(client)
                return true
            }
            return false
        }

        deinit { close(fd) }
    }

    @Test(
        "XXE and external DTDs fetch nothing",
        arguments: ["file", "http-entity", "http-dtd", "parameter-entity", "cxml-subset", "cxml-laughs"])
    func externalReferencesFetchNothing(kind: String) throws {
        let listener = Listener()
        let url = "http://127.0.0.1:\(listener.port)/evil"
        let doc: String
        switch kind {
        case "file":
            doc =
                "<?xml version=\"1.0\"?>\n<!DOCTYPE cart [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n<cart reference=\"x\">&xxe;</cart>"
        case "http-entity":
            doc = "<?xml version=\"1.0\"?>\n<!DOCTYPE cart [<!ENTITY xxe SYSTEM \"\(url)\">]>\n<cart>&xxe;</cart>"
        case "http-dtd": doc = "<?xml version=\"1.0\"?>\n<!DOCTYPE cart SYSTEM \"\(url).dtd\">\n<cart reference=\"x\"/>"
        case "cxml-subset":
            doc =
                "<?xml version=\"1.0\"?>\n<!DOCTYPE cXML SYSTEM \"\(url).dtd\" [<!ENTITY xxe SYSTEM \"\(url)\">]>\n<cXML>&xxe;</cXML>"
        case "cxml-laughs":
            doc =
                "<?xml version=\"1.0\"?>\n<!DOCTYPE cXML SYSTEM \"\(url).dtd\" [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>\n<cXML>&c;</cXML>"
        default: doc = "<?xml version=\"1.0\"?>\n<!DOCTYPE cart [<!ENTITY % p SYSTEM \"\(url)\"> %p;]>\n<cart/>"
        }
        let r = try Self.read(doc)
        #expect(r.nodes.isEmpty)
        #expect(r.breakOff?.detail.contains("A DOCTYPE is not allowed") == true)
        #expect(!listener.wasContacted)
        #expect(!(r.breakOff?.detail.contains("root:") ?? false))
    }

    /// The one DOCTYPE cXML documents carry is let through and never read: its URL is on loopback, and the
    /// listener must see no connection while the order is read whole.
    @Test func aCXMLDoctypeIsNeverFetched() throws {
        let listener = Listener()
        let doc = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE cXML SYSTEM "http://127.0.0.1:\(listener.port)/schemas/cXML/1.2.050/cXML.dtd">
            <cXML payloadID="p-1" timestamp="2026-12-01T10:00:00Z">
              <Header><From><Credential domain="NetworkId"><Identity>buyer-1</Identity></Credential></From></Header>
              <Request><OrderRequest><OrderRequestHeader orderID="PO-1"/>
                <ItemOut quantity="2" lineNumber="1"><ItemID><SupplierPartID><![CDATA[sku-1]]></SupplierPartID></ItemID></ItemOut>
              </OrderRequest></Request>
            </cXML>
            """
        let r = try Self.read(doc)
        #expect(r.breakOff == nil, "\(String(describing: r.breakOff?.detail))")
        guard case .purchaseOrder(let po)? = r.carts.first else {
            Issue.record("no purchase order read")
            return
        }
        #expect(po.standard == .cxml)
        #expect(po.orderId?.value == "PO-1")
        #expect(po.buyerIds == ["NetworkId:buyer-1"])
        #expect(po.lines.map { $0.sku?.value } == ["sku-1"])
        #expect(po.lines.first?.quantity?.location.source == "/cXML/Request/OrderRequest/ItemOut/@quantity")
        #expect(!listener.wasContacted)
    }

    @Test func deepNestingIsBounded() throws {
        let doc =
            "<carts><cart>" + String(repeating: "<a>", count: 100_000) + String(repeating: "</a>", count: 100_000)
            + "</cart></carts>"
        let r = try Self.read(doc)
        #expect(r.nodes.isEmpty)
        #expect(r.breakOff?.detail.contains("nested deeper than 64 elements") == true)
    }

    @Test func hugeAttributesAndTextAreBounded() throws {
        let huge = String(repeating: "x", count: 100_000_000)
        let attribute = try Self.read("<cart reference=\"" + huge + "\"/>")
        #expect(attribute.nodes.isEmpty)
        #expect(attribute.breakOff != nil)
        let text = try Self.read("<cart><reference>" + huge + "</reference></cart>")
        #expect(text.nodes.isEmpty)
        #expect(text.breakOff?.detail.contains("A text value longer than 10000000 bytes") == true)
        // Text between an object's fields is counted against the same limit, though it is not kept.
        let between = try Self.read("<cart><reference>r</reference>" + huge + "<currency>EUR</currency></cart>")
        #expect(between.nodes.isEmpty)
        #expect(between.breakOff?.detail.contains("A text value longer than 10000000 bytes") == true)
    }
}

@Suite("NDJSON reader")
struct NDJSONStreamTests {
    static func read(_ text: String) throws -> (carts: [InputCart], breakOff: CheckoutError?) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("nd-\(UUID().uuidString).ndjson").path
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let stream = InputReader.open(path, name: "t.ndjson", format: .ndjson)
        var carts: [InputCart] = []
        // Lines come out as text; the preparing thread parses them, as here (to a tape, looked into as its tree).
        while let c = stream.next() {
            guard case .json(let text) = c else {
                carts.append(c)
                continue
            }
            carts.append(text.parse())
        }
        return (carts, stream.breakOff)
    }

    @Test func linesAreCartsWithTheirLineNumbers() throws {
        let r = try Self.read(
            "\u{FEFF}{\"reference\": \"a\"}\n\n   \n{\"reference\": \"b\", \"items\": [{\"sku\": \"x\"}]}\r\n{broken\n{\"reference\": \"c\"}"
        )
        #expect(r.breakOff == nil)
        #expect(r.carts.count == 4)
        guard case .parsedJSON(let tb) = r.carts[1], case .unreadable(let e) = r.carts[2],
            case .parsedJSON(let tc) = r.carts[3]
        else {
            Issue.record("unexpected cart kinds")
            return
        }
        let (b, c) = (tb.node(), tc.node())
        #expect(b.line == 4)
        #expect(b["items"]?.line == 4)
        #expect(e.line == 5)
        #expect(e.detail.hasSuffix("at line 5, column 2"))
        #expect(c.line == 6)
    }

    @Test func aLineLongerThanTheReadBufferIsOneCart() throws {
        let name = String(repeating: "n", count: 3 << 20)
        let r = try Self.read("{\"reference\": \"a\"}\n{\"reference\": \"" + name + "\"}\n{\"reference\": \"c\"}\n")
        #expect(r.carts.count == 3)
        guard case .parsedJSON(let tape) = r.carts[1], case .string(let s)? = tape.node()["reference"]?.value else {
            Issue.record("no long cart")
            return
        }
        #expect(s.utf8.count == 3 << 20)
    }
}
