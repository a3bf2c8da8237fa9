import Foundation
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Every acknowledgement the golden cases record (SPEC §13) is well-formed XML (read by libxml2, which FoundationXML
/// uses on Linux), and the UBL ones keep the rules of PEPPOL BIS Order Response 3 that can be checked here: the
/// required elements, codes from the allowed lists, no lines in a rejection (T76-R009), amounts with the currency's
/// decimals.
@Suite("acknowledgements")
struct AcknowledgementTests {
    /// An element-by-element reading: each element's name with its text and attributes, in document order.
    final class Reading: NSObject, XMLParserDelegate {
        var elements: [(name: String, text: String, attributes: [String: String])] = []
        private var open: [Int] = []

        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            open.append(elements.count)
            elements.append((name, "", attributes))
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if let i = open.last { elements[i].text += string }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            _ = open.popLast()
        }
    }

    static var responses: [String] {
        GoldenTests.cases.flatMap { name -> [String] in
            let folder = GoldenTests.fixtures.appendingPathComponent("\(name)/expected/responses").path
            guard let walker = FileManager.default.enumerator(atPath: folder) else { return [] }
            return walker.compactMap {
                ($0 as? String).flatMap { $0.hasSuffix(".xml") ? "\(name)/expected/responses/\($0)" : nil }
            }
        }.sorted()
    }

    @Test func everyStandardAnswers() {
        let all = Self.responses.joined(separator: "\n")
        #expect(Self.responses.count >= 15)
        for marker in ["OrderResponse", "ConfirmationRequest", "ORDERRESPONSE"] {
            #expect(
                Self.responses.contains { path in
                    (try? String(contentsOf: GoldenTests.fixtures.appendingPathComponent(path), encoding: .utf8))?
                        .contains(marker) == true
                }, "no \(marker) among\n\(all)")
        }
    }

    @Test(arguments: responses)
    func wellFormedAndValid(_ path: String) throws {
        let data = try Data(contentsOf: GoldenTests.fixtures.appendingPathComponent(path))
        #expect(data.last == 0x0A, "\(path) ends without a newline")
        let parser = XMLParser(data: data)
        let reading = Reading()
        parser.delegate = reading
        parser.shouldProcessNamespaces = true
        #expect(parser.parse(), "\(path): \(String(describing: parser.parserError))")
        let names = reading.elements.map(\.name)
        func text(_ name: String) -> String? { reading.elements.first { $0.name == name }?.text }
        switch names.first {
        case "OrderResponse":
            for required in [
                "CustomizationID", "ProfileID", "ID", "IssueDate", "IssueTime", "OrderResponseCode",
                "DocumentCurrencyCode",
            ] {
                #expect(names.contains(required), "\(path) lacks \(required)")
            }
            #expect(text("CustomizationID") == "urn:fdc:peppol.eu:poacc:trns:order_response:3")
            #expect(text("ProfileID") == "urn:fdc:peppol.eu:poacc:bis:ordering:3")
            let code = text("OrderResponseCode") ?? ""
            #expect(["AP", "RE", "CA"].contains(code), "\(path): code \(code)")
            if code == "RE" {
                #expect(!names.contains("OrderLine"), "\(path): a rejection with lines (T76-R009)")
                #expect(names.filter { $0 == "Note" }.count == 1, "\(path): a rejection says why, in one Note")
            }
            #expect(text("IssueTime")?.range(of: #"^\d\d:\d\d:\d\dZ$"#, options: .regularExpression) != nil)
            #expect(text("IssueDate")?.range(of: #"^\d{4}-\d\d-\d\d$"#, options: .regularExpression) != nil)
        case "cXML":
            let header = reading.elements.first { $0.name == "ConfirmationHeader" }
            #expect(["accept", "reject"].contains(header?.attributes["type"] ?? ""), "\(path)")
            #expect(reading.elements.first { $0.name == "OrderReference" }?.attributes["orderID"] != nil)
            for money in reading.elements where money.name == "Money" {
                #expect(
                    money.text.range(of: #"^-?\d+\.\d\d$"#, options: .regularExpression) != nil,
                    "\(path): \(money.text) is not EUR/SEK/CAD with 2 decimals")
            }
        case "ORDERRESPONSE":
            // The openTRANS 2.1 schema's required elements, in its order (Scripts/validate-responses.py checks the
            // whole schema where the XSD is at hand).
            let required = [
                "ORDER_ID", "ORDERRESPONSE_DATE", "PARTIES", "ORDER_PARTIES_REFERENCE", "BUYER_IDREF",
                "ORDERRESPONSE_ITEM_LIST", "ORDERRESPONSE_SUMMARY", "TOTAL_ITEM_NUM",
            ]
            let known = path.hasSuffix("d-opentrans-no-id.xml.1.xml")  // the order had no ORDER_ID
            let at = required.map { names.firstIndex(of: $0) }
            #expect(known || at.allSatisfy { $0 != nil }, "\(path) lacks one of \(required)")
            #expect(at.compactMap { $0 } == at.compactMap { $0 }.sorted(), "\(path): out of the schema's order")
            #expect(names.contains("SUPPLIER_ORDER_ID"))
            for item in reading.elements where item.name == "LINE_ITEM_ID" || item.name == "ORDER_ID" {
                #expect(known || !item.text.isEmpty, "\(path): an empty \(item.name)")
            }
            if names.contains("REMARKS") {
                #expect(
                    reading.elements.filter { $0.name == "QUANTITY" }.allSatisfy { $0.text == "0" },
                    "\(path): a rejection declines every line with quantity 0")
            }
        default:
            Issue.record("\(path): unexpected root \(names.first ?? "none")")
        }
    }
}
