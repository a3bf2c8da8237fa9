import Foundation
import Testing

@testable import CheckoutCore

/// An XML cart is decoded from its `XMLCartTape`, which reads as the JSON shape without making a tree; its tree
/// (`node()`, the raw elements mapped by `XMLCartShape.cart`, as XML carts were decoded before) must give the same
/// draft, field by field, location by location, for every XML cart the golden fixtures and samples hold and for
/// the spellings that take the shape's odd paths (custom items, lists written as text, fields given as elements
/// and as attributes, wrong types).
@Suite("XML carts decoded from the tape as from a tree")
struct XMLCartTapeTests {
    static let spellings = [
        #"<cart reference="r-1" currency="EUR"><items><item sku="a" quantity="2"/></items></cart>"#,
        """
        <cart><items>
          <custom_item name="Engraving" quantity="1" amount="1500" includes_tax="false" shippable="0"/>
          <custom_item quantity="1"><includes_tax>yes</includes_tax><amount> 7 </amount><type>item</type></custom_item>
          <custom_item>just text</custom_item>
          <item><type>custom_item</type><name>n</name><quantity>1.5</quantity></item>
          <gift sku="g"/>
          <item/>
        </items></cart>
        """,
        #"<cart><items>   </items><promotion_codes> </promotion_codes></cart>"#,
        #"<cart><items>not items</items><promotion_codes>X</promotion_codes></cart>"#,
        #"<cart><promotion_codes><code>A</code><x>B</x><code><y/></code></promotion_codes></cart>"#,
        """
        <cart reference=" r " updated_at="yesterday"><customer><name>Zoë</name><email/></customer>
        <billing_address><country>FR</country><postcode> 75001 </postcode><line_1><b>bold</b></line_1></billing_address>
        <payment status="pending" amount="-3"><currency>EUR</currency></payment><shipping_method/></cart>
        """,
        #"<cart><payment amount="99999999999999999999"/><items><item quantity="1e400"/></items></cart>"#,
        "<cart/>",
        "<cart>text only</cart>",
        #"<carts><cart reference="a"/><cart reference="b"><items><item sku="s" quantity="3"/></items></cart></carts>"#,
    ]

    @Test("hand-written spellings", arguments: spellings)
    func spelling(_ text: String) throws {
        let read = try XMLCartStreamTests.read(text)
        #expect(!read.tapes.isEmpty, "\(text)")
        for tape in read.tapes { Self.expectSameDraft(tape, in: "spelling") }
    }

    @Test("every XML cart of the golden fixtures and samples")
    func fixtures() throws {
        var carts = 0
        for (path, full) in JSONTapeTests.fixtureInputs(endingWith: [".xml"]) {
            let stream = InputReader.open(full, name: path, format: .xml)
            while let cart = stream.next() {
                guard case .xmlCart(let tape) = cart else { continue }
                Self.expectSameDraft(tape, in: path)
                carts += 1
            }
        }
        #expect(carts > 10)
    }

    static func expectSameDraft(_ tape: XMLCartTape, in name: String) {
        let fromTape = CartDecoder.decode(tape)
        let fromTree = CartDecoder.decode(tape.node())
        #expect(JSONTapeTests.describe(fromTape) == JSONTapeTests.describe(fromTree), "\(name)")
        #expect(fromTape.shape.errors == fromTree.shape.errors, "\(name)")
        let tree = tape.node()
        expectSameDocument(tape, tape.root, tree, tree, at: "data", in: name)
    }

    /// Every name a cart's shape knows, asked of every object: the tape must answer as its tree does, whether or not
    /// today's decoder asks (a custom item's own `amount`, say, is its price's).
    static let keys =
        XMLCartShape.cartFields + XMLCartShape.customerFields + XMLCartShape.addressFields + XMLCartShape.paymentFields
        + XMLCartShape.itemFields + XMLCartShape.lists
        + ["customer", "billing_address", "shipping_address", "payment", "price", "code", "item", "custom_item"]

    static func expectSameDocument(
        _ tape: XMLCartTape, _ t: XMLCartTape.Node, _ tree: DocNode, _ n: DocNode, at path: String, in name: String
    ) {
        #expect(tape.kind(of: t) == tree.kind(of: n), "\(name) \(path)")
        #expect(tape.line(of: t) == tree.line(of: n), "\(name) \(path)")
        #expect(tape.order(of: t) == tree.order(of: n), "\(name) \(path)")
        #expect(tape.text(of: t) == tree.text(of: n), "\(name) \(path)")
        let (a, b) = (tape.elements(of: t), tree.elements(of: n))
        #expect(a.count == b.count, "\(name) \(path)")
        for (i, (x, y)) in zip(a, b).enumerated() {
            expectSameDocument(tape, x, tree, y, at: "\(path).\(i)", in: name)
        }
        for key in keys {
            switch (tape.member(key, of: t), tree.member(key, of: n)) {
            case (nil, nil): continue
            case (let x?, let y?): expectSameDocument(tape, x, tree, y, at: "\(path).\(key)", in: name)
            default: Issue.record("\(name) \(path).\(key): present one way only")
            }
        }
    }
}
