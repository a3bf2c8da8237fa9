import Foundation
import Testing

@testable import CheckoutCore

/// The canonical form decides what a resubmitted cart is (SPEC §11): its digest is kept in the ledger, so a change to
/// these bytes would make every cart already converted look changed. Pinned whole.
@Suite("Canonical form of a cart")
struct CartCanonicalFormTests {
    static let cart = #"""
        {"currency": "EUR", "reference": "canon-1", "updated_at": "2026-11-20T09:00:00.5Z",
         "customer": {"email": "a@b.c", "name": "Zoë"},
         "billing_address": {"first_name": "Ann", "last_name": "Lee", "line_1": "1 Rue", "country": "fr",
                             "postcode": "75001", "city": "Paris"},
         "items": [{"sku": "sku-1", "quantity": 2.0},
                   {"type": "custom_item", "sku": "gift", "name": "Wrap", "quantity": 1.5,
                    "price": {"amount": 250, "includes_tax": true}, "shippable": false}],
         "promotion_codes": ["5OFF"], "shipping_method": "standard",
         "payment": {"gateway": "manual", "status": "paid", "amount": 1000, "currency": "EUR"}}
        """#

    @Test func theBytesOfAFullCart() throws {
        let draft = CartDecoder.decode(try JSONParser.parse(Self.cart))
        let text = String(decoding: draft.canonical, as: UTF8.self)
        #expect(
            text
                == "reference=7:canon-1;currency=3:EUR;updated_at=20:1795165200.500000000;customer.name=4:Zoë;"
                + "customer.email=5:a@b.c;billing=0:;billing.city=5:Paris;billing.country=2:fr;"
                + "billing.first_name=3:Ann;billing.last_name=3:Lee;billing.line_1=5:1 Rue;billing.postcode=5:75001;"
                + "items=1:2;item=1:0;kind=9:catalogue;sku=5:sku-1;quantity=1:2;item=1:1;kind=6:custom;sku=4:gift;"
                + "name=4:Wrap;quantity!=3:1.5;amount=3:250;includes_tax=4:true;shippable=5:false;"
                + "promotion_code=4:5OFF;shipping_method=8:standard;payment.gateway=6:manual;payment.status=4:paid;"
                + "payment.amount=4:1000;payment.currency=3:EUR;")
        // Key order, white space and number spelling do not count.
        let respelled = Self.cart.replacingOccurrences(of: "2.0", with: "2").replacingOccurrences(of: "\n", with: " ")
        #expect(CartDecoder.decode(try JSONParser.parse(respelled)).canonical == draft.canonical)
    }

    /// A purchase order's form (SPEC §12), pinned the same way: the PEPPOL example of the golden fixtures.
    @Test func theBytesOfAPurchaseOrder() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "../../../Fixtures/40-ubl-orders/inbox/peppol-order.xml"
        ).standardized.path
        let read = try XMLCartStreamTests.read(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
        guard case .purchaseOrder(let po)? = read.carts.first else {
            Issue.record("no purchase order read")
            return
        }
        let draft = PurchaseOrderIntake.draft(po, catalogue: TestCatalogue.catalogue(products: []))
        #expect(
            String(decoding: draft.canonical, as: UTF8.self)
                == "order_id=12:PO-2026/0042;currency=3:SEK;shipping=0:;field=4:city;value=9:Göteborg;field=12:company_n"
                + "ame;value=15:Johnssons lager;field=7:country;value=2:SE;field=10:first_name;value=10:Anna Maria;fiel"
                + "d=12:instructions;value=28:Gate 4, ring the bell & wait;field=9:last_name;value=4:Lind;field=6:line_"
                + "1;value=16:Industrigatan 12;field=12:phone_number;value=14:+46 31 123 456;field=8:postcode;value=5:4"
                + "1101;line=19:gtin:01234567890123;quantity=2:10;unit=3:LTR;price=3:100;price_quantity=1:2;line=8:PAPE"
                + "R-A4;quantity=1:3;unit=2:PK;price=4:55.2;")
    }
}
