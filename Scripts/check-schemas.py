#!/usr/bin/env python3
"""Checks Schemas/ against every fixture and sample, and against the program itself.

The schemas promise: a cart that validates is never rejected for its shape. So for every cart of every case
(Fixtures/*/inbox*, the XML cases' JSON twins, samples/inbox) this script runs checkout-batch on the case and
requires, cart by cart, that the schema accepts the cart exactly when the program found no shape problem in it
(SPEC §4 step 1, the text rules, the fields every cart needs). Business checks (catalogue, stock, the country's
address rules) are the program's alone and are ignored here. Every catalogue file, and every expected
outbox/inventory.json, must validate against its schema. XML is validated with libxml2 (the library the program
reads XML with) through ctypes: whole documents, and each <cart> of a feed on its own.

    python3 Scripts/check-schemas.py --binary .build/debug/checkout-batch

Needs the `jsonschema` package (Scripts/ensure-deps.sh installs it). Exit 0 when everything agrees, 1 otherwise,
with one line per disagreement.
"""
import argparse
import ctypes
import ctypes.util
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from decimal import Decimal, InvalidOperation
from pathlib import Path

import jsonschema

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "Schemas"
DEFAULT_NOW = "2026-11-21T02:00:00Z"
REFERENCE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
INT64_MAX = 2**63 - 1

# Error codes that always mean "the shape is wrong"; the rest are business or country rules unless noted.
SHAPE_CODES = {"invalid_document", "type", "enum", "too_long", "amount_overflow"}
COUNTRY_FIELDS = {"city", "region", "postcode"}
# What XSD 1.0 cannot say (it has no "this attribute or that one"), so cart.xsd lets these through and the program
# alone rejects them: a reference given neither as attribute nor as element, a guest without name or email, an
# item with neither sku nor product_id. libxml2 implements XSD 1.0 only (no assertions).
XSD_GAPS = [re.compile(p) for p in (r"data\.reference", r"data\.customer\.(name|email)", r"data\.items\.\d+\.sku")]


class LibXML2Schema:
    """An XSD loaded by libxml2, validating documents held in memory."""

    class Error(ctypes.Structure):
        _fields_ = [("domain", ctypes.c_int), ("code", ctypes.c_int), ("message", ctypes.c_char_p)]

    def __init__(self, path):
        lib = ctypes.CDLL(ctypes.util.find_library("xml2") or "libxml2.so.2")
        for name, res, args in [
            ("xmlSchemaNewParserCtxt", ctypes.c_void_p, [ctypes.c_char_p]),
            ("xmlSchemaParse", ctypes.c_void_p, [ctypes.c_void_p]),
            ("xmlSchemaNewValidCtxt", ctypes.c_void_p, [ctypes.c_void_p]),
            ("xmlReadMemory", ctypes.c_void_p, [ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_int]),
            ("xmlSchemaValidateDoc", ctypes.c_int, [ctypes.c_void_p, ctypes.c_void_p]),
            ("xmlFreeDoc", None, [ctypes.c_void_p]),
            ("xmlSchemaSetValidStructuredErrors", None, [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p]),
            ("xmlSetStructuredErrorFunc", None, [ctypes.c_void_p, ctypes.c_void_p]),
        ]:
            f = getattr(lib, name)
            f.restype, f.argtypes = res, args
        self.lib = lib
        self.messages = []
        handler_type = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.POINTER(LibXML2Schema.Error))
        self.handler = handler_type(self._record)  # kept alive as long as the object
        lib.xmlSetStructuredErrorFunc(None, ctypes.cast(self.handler, ctypes.c_void_p))
        parser = lib.xmlSchemaNewParserCtxt(str(path).encode())
        schema = lib.xmlSchemaParse(parser)
        if not schema:
            sys.exit(f"libxml2 cannot load {path}: {' '.join(self.messages)}")
        self.context = lib.xmlSchemaNewValidCtxt(schema)
        lib.xmlSchemaSetValidStructuredErrors(self.context, ctypes.cast(self.handler, ctypes.c_void_p), None)

    def _record(self, _ctx, error):
        message = error.contents.message
        self.messages.append((message or b"").decode("utf-8", "replace").strip())

    def validate(self, data, name="cart.xml"):
        """None when valid, else the first message (also "not well-formed" documents)."""
        self.messages = []
        no_net = 1 << 11
        doc = self.lib.xmlReadMemory(data, len(data), name.encode(), None, no_net)
        if not doc:
            return "not well-formed: " + (self.messages[0] if self.messages else "?")
        rc = self.lib.xmlSchemaValidateDoc(self.context, doc)
        self.lib.xmlFreeDoc(doc)
        return None if rc == 0 else (self.messages[0] if self.messages else f"libxml2 returned {rc}")


def input_format(name):
    """What the inbox takes a file for (Inbox.swift): None for the files a run ignores."""
    lower = name.lower()
    if name.startswith((".", "~")) or lower.endswith((".tmp", ".part", ".partial")):
        return None
    if lower.endswith(".json"):
        return "json"
    if lower.endswith((".ndjson", ".jsonl")):
        return "ndjson"
    return "xml" if lower.endswith(".xml") else None


def json_validator(path):
    schema = json.loads(path.read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def first_error(validator, instance):
    error = next(iter(sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path))), None)
    if error is None:
        return None
    where = ".".join(str(p) for p in error.absolute_path) or "(document)"
    return f"{where}: {error.message[:160]}"


class DuplicateKey(ValueError):
    pass


def strict_json(text):
    """Parses like the program: a repeated key makes the document invalid."""
    def pairs(items):
        keys = [k for k, _ in items]
        if len(keys) != len(set(keys)):
            raise DuplicateKey("duplicate key")
        return dict(items)
    return json.loads(text, object_pairs_hook=pairs)


def lookup(cart, source):
    """The value at an error's `source` (data.items.2.quantity) in a cart read by Python, or None."""
    node = cart
    for part in source.split(".")[1:]:
        if isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        elif isinstance(node, dict) and part in node:
            node = node[part]
        else:
            return None
    return node


def is_shape_problem(error, cart):
    code, source, detail = error["code"], error.get("source") or "", error.get("detail", "")
    field = source.rsplit(".", 1)[-1]
    if code == "invalid_quantity":
        # Over the catalogue's limit is a business rule; negative, fractional or absurd is the shape.
        value = lookup(cart, source)
        try:
            d = Decimal(str(value).strip())
            return not (d >= 0 and d == d.to_integral_value() and d <= INT64_MAX)
        except (InvalidOperation, ValueError):
            return True
    if code in SHAPE_CODES:
        return not (code == "enum" and field in COUNTRY_FIELDS and ".items." not in source)
    if code in ("required", "format"):
        if field in COUNTRY_FIELDS and "address" in source and "control characters" not in detail:
            return False  # the country's own rules (Google's data)
        return True
    return False


PURCHASE_ORDER_ROOTS = {
    "{urn:oasis:names:specification:ubl:schema:xsd:Order-2}Order",
    "cXML",
    "ORDER",
    "{http://www.opentrans.org/XMLSchema/2.1}ORDER",
}


def purchase_order_root(data):
    """Whether the document's root is one SPEC §12 reads as a purchase order (UBL Order, cXML, openTRANS ORDER)."""
    parser = ET.XMLPullParser(events=("start",))
    try:
        parser.feed(data[:65536])
        for _, element in parser.read_events():
            return element.tag in PURCHASE_ORDER_ROOTS
    except ET.ParseError:
        return False
    return False


def xml_carts(data):
    """The <cart> elements of an XML document, as Python objects and as standalone documents; stops at a break."""
    parser = ET.XMLPullParser(events=("start", "end"))
    depth, carts = 0, []
    try:
        parser.feed(data)
        parser.close()
    except ET.ParseError:
        pass
    try:
        for event, element in parser.read_events():
            if event == "start":
                depth += 1
                continue
            depth -= 1
            if element.tag == "cart" and depth <= 1:
                carts.append(element)
    except ET.ParseError:
        pass
    return carts


def xml_cart_as_json(element):
    """Enough of the JSON shape to look up an error's source (quantities, addresses) in an XML cart."""
    cart = dict(element.attrib)
    for child in element:
        if child.tag == "items":
            cart["items"] = [dict(i.attrib) for i in child]
        elif len(child):
            cart[child.tag] = {g.tag: (g.text or "") for g in child}
        elif child.attrib:
            cart[child.tag] = dict(child.attrib)
        else:
            cart[child.tag] = child.text or ""
    return cart


class Checker:
    def __init__(self, binary):
        self.binary = binary
        self.cart_schema = json_validator(SCHEMAS / "cart.schema.json")
        self.cart_line_schema = jsonschema.Draft202012Validator({"$ref": "#/$defs/cart", "$defs": self.cart_schema.schema["$defs"]})
        self.catalogue = {p.name.replace(".schema.json", ".json"): json_validator(p)
                          for p in sorted((SCHEMAS / "catalogue").glob("*.schema.json"))}
        self.xsd = LibXML2Schema(SCHEMAS / "cart.xsd")
        self.problems = []
        self.counts = {"catalogue files": 0, "purchase orders": 0, "carts": 0, "schema-valid carts": 0, "documents": 0, "XSD 1.0 gaps": 0,
                       "broken catalogue files": 0}

    def problem(self, text):
        self.problems.append(text)

    # Catalogue files and expected inventory.json

    def check_catalogue_folder(self, folder):
        for path in sorted(folder.glob("*.json")):
            validator = self.catalogue.get(path.name)
            if validator is None:
                self.problem(f"{path.relative_to(ROOT)}: no schema for this catalogue file")
                continue
            self.counts["catalogue files"] += 1
            error = first_error(validator, json.loads(path.read_text()))
            if error:
                self.problem(f"{path.relative_to(ROOT)}: {error}")

    def check_broken_catalogues(self):
        """One broken rule per catalogue file: the schema rejects it and the program stops with exit 78."""
        def first(doc):
            return doc["data"][0] if isinstance(doc["data"], list) else doc["data"]
        breaks = [
            ("currencies.json", "no code", lambda d: first(d).pop("code")),
            ("products.json", "a negative price", lambda d: first(d)["price"]["USD"].__setitem__("amount", -1)),
            ("products.json", "an 11-digit gtin", lambda d: first(d).__setitem__("gtin", "12345678901")),
            ("products.json", "a unit_code in lower case", lambda d: first(d).__setitem__("unit_code", "ea")),
            ("inventory.json", "no as_of", lambda d: d.pop("as_of")),
            ("taxes.json", "a jurisdiction in lower case", lambda d: first(d).__setitem__("jurisdiction", "us-ca")),
            ("promotions.json", "an unknown type", lambda d: first(d).__setitem__("type", "bogus")),
            ("shipping.json", "a price that is not per currency", lambda d: first(d).__setitem__("price", 1000)),
            ("customers.json", "no email", lambda d: first(d).pop("email")),
            ("customers.json", "party_ids without a code", lambda d: first(d).__setitem__("party_ids", ["GLN:1"])),
            ("customers.json", "a code with a space", lambda d: first(d).__setitem__("code", "A B")),
            ("settings.json", "max_items 0", lambda d: d["data"].__setitem__("max_items", 0)),
            ("settings.json", "document_prices 'sometimes'", lambda d: d["data"].__setitem__("document_prices", "sometimes")),
            ("settings.json", "a negative price_tolerance", lambda d: d["data"].__setitem__("price_tolerance", -1)),
        ]
        for name, what, damage in breaks:
            document = json.loads((ROOT / "Fixtures/_catalogue" / name).read_text())
            damage(document)
            if first_error(self.catalogue[name], document) is None:
                self.problem(f"catalogue/{name} with {what}: the schema accepts it")
            with tempfile.TemporaryDirectory() as ws:
                shutil.copytree(ROOT / "Fixtures/_catalogue", f"{ws}/catalogue")
                Path(f"{ws}/catalogue/{name}").write_text(json.dumps(document))
                os.mkdir(f"{ws}/inbox")
                r = subprocess.run([self.binary, "check", ws, "--now", DEFAULT_NOW], capture_output=True)
                if r.returncode != 78:
                    self.problem(f"catalogue/{name} with {what}: checkout-batch check exited {r.returncode}, not 78")
            self.counts["broken catalogue files"] += 1

    def check_country_lists(self):
        source = (ROOT / "Sources/CheckoutCore/Resources/AddressRulesData.swift").read_text()
        data = json.loads(re.search(r'##"""\n(.*)\n"""##', source, re.S).group(1))
        google = sorted(data["countries"])
        lists = self.cart_schema.schema["$defs"]["country"]["anyOf"]
        in_json = [c for branch in lists for c in branch["enum"]]
        in_xsd = re.findall(r'<xs:enumeration value="([A-Za-z]{2})"/>', (SCHEMAS / "cart.xsd").read_text())
        expected = google + [c.lower() for c in google]
        if in_json != expected or in_xsd != expected:
            self.problem("Schemas: the country lists differ from the address rules the program uses")

    # Carts

    def run_program(self, catalogue, inbox_files, now):
        """Runs checkout-batch on one round in a fresh workspace; returns {error document name: document}."""
        with tempfile.TemporaryDirectory() as ws:
            shutil.copytree(catalogue, f"{ws}/catalogue")
            os.mkdir(f"{ws}/inbox")
            for f in inbox_files:
                shutil.copy(f, f"{ws}/inbox/{f.name}")
            r = subprocess.run([self.binary, "run", ws, "--now", now, "--quiet"], capture_output=True, text=True)
            if r.returncode not in (0, 1):
                self.problem(f"checkout-batch run on {inbox_files[0].parent.relative_to(ROOT)} exited {r.returncode}: {r.stderr.strip()}")
            errors = {}
            # References' documents, and those of inputs and of carts without a reference (errors/inputs/, SPEC §8).
            for p in list(Path(f"{ws}/outbox/errors").glob("*.json")) + list(Path(f"{ws}/outbox/errors/inputs").glob("*.json")):
                errors[p.name[:-5]] = json.loads(p.read_text())
            return errors

    def compare(self, where, name, cart, schema_error, errors, xml=False):
        self.counts["carts"] += 1
        document = errors.get(name)
        shape = [e for e in (document or {}).get("errors", []) if is_shape_problem(e, cart)]
        if xml and schema_error is None and shape and all(
                e["code"] == "required" and any(g.fullmatch(e.get("source") or "") for g in XSD_GAPS) for e in shape):
            self.counts["XSD 1.0 gaps"] += 1
            return
        if schema_error is None:
            self.counts["schema-valid carts"] += 1
            if shape:
                e = shape[0]
                self.problem(f"{where} ({name}): the schema accepts it but the program reports "
                             f"{e['code']} at {e.get('source')}: {e['detail']}")
        elif not shape:
            self.problem(f"{where} ({name}): the schema rejects it ({schema_error}) but the program finds no shape problem")

    def check_round(self, catalogue, inbox, now):
        files = sorted((p for p in inbox.iterdir() if p.is_file() and input_format(p.name)), key=lambda p: p.name.encode())
        errors = self.run_program(catalogue, files, now)
        for path in files:
            where = str(path.relative_to(ROOT))
            data = path.read_bytes()
            self.counts["documents"] += 1
            if input_format(path.name) == "xml" and purchase_order_root(data):
                # A partner's purchase order (SPEC §12) is held to its own standard, not to cart.xsd.
                self.counts["purchase orders"] += 1
                continue
            if input_format(path.name) == "xml":
                self.check_xml(where, path.name, data, errors)
            elif input_format(path.name) == "ndjson":
                for n, line in enumerate([l for l in data.split(b"\n") if l.strip()], start=1):
                    try:
                        cart = strict_json(line)
                    except ValueError:
                        self.expect_unreadable(where, f"{path.name}.{n}", errors)
                        continue
                    self.check_json_cart(where, path.name, n, cart, self.cart_line_schema, errors)
            else:
                self.check_json_document(where, path.name, data, errors)

    def expect_unreadable(self, where, name, errors):
        codes = [e["code"] for e in errors.get(name, {}).get("errors", [])]
        if "invalid_document" not in codes:
            self.problem(f"{where} ({name}): not JSON to Python, but the program did not report invalid_document")

    def check_json_document(self, where, file, data, errors):
        try:
            document = strict_json(data.decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            self.expect_unreadable(where, file, errors)
            return
        whole = first_error(self.cart_schema, document)
        payload = document.get("data") if isinstance(document, dict) else None
        if not isinstance(payload, (dict, list)):
            if whole is None:
                self.problem(f"{where}: the schema accepts a document without a cart in `data`")
            self.expect_unreadable(where, file, errors)
            return
        carts = payload if isinstance(payload, list) else [payload]
        line_errors = [self.check_json_cart(where, file, n, c, self.cart_line_schema, errors)
                       for n, c in enumerate(carts, start=1)]
        if (whole is None) != all(e is None for e in line_errors):
            self.problem(f"{where}: the whole document and its carts disagree about validity")

    def check_json_cart(self, where, file, position, cart, validator, errors):
        schema_error = first_error(validator, cart)
        reference = cart.get("reference") if isinstance(cart, dict) else None
        name = reference if isinstance(reference, str) and REFERENCE.fullmatch(reference) else f"{file}.{position}"
        self.compare(where, name, cart, schema_error, errors)
        return schema_error

    def check_xml(self, where, file, data, errors):
        whole = self.xsd.validate(data, file)
        broken = "invalid_document" in [e["code"] for e in errors.get(file, {}).get("errors", [])]
        if broken and whole is None:
            self.problem(f"{where}: the program could not read it, but it validates against cart.xsd")
        cart_errors = []
        for n, element in enumerate(xml_carts(data), start=1):
            schema_error = self.xsd.validate(ET.tostring(element), f"{file}#{n}")
            cart_errors.append(schema_error)
            reference = element.get("reference") or element.findtext("reference")
            name = reference if reference and REFERENCE.fullmatch(reference) else f"{file}.{n}"
            self.compare(where, name, xml_cart_as_json(element), schema_error, errors, xml=True)
        if not broken and (whole is None) != all(e is None for e in cart_errors):
            self.problem(f"{where}: the whole document ({whole or 'valid'}) and its carts disagree about validity")

    # Cases

    def check_case(self, case):
        catalogue = case / "catalogue"
        if not catalogue.is_dir():
            catalogue = ROOT / "Fixtures/_catalogue"
        with tempfile.TemporaryDirectory() as tmp:
            current = Path(tmp) / "catalogue"
            shutil.copytree(catalogue, current)
            rounds = [case / "inbox"] + sorted(p for p in case.glob("inbox.*") if p.is_dir())
            for run, inbox in enumerate(rounds, start=1):
                update = case / f"catalogue.{run}"
                if update.is_dir():
                    for f in update.iterdir():
                        shutil.copy(f, current / f.name)
                    self.check_catalogue_folder(update)
                now_file = case / ("now" if run == 1 else f"now.{run}")
                now = now_file.read_text().strip() if now_file.exists() else DEFAULT_NOW
                self.check_round(current, inbox, now)
            twin = case / "twin" / "inbox"
            if twin.is_dir():
                self.check_round(current, twin, DEFAULT_NOW)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binary", required=True, help="the built checkout-batch executable")
    args = parser.parse_args()
    checker = Checker(os.path.abspath(args.binary))
    checker.check_country_lists()
    checker.check_broken_catalogues()
    for folder in [ROOT / "Fixtures/_catalogue", ROOT / "samples/catalogue"] + sorted(ROOT.glob("Fixtures/*/catalogue")):
        checker.check_catalogue_folder(folder)
    for inventory in sorted(ROOT.glob("Fixtures/*/expected/inventory.json")):
        error = first_error(checker.catalogue["inventory.json"], json.loads(inventory.read_text()))
        if error:
            checker.problem(f"{inventory.relative_to(ROOT)}: {error}")
    for case in sorted(p for p in (ROOT / "Fixtures").iterdir() if (p / "inbox").is_dir()):
        checker.check_case(case)
    checker.check_case(ROOT / "samples")
    summary = ", ".join(f"{v} {k}" for k, v in checker.counts.items())
    for p in checker.problems:
        print(p)
    print(f"check-schemas: {summary}; {len(checker.problems)} disagreements")
    return 1 if checker.problems else 0


if __name__ == "__main__":
    sys.exit(main())
