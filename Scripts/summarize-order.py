#!/usr/bin/env python3
"""Prints an order document as a compact table, for reviewing golden files by eye."""
import json, sys
for path in sys.argv[1:]:
    d = json.load(open(path))
    o = d["data"]
    dp = o["meta"]["display_price"]
    print(f"== {path}: {o['status']}/{o['payment']}  " + "  ".join(f"{k}={v['amount']}" for k, v in dp.items()))
    for it in d["included"]["items"]:
        m = it["meta"]["display_price"]
        print(f"   {it['sku']:<16} q={it['quantity']:<3} unit={it['unit_price']['amount']:<7} value={it['value']['amount']:<7} "
              + " ".join(f"{k}={m[k]['value']['amount']}" for k in m))
    for t in d["included"]["tax_items"]:
        print(f"   tax {t['jurisdiction']:<6} {t['rate']} = {t['value']['amount']}")
