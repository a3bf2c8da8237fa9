#!/usr/bin/env python3
"""Mutation fuzzing of checkout-batch's readers and checks (issue 13): hostile input gets a clear error, never a
crash, a hang or a lost file.

    python3 Scripts/fuzz.py [--documents 200000] [--batch 5000] [--seed 1] [--binary PATH] [--keep DIR] [--dir DIR]
                            [--catalogue DIR] [--only TEXT] [--jobs-also 1,3]
    python3 Scripts/fuzz.py --only orders --catalogue Fixtures/40-ubl-orders/catalogue   # purchase orders

Takes every cart document of Fixtures/ and samples/ (JSON, NDJSON, XML) as seeds and writes mutated copies —
bytes flipped, inserted, deleted, duplicated or spliced from another seed; truncation; numbers made huge,
negative, fractional or zero-padded; strings made long, empty or full of control characters and odd Unicode;
deep nesting; repeated keys; elements renamed — deterministic for a seed. Each batch of documents is one inbox,
run once with `checkout-batch run`, and checked:

- the process exits 0 or 1 (never a signal, 74 or a hang) and its peak RSS stays under 512 MB;
- the inbox is empty and every input is in archive/ or rejected/ exactly once, under its own name;
- the report lists every input once; every input in rejected/ has errors/inputs/<name>.json;
- every document written (orders, errors, inventory, report) is valid JSON, every error has status, code,
  title and detail, and the report's counts add up (orders + rejected + duplicates = carts);
- no temporary file is left;
- with --jobs-also, the same batch run again at each of those `--jobs` gives the same outbox byte for byte
  (orders, errors, acknowledgements, inventory, report; the ledger aside) and moves each input to the same folder.

Prints the figures and every violation (with the batch's seed, to reproduce it); exit 1 on any.
"""
import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from xml.etree import ElementTree

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from tooling import release_binary  # noqa: E402

NOW = "2026-11-21T02:00:00Z"
EXTENSIONS = (".json", ".ndjson", ".jsonl", ".xml")
MAX_RSS_KB = 512 * 1024


def seeds(only=None):
    out = []
    for base in (os.path.join(ROOT, "Fixtures"), os.path.join(ROOT, "samples")):
        for folder, _, names in os.walk(base):
            if "/inbox" not in folder + "/" or "/expected" in folder:
                continue
            for n in sorted(names):
                if n.lower().endswith(EXTENSIONS) and (not only or only in os.path.join(folder, n)):
                    data = open(os.path.join(folder, n), "rb").read()
                    if len(data) < 2_000_000:
                        out.append((os.path.splitext(n)[1].lower(), data))
    return out


ODD = ["\u0000", "\u0007", "\t", "\r\n", "\u0085", "\u00a0", "\u2028", "\ufeff", "é", "東京", "😀", "\\u0000", "\\ud800",
       "\"", "\\", "<", "&amp;", "&#0;", "]]>", "%", "\u202e"]
NUMBERS = [b"0", b"-1", b"1.5", b"2.0", b"1e400", b"-0", b"99999999999999999999", b"0." + b"0" * 80 + b"1",
           b"1" * 70, b"9223372036854775807", b"9223372036854775808", b"-9223372036854775808", b"1E2", b"0.000001"]


def mutate(rng, data, others):
    data = bytearray(data)
    for _ in range(rng.choice([1, 1, 1, 2, 3, 5])):
        # Value-level mutations more often than byte-level ones, so most documents still parse and reach the checks.
        kind = rng.choice([0, 1, 2, 3, 4, 5, 9, 12, 13] + [6, 7, 8, 10, 11] * 4)
        n = len(data)
        if n == 0:
            data += rng.choice(others)
            continue
        i = rng.randrange(n)
        if kind == 0:  # flip a byte
            data[i] = rng.randrange(256)
        elif kind == 1:  # insert random bytes
            data[i:i] = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 8)))
        elif kind == 2:  # delete a range
            del data[i:i + rng.randrange(1, 64)]
        elif kind == 3:  # duplicate a range
            j = min(n, i + rng.randrange(1, 200))
            data[j:j] = data[i:j]
        elif kind == 4:  # splice from another seed
            o = rng.choice(others)
            if o:
                a = rng.randrange(len(o))
                data[i:i + rng.randrange(0, 100)] = o[a:a + rng.randrange(1, 300)]
        elif kind == 5:  # truncate
            del data[rng.randrange(n):]
        elif kind == 6:  # replace a number
            digits = [k for k in range(n) if 48 <= data[k] <= 57]
            if digits:
                k = rng.choice(digits)
                e = k
                while e < n and (48 <= data[e] <= 57 or data[e] in b".eE+-"):
                    e += 1
                data[k:e] = rng.choice(NUMBERS)
        elif kind == 7:  # odd text inside a string or element
            data[i:i] = rng.choice(ODD).encode("utf-8", "surrogatepass")
        elif kind == 8:  # a long string
            data[i:i] = b"x" * rng.choice([256, 300, 5000, 70000])
        elif kind == 9:  # deep nesting
            depth = rng.choice([10, 63, 65, 200, 300])
            data[i:i] = (b"[" * depth + b"]" * depth) if rng.random() < 0.5 else (b"<a>" * depth + b"</a>" * depth)
        elif kind == 10:  # repeat a key or attribute
            q = data.find(b'"', i)
            e = data.find(b'":', q + 1) if q >= 0 else -1
            if q >= 0 and 0 < e - q < 40:
                key = data[q:e + 2]
                data[e + 2:e + 2] = b" 1, " + key
        elif kind == 11:  # null, true, false, {} or [] in place of a value
            c = data.find(b": ", i)
            if c >= 0:
                e = c + 2
                while e < n and data[e] not in b",}]\n":
                    e += 1
                data[c + 2:e] = rng.choice([b"null", b"true", b"{}", b"[]", b'""', b'"  "', b"-5", b'"2"'])
        elif kind == 12:  # rename an element or key
            data[i:i + 4] = rng.choice([b"item", b"cart", b"data", b"type", b"sku\"", b"carts"])
        else:  # a byte-order mark or UTF-16
            data = bytearray(rng.choice([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b""])) + data
    return bytes(data)


def walk_files(root):
    out = []
    for folder, _, names in os.walk(root):
        for n in names:
            out.append(os.path.relpath(os.path.join(folder, n), root))
    return out


def check_batch(ws, names, code, rss_kb, elapsed, seed):
    problems = []
    say = lambda text: problems.append(f"batch seed {seed}: {text}")
    if code not in (0, 1):
        say(f"exit {code}")
    if rss_kb > MAX_RSS_KB:
        say(f"peak RSS {rss_kb // 1024} MB")
    inbox = os.listdir(os.path.join(ws, "inbox"))
    if inbox:
        say(f"{len(inbox)} inputs left in the inbox: {sorted(inbox)[:5]}")
    archived = os.listdir(os.path.join(ws, "archive")) if os.path.isdir(os.path.join(ws, "archive")) else []
    rejected = os.listdir(os.path.join(ws, "rejected")) if os.path.isdir(os.path.join(ws, "rejected")) else []
    moved = sorted(archived + rejected)
    if moved != sorted(names):
        say(f"moved inputs differ: {len(moved)} moved of {len(names)}; e.g. {sorted(set(names) ^ set(moved))[:5]}")
    outbox = os.path.join(ws, "outbox")
    for rel in walk_files(outbox):
        base = os.path.basename(rel)
        if base.startswith(".tmp-") or rel.endswith(".grow"):
            say(f"temporary file left: {rel}")
        if rel.startswith(".ledger") or rel.endswith(".html"):
            continue
        if rel.startswith("responses/"):
            # Acknowledgements (SPEC §13) are XML in the partner's standard: each must be well-formed.
            try:
                ElementTree.parse(os.path.join(outbox, rel))
            except Exception as e:  # noqa: BLE001
                say(f"{rel} is not well-formed XML: {e}")
            continue
        try:
            doc = json.load(open(os.path.join(outbox, rel), "rb"))
        except Exception as e:  # noqa: BLE001
            say(f"{rel} is not valid JSON: {e}")
            continue
        if rel.startswith("errors/"):
            errors = doc.get("errors") if isinstance(doc, dict) else None
            if not errors or not all(isinstance(e, dict) and {"status", "code", "title", "detail"} <= set(e) for e in errors):
                say(f"{rel} is not a complete error document")
    for name in rejected:
        if not os.path.exists(os.path.join(outbox, "errors", "inputs", name + ".json")):
            say(f"rejected input {name} has no errors/inputs/{name}.json")
    reports = [r for r in os.listdir(os.path.join(outbox, "reports")) if r.endswith(".json")] if os.path.isdir(os.path.join(outbox, "reports")) else []
    if len(reports) != 1:
        say(f"{len(reports)} reports")
    else:
        report = json.load(open(os.path.join(outbox, "reports", reports[0])))
        files = sorted(i["file"] for i in report["inputs"])
        if files != sorted(names):
            say("the report does not list every input once")
        c = report["counts"]
        if c["orders"] + c["rejected"] + c["duplicates"] != c["carts"]:
            say(f"counts do not add up: {c}")
        return problems, c
    return problems, None


def outcome(ws):
    """A finished batch's results: every outbox file's bytes (the ledger and the staging folders aside) and where
    each input went."""
    out = {}
    outbox = os.path.join(ws, "outbox")
    for rel in walk_files(outbox):
        if not rel.startswith(".ledger") and not rel.startswith(".staging"):
            out["outbox/" + rel] = open(os.path.join(outbox, rel), "rb").read()
    for folder in ("archive", "rejected"):
        for name in os.listdir(os.path.join(ws, folder)) if os.path.isdir(os.path.join(ws, folder)) else []:
            out[folder + "/" + name] = b""
    return out


def differences(first, again, jobs, seed):
    """What a run at another --jobs gave differently (at most five named)."""
    names = sorted(set(first) ^ set(again)) + sorted(k for k in set(first) & set(again) if first[k] != again[k])
    return [f"batch seed {seed}: --jobs {jobs} gave a different {name}" for name in names[:5]] + (
        [f"batch seed {seed}: --jobs {jobs}: {len(names) - 5} more differences"] if len(names) > 5 else [])


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--documents", type=int, default=200_000)
    p.add_argument("--batch", type=int, default=5000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--binary", help="a checkout-batch executable (default: build the release one)")
    p.add_argument("--keep", help="copy the workspace of every failing batch here")
    p.add_argument("--dir", help="where the workspaces go (default: /dev/shm when there is one, else a temporary folder)")
    p.add_argument("--catalogue", default=os.path.join(ROOT, "Fixtures", "_catalogue"),
                   help="the catalogue folder (e.g. Fixtures/40-ubl-orders/catalogue, whose partners let purchase "
                        "orders reach every check)")
    p.add_argument("--only", help="only seeds whose path contains this text (e.g. 'orders' for the purchase orders)")
    p.add_argument("--jobs-also", help="comma-separated --jobs values each batch is also run at, its outbox compared "
                                       "with the first run's (SPEC: the same inputs give the same outbox for any --jobs)")
    a = p.parse_args()
    a.binary = release_binary(a.binary)
    also = a.jobs_also.split(",") if a.jobs_also else []
    pool = seeds(a.only)
    others = [d for _, d in pool]
    print(f"{len(pool)} seed documents; {a.documents} mutated documents in batches of {a.batch}, seed {a.seed}")
    base = tempfile.mkdtemp(prefix="fuzz-", dir=a.dir or ("/dev/shm" if os.path.isdir("/dev/shm") else None))
    total = {"documents": 0, "carts": 0, "orders": 0, "rejected": 0, "duplicates": 0, "inputs_rejected": 0}
    problems = []
    peak = 0
    slowest = 0.0
    started = time.monotonic()
    try:
        batch = 0
        while total["documents"] < a.documents:
            seed = a.seed * 1_000_003 + batch
            rng = random.Random(seed)
            ws = os.path.join(base, f"b{batch}")
            os.makedirs(os.path.join(ws, "inbox"))
            shutil.copytree(a.catalogue, os.path.join(ws, "catalogue"))
            names = []
            for i in range(min(a.batch, a.documents - total["documents"])):
                ext, data = rng.choice(pool)
                name = f"m{batch:04d}-{i:05d}{ext}"
                open(os.path.join(ws, "inbox", name), "wb").write(mutate(rng, data, others))
                names.append(name)
            # The batch as written, for the runs at other --jobs.
            pristine = os.path.join(base, f"b{batch}-inputs")
            if also:
                shutil.copytree(ws, pristine)
            t = time.monotonic()
            proc = subprocess.Popen([a.binary, "run", ws, "--now", NOW, "--quiet"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            deadline = t + 600
            # Reaped here, not by Popen, so that the child's own peak RSS can be read.
            while True:
                pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
                if pid:
                    break
                if time.monotonic() > deadline:
                    proc.kill()
                    problems.append(f"batch seed {seed}: hung (killed after 600 s)")
                    pid, status, usage = os.wait4(proc.pid, 0)
                    break
                time.sleep(0.02)
            code = os.waitstatus_to_exitcode(status)
            proc.returncode = code
            rss = usage.ru_maxrss
            elapsed = time.monotonic() - t
            found, counts = check_batch(ws, names, code, rss, elapsed, seed)
            if also:
                first = outcome(ws)
                for jobs in also:
                    again = os.path.join(base, f"b{batch}-jobs{jobs}")
                    shutil.copytree(pristine, again)
                    subprocess.run([a.binary, "run", again, "--now", NOW, "--quiet", "--jobs", jobs],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=600)
                    found += differences(first, outcome(again), jobs, seed)
                    shutil.rmtree(again, ignore_errors=True)
                shutil.rmtree(pristine, ignore_errors=True)
            problems += found
            peak = max(peak, rss)
            slowest = max(slowest, elapsed)
            total["documents"] += len(names)
            if counts:
                for k in ("carts", "orders", "rejected", "duplicates", "inputs_rejected"):
                    total[k] += counts[k]
            if found and a.keep:
                shutil.copytree(ws, os.path.join(a.keep, f"b{batch}"))
            shutil.rmtree(ws, ignore_errors=True)
            batch += 1
            print(f"  batch {batch}: {len(names)} documents, exit {code}, {elapsed:.1f} s, peak RSS {rss // 1024} MB, "
                  f"{len(found)} problems", flush=True)
    finally:
        shutil.rmtree(base, ignore_errors=True)
    print(f"{total['documents']} documents in {time.monotonic() - started:.0f} s: {total['carts']} carts read, "
          f"{total['orders']} orders, {total['rejected']} rejected carts, {total['duplicates']} duplicates, "
          f"{total['inputs_rejected']} unreadable inputs; peak RSS {peak // 1024} MB; slowest batch {slowest:.1f} s")
    for line in problems[:50]:
        print("  " + line)
    print(f"{len(problems)} invariant violations")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
