#!/usr/bin/env python3
"""Validates every recorded acknowledgement (Fixtures/*/expected/responses) against its standard's schema.

The schemas are not in the repository (their licences are their publishers'); get them once and pass their paths:
  cXML 1.2.050 Fulfill.dtd   e.g. FriendsOfCXML/cxml-php, tests/metadata/cxml/dtd/1.2.050/Fulfill.dtd
  openTRANS 2.1 XSD          e.g. Naugrimm/opentrans, src/schemas/opentrans_2_1.xsd with bmecat_2005.xsd,
                             xmldsig-core-schema.xsd and xmlmime.xsd beside it
Needs xmllint (Debian: libxml2-utils). Never goes to the network (--nonet); the cXML DOCTYPE's URL is not read.

  python3 Scripts/validate-responses.py --cxml-dtd /tmp/dtd/Fulfill.dtd --opentrans-xsd /tmp/xsd/opentrans_2_1.xsd

Exit 0 when every response is valid or a known exception below (an order that was itself not valid under its
schema, so its response cannot name what the order lacks); 1 otherwise.
"""
import argparse
import pathlib
import re
import subprocess
import sys
import tempfile

KNOWN = {
    "43-purchase-order-rejections/expected/responses/inputs/d-opentrans-no-id.xml.1.xml":
        "the order has no ORDER_ID, so the response's is empty",
    "46-purchase-order-resubmissions/expected/responses/SCHMIDT-PO-9.xml":
        "the order names no supplier party, so ORDER_PARTIES_REFERENCE has no SUPPLIER_IDREF",
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cxml-dtd", required=True)
    parser.add_argument("--opentrans-xsd", required=True)
    parser.add_argument("--fixtures", default=str(pathlib.Path(__file__).resolve().parent.parent / "Fixtures"))
    args = parser.parse_args()
    checked, failed = 0, 0
    for path in sorted(pathlib.Path(args.fixtures).glob("*/expected/responses/**/*.xml")):
        text = path.read_text(encoding="utf-8")
        name = str(path.relative_to(args.fixtures))
        if "<cXML" in text:
            with tempfile.NamedTemporaryFile("w", suffix=".xml", delete=False) as f:
                f.write(re.sub(r"<!DOCTYPE[^>]*>", "", text, count=1))
            command = ["xmllint", "--noout", "--nonet", "--dtdvalid", args.cxml_dtd, f.name]
        elif "<ORDERRESPONSE" in text:
            command = ["xmllint", "--noout", "--nonet", "--schema", args.opentrans_xsd, str(path)]
        else:
            continue  # UBL: no OrderResponse schema here; AcknowledgementTests checks the PEPPOL rules it can.
        checked += 1
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode == 0:
            continue
        if name in KNOWN:
            print(f"known: {name}: {KNOWN[name]}")
            continue
        failed += 1
        print(f"INVALID: {name}\n{result.stderr}")
    print(f"{checked} responses checked, {failed} invalid")
    return 1 if failed or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
