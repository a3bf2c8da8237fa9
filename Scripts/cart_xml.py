#!/usr/bin/env python3
"""Writes JSON cart documents as XML carts and feeds (SPEC §2.2), the same information under the same names.

Used to make the XML twins of golden fixtures and the XML half of generated feeds:
    Scripts/cart_xml.py IN.json OUT.xml      ({"data": cart} → <cart>, {"data": [...]} → <carts>)
Scalar cart fields become attributes of <cart> (shipping_method a child element, as in SPEC's example);
addresses are elements whose children carry the fields; items are empty elements with attributes.
"""
import json
import sys
from xml.sax.saxutils import escape, quoteattr

SCALARS = ["reference", "currency", "updated_at", "created_at"]


def text(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def attrs(obj, keys=None):
    keys = keys if keys is not None else list(obj)
    return "".join(f" {k}={quoteattr(text(obj[k]))}" for k in keys if k in obj and obj[k] is not None)


def cart_xml(cart, indent="  "):
    i1, i2 = indent, indent * 2
    out = [f"<cart{attrs(cart, SCALARS)}>"]
    if isinstance(cart.get("customer"), dict):
        out.append(f"{i1}<customer{attrs(cart['customer'])}/>")
    for key in ("billing_address", "shipping_address"):
        address = cart.get(key)
        if isinstance(address, dict):
            fields = "".join(f"<{k}>{escape(text(v))}</{k}>" for k, v in address.items() if v is not None)
            out.append(f"{i1}<{key}>{fields}</{key}>")
    if "items" in cart and cart["items"] is not None:
        out.append(f"{i1}<items>")
        for item in cart["items"]:
            item = dict(item)
            kind = item.pop("type", None)
            if kind == "custom_item":
                price = item.pop("price", {}) or {}
                item.update({k: v for k, v in price.items() if k in ("amount", "includes_tax")})
                out.append(f"{i2}<custom_item{attrs(item)}/>")
            else:
                out.append(f"{i2}<item{attrs(item)}/>")
        out.append(f"{i1}</items>")
    if cart.get("promotion_codes") is not None:
        codes = "".join(f"<code>{escape(text(c))}</code>" for c in cart["promotion_codes"])
        out.append(f"{i1}<promotion_codes>{codes}</promotion_codes>")
    if cart.get("shipping_method") is not None:
        out.append(f"{i1}<shipping_method>{escape(text(cart['shipping_method']))}</shipping_method>")
    if isinstance(cart.get("payment"), dict):
        out.append(f"{i1}<payment{attrs(cart['payment'])}/>")
    known = set(SCALARS) | {"customer", "billing_address", "shipping_address", "items", "promotion_codes", "shipping_method", "payment"}
    for key, value in cart.items():  # other scalar fields (ignored by checkout) as child elements
        if key not in known and isinstance(value, (str, int, float, bool)):
            out.append(f"{i1}<{key}>{escape(text(value))}</{key}>")
    out.append("</cart>")
    return "\n".join(out)


def document(data):
    if isinstance(data, list):
        body = "\n".join("  " + cart_xml(c).replace("\n", "\n  ") for c in data)
        return f'<?xml version="1.0" encoding="UTF-8"?>\n<carts>\n{body}\n</carts>\n'
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + cart_xml(data) + "\n"


if __name__ == "__main__":
    source, target = sys.argv[1], sys.argv[2]
    with open(source, encoding="utf-8") as f:
        data = json.load(f)["data"]
    with open(target, "w", encoding="utf-8") as f:
        f.write(document(data))
