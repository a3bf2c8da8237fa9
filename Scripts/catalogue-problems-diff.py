#!/usr/bin/env python3
"""What two builds say about thousands of broken catalogues, compared: for a change to the catalogue loader that must
keep every problem message (file, line and text) as it was.

    python3 Scripts/catalogue-problems-diff.py OLD_BINARY NEW_BINARY [CATALOGUE]

Starting from CATALOGUE (default `samples/catalogue`), each variant breaks one thing: a whole file (missing, not JSON,
the wrong shape, `data` of non-objects), or one field of the first two entries of a file — removed, or set to each of
a dozen wrong values (strings, fractions, negatives, booleans, arrays, objects, null, a number too large, a bad
date) — and one level further into nested objects (prices by currency); duplicated entries; `as_of`. Each variant is
checked with `BINARY check WS --now 2026-11-21T02:00:00Z` by both builds; their exit codes, standard error and
standard output must be equal. Prints the number of variants, of differences (the first five shown) and of distinct
outputs (how much the variants exercise). Exit 1 when any differs. Session 20: 3,375 variants, 768 distinct
outputs, no difference.
"""
import copy
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

BAD_VALUES = ["x", 1.5, -1, True, [], {}, None, 123456789012345678901234567890, 0, "", ["a"], {"USD": 5}, 1e3,
              "2026-13-01T00:00:00Z"]
EXTRA_KEYS = ["gtin", "unit_code", "code", "party_ids", "billing_address", "price", "percent", "gift_sku"]


def variants(base):
    """(file name, kind, content): kind `text` (written as is), `delete` (the file removed) or `json`."""
    for name, doc in base.items():
        for text in ['{"data": [ }', "[]", '{"data": {}}', '{"data": [1, "a", null]}', "{}"]:
            yield name, "text", text
        yield name, "delete", None
        data = doc.get("data")
        entries = data if isinstance(data, list) else [data]

        def edited(i, change):
            d = copy.deepcopy(doc)
            change(d["data"][i] if isinstance(d["data"], list) else d["data"])
            return d

        for i, entry in enumerate(entries[:2]):
            if not isinstance(entry, dict):
                continue
            for key in list(entry) + EXTRA_KEYS:
                if key in entry:
                    yield name, "json", edited(i, lambda e, k=key: e.pop(k))
                for value in BAD_VALUES:
                    yield name, "json", edited(i, lambda e, k=key, v=value: e.__setitem__(k, v))
                if isinstance(entry.get(key), dict):
                    for inner in list(entry[key])[:3]:
                        for value in BAD_VALUES[:8]:
                            yield name, "json", edited(i, lambda e, k=key, n=inner, v=value: e[k].__setitem__(n, v))
                            if isinstance(entry[key][inner], dict):
                                for leaf in list(entry[key][inner]):
                                    yield name, "json", edited(
                                        i, lambda e, k=key, n=inner, f=leaf, v=value: e[k][n].__setitem__(f, v))
        if isinstance(data, list) and data:
            yield name, "json", {**doc, "data": data + [copy.deepcopy(data[0])]}
            yield name, "json", {**doc, "data": []}
        if "as_of" in doc:
            for value in BAD_VALUES:
                yield name, "json", {**doc, "as_of": value}


def check(binary, ws):
    r = subprocess.run([binary, "check", ws, "--now", "2026-11-21T02:00:00Z"], capture_output=True, text=True)
    return r.returncode, r.stderr, r.stdout


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    old, new = sys.argv[1], sys.argv[2]
    source = Path(sys.argv[3] if len(sys.argv) == 4 else Path(__file__).resolve().parent.parent / "samples/catalogue")
    base = {p.name: json.loads(p.read_text()) for p in source.glob("*.json")}
    work = Path(tempfile.mkdtemp(prefix="catalogue-problems-", dir="/dev/shm" if os.path.isdir("/dev/shm") else None))
    ws = work / "ws"
    count, differences, outputs = 0, 0, set()
    try:
        for name, kind, content in variants(base):
            count += 1
            shutil.rmtree(ws, ignore_errors=True)
            (ws / "inbox").mkdir(parents=True)
            shutil.copytree(source, ws / "catalogue")
            path = ws / "catalogue" / name
            if kind == "delete":
                path.unlink()
            elif kind == "text":
                path.write_text(content)
            else:
                path.write_text(json.dumps(content, indent=1))
            a, b = check(old, str(ws)), check(new, str(ws))
            outputs.add(a)
            if a != b:
                differences += 1
                if differences <= 5:
                    print(f"DIFFERENT: {name} ({kind})\n  old: {a}\n  new: {b}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{count} broken catalogues, {differences} different, {len(outputs)} distinct outputs")
    sys.exit(1 if differences else 0)


if __name__ == "__main__":
    main()
