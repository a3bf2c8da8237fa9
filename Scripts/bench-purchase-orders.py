#!/usr/bin/env python3
"""Purchase orders against carts (issue 15): N purchase-order files — UBL, cXML and openTRANS in turn, 5 lines each —
and the same orders as N one-cart `<cart>` XML files, each run in a fresh workspace, alternating, printing the median
time, carts/s and peak RSS of each and their ratio. Target: purchase orders within 1.5x of the `<cart>` path's time,
RSS flat.

    python3 Scripts/bench-purchase-orders.py [--files 10000] [--rounds 3] [--dir /dev/shm/po-bench] [--binary PATH]

Both workspaces convert every order (checked), so the work compared is the same: same partner, addresses, products,
quantities and prices; the purchase orders also state net prices, checked against the catalogue.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys

from tooling import release_binary

NOW = "2026-12-06T02:00:00Z"
PRODUCTS = 50


def catalogue(folder):
    os.makedirs(folder)
    def write(name, data):
        with open(os.path.join(folder, name), "w") as f:
            json.dump(data, f, indent=1)
    write("currencies.json", {"data": [{"code": "EUR", "format": "€{price}", "decimal_point": ",",
                                        "thousand_separator": ".", "decimal_places": 2, "default": True, "enabled": True}]})
    write("products.json", {"data": [
        {"id": f"p-{i}", "sku": f"SKU-{i:03d}", "name": f"Part {i}", "status": "live", "shippable": True,
         "tax_code": "standard", "gtin": f"{4000000000000 + i:013d}", "unit_code": "C62",
         "price": {"EUR": {"amount": 100 + 37 * i, "includes_tax": False}}} for i in range(PRODUCTS)]})
    write("taxes.json", {"data": [{"code": "standard", "jurisdiction": "DE", "name": "MwSt", "rate": 0.19}]})
    write("shipping.json", {"data": [{"id": "parcel", "name": "Parcel", "price": {"EUR": 690}, "countries": [],
                                      "tax_code": "standard", "includes_tax": False}]})
    write("customers.json", {"data": [
        {"id": "c-1", "name": "Büro Schmidt GmbH", "email": "einkauf@schmidt.example", "code": "SCHMIDT",
         "party_ids": ["0088:4000001000005", "NetworkId:AN0100000001", "gln:4000001000005"]}]})
    write("settings.json", {"data": {"default_shipping_method": "parcel"}})


ADDRESS = dict(company="Büro Schmidt GmbH", first="Anna", last="Schmidt", street="Hauptstraße", number="5",
               city="München", zip="80331", country="DE")


def lines(n):
    return [(f"SKU-{(n * 7 + k * 11) % PRODUCTS:03d}", 1 + (n + k) % 4) for k in range(5)]


def price(sku):
    i = int(sku.split("-")[1])
    return f"{(100 + 37 * i) // 100}.{(100 + 37 * i) % 100:02d}"


def ubl(n):
    a = ADDRESS
    body = "".join(
        f'<cac:OrderLine><cac:LineItem><cbc:ID>{k + 1}</cbc:ID><cbc:Quantity unitCode="C62">{q}</cbc:Quantity>'
        f'<cac:Price><cbc:PriceAmount currencyID="EUR">{price(s)}</cbc:PriceAmount></cac:Price><cac:Item>'
        f'<cac:SellersItemIdentification><cbc:ID>{s}</cbc:ID></cac:SellersItemIdentification></cac:Item>'
        f'</cac:LineItem></cac:OrderLine>\n' for k, (s, q) in enumerate(lines(n)))
    return f'''<?xml version="1.0" encoding="UTF-8"?>
<Order xmlns="urn:oasis:names:specification:ubl:schema:xsd:Order-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
<cbc:CustomizationID>urn:fdc:peppol.eu:poacc:trns:order:3</cbc:CustomizationID><cbc:ID>PO-{n}</cbc:ID><cbc:IssueDate>2026-12-01</cbc:IssueDate><cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>
<cac:BuyerCustomerParty><cac:Party><cbc:EndpointID schemeID="0088">4000001000005</cbc:EndpointID><cac:PartyName><cbc:Name>{a["company"]}</cbc:Name></cac:PartyName>
<cac:PostalAddress><cbc:StreetName>{a["street"]}</cbc:StreetName><cbc:BuildingNumber>{a["number"]}</cbc:BuildingNumber><cbc:CityName>{a["city"]}</cbc:CityName><cbc:PostalZone>{a["zip"]}</cbc:PostalZone><cac:Country><cbc:IdentificationCode>{a["country"]}</cbc:IdentificationCode></cac:Country></cac:PostalAddress>
<cac:Person><cbc:FirstName>{a["first"]}</cbc:FirstName><cbc:FamilyName>{a["last"]}</cbc:FamilyName></cac:Person></cac:Party></cac:BuyerCustomerParty>
{body}</Order>
'''


def cxml(n):
    a = ADDRESS
    items = "".join(
        f'<ItemOut quantity="{q}" lineNumber="{k + 1}"><ItemID><SupplierPartID>{s}</SupplierPartID></ItemID><ItemDetail>'
        f'<UnitPrice><Money currency="EUR">{price(s)}</Money></UnitPrice><UnitOfMeasure>C62</UnitOfMeasure></ItemDetail></ItemOut>\n'
        for k, (s, q) in enumerate(lines(n)))
    return f'''<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/1.2.050/cXML.dtd">
<cXML payloadID="{n}@buyer.example" timestamp="2026-12-01T10:00:00Z"><Header><From><Credential domain="NetworkId"><Identity>AN0100000001</Identity></Credential></From>
<To><Credential domain="NetworkId"><Identity>AN02</Identity></Credential></To><Sender><Credential domain="NetworkId"><Identity>AN0100000001</Identity><SharedSecret>s</SharedSecret></Credential><UserAgent>b</UserAgent></Sender></Header>
<Request><OrderRequest><OrderRequestHeader orderID="PO-{n}" orderDate="2026-12-01T10:00:00Z" type="new"><Total><Money currency="EUR">0</Money></Total>
<BillTo><Address><Name>{a["company"]}</Name><PostalAddress><DeliverTo>{a["first"]} {a["last"]}</DeliverTo><Street>{a["street"]} {a["number"]}</Street><City>{a["city"]}</City><PostalCode>{a["zip"]}</PostalCode><Country isoCountryCode="{a["country"]}">Deutschland</Country></PostalAddress></Address></BillTo>
</OrderRequestHeader>
{items}</OrderRequest></Request></cXML>
'''


def opentrans(n):
    a = ADDRESS
    items = "".join(
        f'<ORDER_ITEM><LINE_ITEM_ID>{k + 1}</LINE_ITEM_ID><PRODUCT_ID><SUPPLIER_PID>{s}</SUPPLIER_PID></PRODUCT_ID>'
        f'<QUANTITY>{q}</QUANTITY><ORDER_UNIT>C62</ORDER_UNIT><PRODUCT_PRICE_FIX><PRICE_AMOUNT>{price(s)}</PRICE_AMOUNT>'
        f'</PRODUCT_PRICE_FIX></ORDER_ITEM>\n' for k, (s, q) in enumerate(lines(n)))
    return f'''<?xml version="1.0" encoding="UTF-8"?>
<ORDER xmlns="http://www.opentrans.org/XMLSchema/2.1" version="2.1"><ORDER_HEADER><ORDER_INFO><ORDER_ID>PO-{n}</ORDER_ID><ORDER_DATE>2026-12-01</ORDER_DATE>
<PARTIES><PARTY><PARTY_ID type="gln">4000001000005</PARTY_ID><PARTY_ROLE>buyer</PARTY_ROLE><ADDRESS><NAME>{a["company"]}</NAME>
<CONTACT_DETAILS><FIRST_NAME>{a["first"]}</FIRST_NAME><CONTACT_NAME>{a["last"]}</CONTACT_NAME></CONTACT_DETAILS><STREET>{a["street"]} {a["number"]}</STREET><ZIP>{a["zip"]}</ZIP><CITY>{a["city"]}</CITY><COUNTRY_CODED>{a["country"]}</COUNTRY_CODED></ADDRESS></PARTY></PARTIES>
<CURRENCY>EUR</CURRENCY></ORDER_INFO></ORDER_HEADER><ORDER_ITEM_LIST>
{items}</ORDER_ITEM_LIST></ORDER>
'''


def cart(n):
    a = ADDRESS
    items = "".join(f'<item sku="{s}" quantity="{q}"/>' for s, q in lines(n))
    return f'''<?xml version="1.0" encoding="UTF-8"?>
<cart reference="SCHMIDT-PO-{n}" currency="EUR"><customer id="c-1"/>
<billing_address><first_name>{a["first"]}</first_name><last_name>{a["last"]}</last_name><company_name>{a["company"]}</company_name><line_1>{a["street"]} {a["number"]}</line_1><city>{a["city"]}</city><postcode>{a["zip"]}</postcode><country>{a["country"]}</country></billing_address>
<items>{items}</items><shipping_method>parcel</shipping_method></cart>
'''


def workspace(folder, files, documents):
    catalogue(os.path.join(folder, "catalogue"))
    inbox = os.path.join(folder, "inbox")
    os.makedirs(inbox)
    for n in range(files):
        with open(os.path.join(inbox, f"po-{n:06d}.xml"), "w") as f:
            f.write(documents(n))


def run(binary, source, target):
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target)
    r = subprocess.run(["/usr/bin/time", "-f", "%e %M", binary, "run", target, "--now", NOW, "--quiet", "--jobs", "2"],
                       capture_output=True, text=True)
    seconds, rss = r.stderr.strip().splitlines()[-1].split()
    orders = len(os.listdir(os.path.join(target, "outbox", "orders")))
    shutil.rmtree(target, ignore_errors=True)
    return float(seconds), int(rss) / 1024, orders, r.returncode


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=10000)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--dir", default="/dev/shm/po-bench")
    ap.add_argument("--binary")
    args = ap.parse_args()
    binary = release_binary(args.binary)
    shutil.rmtree(args.dir, ignore_errors=True)
    standards = [ubl, cxml, opentrans]
    workspace(f"{args.dir}/po-src", args.files, lambda n: standards[n % 3](n))
    workspace(f"{args.dir}/cart-src", args.files, cart)
    results = {"purchase orders": [], "<cart> XML": []}
    for _ in range(args.rounds):
        for name, src in (("purchase orders", "po-src"), ("<cart> XML", "cart-src")):
            seconds, rss, orders, rc = run(binary, f"{args.dir}/{src}", f"{args.dir}/run")
            if orders != args.files or rc != 0:
                sys.exit(f"{name}: {orders} orders of {args.files}, exit {rc}")
            results[name].append((seconds, rss))
    print(f"{args.files} files, 5 lines each, --jobs 2, {args.dir} (median of {args.rounds}, alternating)")
    print(f"{'input':<16} {'s':>8} {'carts/s':>9} {'peak RSS MB':>12}")
    med = {}
    for name, runs in results.items():
        s = statistics.median(r[0] for r in runs)
        rss = max(r[1] for r in runs)
        med[name] = s
        print(f"{name:<16} {s:>8.2f} {args.files / s:>9.0f} {rss:>12.1f}")
    print(f"purchase orders / <cart> XML time: {med['purchase orders'] / med['<cart> XML']:.2f} (target <= 1.5)")
    shutil.rmtree(args.dir, ignore_errors=True)


if __name__ == "__main__":
    main()
