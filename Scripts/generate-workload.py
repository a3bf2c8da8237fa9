#!/usr/bin/env python3
"""Writes a deterministic checkout-batch workspace: a catalogue and an inbox of generated carts.

    Scripts/generate-workload.py OUT_DIR --carts N [--skus M] [--lines K] [--seed S] [--faulty 0.1]
                                 [--formats ndjson,xml,json] [--files F]

The same carts (same seed) are written in every requested format, so formats can be compared on equal work:
`feed.ndjson`, `feed.xml` (a <carts> feed) and `feed.json` ({"data": [...]}), or F files of each when --files > 1.
Carts mix currencies (USD, GBP, CAD, JPY), tax-inclusive and -exclusive prices, several tax rates (US-CA, GB,
CA + CA-BC, JP), promotion codes and an automatic promotion, limited stock on a few skus, and about --faulty of
them carry a fault (unknown sku, bad email, missing address line, expired promotion, bad quantity).
Every cart is dated updated_at 2026-11-20T09:00:00Z and the inventory as of 2026-11-20: run it with
--now 2026-11-21T02:00:00Z (as every benchmark here does); with a clock more than settings.cart_ttl_days (7) later,
the carts are cart_expired.
--mix gives each of the --files one format, in turn (feed-0000.json, feed-0001.ndjson, feed-0002.xml, …) instead
of every format for every file; --broken-xml adds feed-broken.xml, a feed cut off inside its last cart.
--extra-bytes B adds a `notes` field of about B bytes to each cart: the descriptions and tracking data partner
carts carry and checkout ignores (SPEC §2.1: unknown fields are ignored), to reach realistic cart sizes.
"""
import argparse
import json
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cart_xml import cart_xml  # noqa: E402

CURRENCIES = [
    {"code": "USD", "format": "${price}", "decimal_point": ".", "thousand_separator": ",", "decimal_places": 2, "default": True, "enabled": True},
    {"code": "GBP", "format": "£{price}", "decimal_point": ".", "thousand_separator": ",", "decimal_places": 2, "default": False, "enabled": True},
    {"code": "CAD", "format": "C${price}", "decimal_point": ".", "thousand_separator": ",", "decimal_places": 2, "default": False, "enabled": True},
    {"code": "JPY", "format": "¥{price}", "decimal_point": ".", "thousand_separator": ",", "decimal_places": 0, "default": False, "enabled": True},
]
ADDRESSES = {
    "USD": {"first_name": "Ron", "last_name": "Swanson", "line_1": "1234 Disney Drive", "city": "Anaheim", "region": "CA", "postcode": "92802", "country": "US"},
    "GBP": {"first_name": "Mary", "last_name": "Poppins", "line_1": "17 Cherry Tree Lane", "city": "London", "postcode": "SW1A 1AA", "country": "GB"},
    "CAD": {"first_name": "John", "last_name": "Doe", "line_1": "800 Robson St", "city": "Vancouver", "region": "BC", "postcode": "V6Z 2E6", "country": "CA"},
    "JPY": {"first_name": "Hanako", "last_name": "Yamada", "line_1": "1-1 Chiyoda", "city": "Chiyoda-ku", "region": "Tokyo", "postcode": "100-0001", "country": "JP"},
}
TAXES = [
    {"code": "standard", "jurisdiction": "US-CA", "name": "California Sales Tax", "rate": 0.0725},
    {"code": "standard", "jurisdiction": "GB", "name": "UK VAT", "rate": 0.20},
    {"code": "shipping", "jurisdiction": "GB", "name": "UK VAT", "rate": 0.20},
    {"code": "standard", "jurisdiction": "CA", "name": "GST", "rate": 0.05},
    {"code": "standard", "jurisdiction": "CA-BC", "name": "BC PST", "rate": 0.07},
    {"code": "shipping", "jurisdiction": "CA", "name": "GST", "rate": 0.05},
    {"code": "standard", "jurisdiction": "JP", "name": "Consumption Tax", "rate": 0.10},
]


def catalogue(rng, skus, carts):
    products = []
    for i in range(skus):
        base = rng.randrange(300, 20000)
        inclusive = i % 3 == 0
        products.append({
            "id": f"00000000-0000-4000-8000-{i:012d}", "sku": f"sku-{i:05d}", "name": f"Product {i}", "status": "live",
            "shippable": i % 10 != 9, "tax_code": "standard",
            "price": {"USD": {"amount": base, "includes_tax": inclusive}, "GBP": {"amount": base * 8 // 10, "includes_tax": True},
                      "CAD": {"amount": base * 13 // 10}, "JPY": {"amount": base * 15 // 10 // 100 * 100 or 100}},
        })
    # A few skus are scarce, so carts compete for them; the rest are plentiful or not stock-managed.
    inventory = [{"sku": f"sku-{i:05d}", "available": (5 if i < 3 else carts * 3)} for i in range(0, skus, 2)]
    promotions = [
        {"id": "10000000-0000-4000-8000-000000000001", "code": "10PCT", "name": "10% off", "type": "percent_discount", "percent": 10, "skus": []},
        {"id": "10000000-0000-4000-8000-000000000002", "code": "5OFF", "name": "5 off", "type": "fixed_discount",
         "amount": {"USD": 500, "GBP": 400, "CAD": 600, "JPY": 500}, "min_subtotal": {"USD": 2000, "GBP": 1600, "CAD": 2500, "JPY": 2000}, "skus": []},
        {"id": "10000000-0000-4000-8000-000000000003", "code": "FREESHIP", "name": "Free shipping", "type": "free_shipping", "skus": []},
        {"id": "10000000-0000-4000-8000-000000000004", "code": "SUMMER", "name": "Summer", "type": "percent_discount", "percent": 20, "skus": [],
         "starts_at": "2026-06-01T00:00:00Z", "ends_at": "2026-08-31T23:59:59Z"},
        {"id": "10000000-0000-4000-8000-000000000005", "name": "Every fifth sku 12.5% off", "type": "percent_discount", "percent": 12.5,
         "automatic": True, "skus": [f"sku-{i:05d}" for i in range(0, skus, 5)]},
    ]
    shipping = [{"id": "standard", "name": "Standard Shipping", "price": {"USD": 1000, "GBP": 800, "CAD": 1200, "JPY": 1000},
                 "countries": [], "free_over": {"USD": 10000, "GBP": 8000, "CAD": 12000, "JPY": 10000}, "tax_code": "shipping"}]
    return {
        "currencies.json": {"data": CURRENCIES},
        "products.json": {"data": products},
        "inventory.json": {"as_of": "2026-11-20T00:00:00Z", "data": inventory},
        "taxes.json": {"data": TAXES},
        "promotions.json": {"data": promotions},
        "shipping.json": {"data": shipping},
        "customers.json": {"data": [{"id": "c8c1c511-2ee3-4bb6-8d5c-7a2b9e1f0001", "name": "John Doe", "email": "john@example.com"}]},
        "settings.json": {"data": {"cart_ttl_days": 7, "max_items": 100, "max_quantity": 10000}},
    }


WORDS = "soft cotton blend gift wrap requested delivery window weekday morning loyalty tier gold campaign autumn".split()


def cart(rng, n, skus, lines, faulty, extra):
    currency = rng.choice(["USD", "USD", "GBP", "CAD", "JPY"])
    address = dict(ADDRESSES[currency])
    items = [{"sku": f"sku-{rng.randrange(skus):05d}", "quantity": rng.randrange(1, 4)} for _ in range(lines)]
    c = {"reference": f"gen-{n:08d}", "currency": currency, "updated_at": "2026-11-20T09:00:00Z",
         "customer": {"name": "Generated Customer", "email": f"customer{n}@example.com"},
         "billing_address": address, "items": items, "shipping_method": "standard"}
    if extra:
        notes = []
        while sum(len(w) + 1 for w in notes) < extra:
            notes.append(rng.choice(WORDS))
        c["notes"] = " ".join(notes)
    roll = rng.random()
    if roll < 0.3:
        c["promotion_codes"] = [rng.choice(["10PCT", "5OFF", "FREESHIP"])]
    if rng.random() < faulty:
        fault = rng.randrange(5)
        if fault == 0:
            items[0]["sku"] = "no-such-sku"
        elif fault == 1:
            c["customer"]["email"] = "not-an-email"
        elif fault == 2:
            del address["line_1"]
        elif fault == 3:
            c["promotion_codes"] = ["SUMMER"]
        else:
            items[-1]["quantity"] = 1.5
    return c


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("out")
    p.add_argument("--carts", type=int, required=True)
    p.add_argument("--skus", type=int, default=500)
    p.add_argument("--lines", type=int, default=3)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--faulty", type=float, default=0.1)
    p.add_argument("--formats", default="ndjson,xml")
    p.add_argument("--files", type=int, default=1)
    p.add_argument("--extra-bytes", type=int, default=0)
    p.add_argument("--mix", action="store_true")
    p.add_argument("--broken-xml", action="store_true")
    a = p.parse_args()
    rng = random.Random(a.seed)
    os.makedirs(os.path.join(a.out, "catalogue"), exist_ok=True)
    os.makedirs(os.path.join(a.out, "inbox"), exist_ok=True)
    for name, doc in catalogue(rng, a.skus, a.carts).items():
        with open(os.path.join(a.out, "catalogue", name), "w", encoding="utf-8") as f:
            json.dump(doc, f, ensure_ascii=False, indent=1)
    formats = a.formats.split(",")
    per_file = -(-a.carts // a.files)
    for index in range(a.files):
        suffix = "" if a.files == 1 else f"-{index:04d}"
        chosen = [formats[index % len(formats)]] if a.mix else formats
        handles = {fmt: open(os.path.join(a.out, "inbox", f"feed{suffix}.{fmt}"), "w", encoding="utf-8") for fmt in chosen}
        if "xml" in handles:
            handles["xml"].write('<?xml version="1.0" encoding="UTF-8"?>\n<carts>\n')
        if "json" in handles:
            handles["json"].write('{"data": [\n')
        first = True
        for n in range(index * per_file, min(a.carts, (index + 1) * per_file)):
            c = cart(rng, n, a.skus, a.lines, a.faulty, a.extra_bytes)
            if "ndjson" in handles:
                handles["ndjson"].write(json.dumps(c, ensure_ascii=False) + "\n")
            if "xml" in handles:
                handles["xml"].write("  " + cart_xml(c).replace("\n", "\n  ") + "\n")
            if "json" in handles:
                handles["json"].write(("" if first else ",\n") + json.dumps(c, ensure_ascii=False))
            first = False
        if "xml" in handles:
            handles["xml"].write("</carts>\n")
        if "json" in handles:
            handles["json"].write("\n]}\n")
        for h in handles.values():
            h.close()
    if a.broken_xml:
        carts = [cart(rng, a.carts + k, a.skus, a.lines, 0, 0) for k in range(3)]
        text = '<?xml version="1.0" encoding="UTF-8"?>\n<carts>\n' + "".join("  " + cart_xml(c).replace("\n", "\n  ") + "\n" for c in carts)
        with open(os.path.join(a.out, "inbox", "feed-broken.xml"), "w", encoding="utf-8") as f:
            f.write(text[: text.rindex("<items>") + 12])


if __name__ == "__main__":
    main()
