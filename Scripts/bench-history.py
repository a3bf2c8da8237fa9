#!/usr/bin/env python3
"""Time per cart as history grows (issue 18): a long workload run in parts into one workspace, each part's documents
cleared away before the next, so that what grows from the first part to the last is the history alone — the
ledger's journal, index and checkpoint — and not the files the filesystem holds.

    python3 Scripts/bench-history.py TEMPLATE [--parts 10] [--jobs 2] [--binary PATH] [--dir /dev/shm/bench-history]

TEMPLATE holds `inbox/` and `catalogue/`, e.g. the bench's feeds1m (`bench-throughput.py --workloads feeds1m`
generates it in /dev/shm/checkout-bench-throughput/feeds1m). Its inputs, in name order, are split into PARTS runs of
`checkout-batch run … --jobs J`, each timed; between runs the outbox's documents, `archive/` and `rejected/` are
deleted (untimed; the ledger stays, as when an operator moves the outputs away). Prints each part's µs a cart and the
last part against the first.

Why: on the VM this project is measured on, a 1M-cart run writes 15 GB into tmpfs and the plain file operations alone
(`io-floor`) grow 25–55% a cart from 100k to 1M with the host's memory (DECISIONS, "This VM hands freed memory back to
its host"); this asks only whether the program slows with the history it keeps.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from tooling import release_binary

NOW = "2026-11-21T02:00:00Z"
CLEARED = ("outbox/orders", "outbox/errors", "outbox/responses", "outbox/reports", "archive", "rejected")


def carts_in(ws):
    """The carts the run decided, from its report (the only one: `outbox/reports/` is cleared before each part)."""
    reports = sorted((ws / "outbox/reports").glob("*.json"))
    if len(reports) != 1:
        sys.exit(f"{ws}/outbox/reports: {len(reports)} run reports, expected one")
    return json.loads(reports[0].read_text())["counts"]["carts"]


def clear_outputs(ws):
    for folder in CLEARED:
        shutil.rmtree(ws / folder, ignore_errors=True)
    os.sync()


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("template")
    p.add_argument("--parts", type=int, default=10)
    p.add_argument("--jobs", type=int, default=2)
    p.add_argument("--binary")
    p.add_argument("--dir", default="/dev/shm/bench-history")
    a = p.parse_args()
    binary = release_binary(a.binary)
    template = Path(a.template)
    names = sorted(os.listdir(template / "inbox"))
    if len(names) < a.parts:
        sys.exit(f"{template}/inbox: {len(names)} inputs, fewer than {a.parts} parts")
    ws = Path(a.dir)
    shutil.rmtree(ws, ignore_errors=True)
    (ws / "inbox").mkdir(parents=True)
    shutil.copytree(template / "catalogue", ws / "catalogue")
    per_cart, total = [], 0
    for part in range(a.parts):
        clear_outputs(ws)
        for name in names[part * len(names) // a.parts:(part + 1) * len(names) // a.parts]:
            shutil.copy(template / "inbox" / name, ws / "inbox" / name)
        os.sync()
        start = time.perf_counter()
        run = subprocess.run([binary, "run", str(ws), "--now", NOW, "--quiet", "--jobs", str(a.jobs)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        seconds = time.perf_counter() - start
        if run.returncode not in (0, 1):
            sys.exit(f"part {part + 1} exited {run.returncode}: {run.stderr.decode()}")
        carts = carts_in(ws)
        per_cart.append(seconds / carts * 1e6)
        print(f"part {part + 1:>2}: {carts:,} carts in {seconds:.2f} s, {per_cart[-1]:.1f} µs a cart "
              f"(after {total:,} in the ledger)", flush=True)
        total += carts
    print(f"last part ÷ first: {per_cart[-1] / per_cart[0]:.2f}", end="")
    if a.parts >= 6:
        print(f"; median of the last three ÷ median of the first three: "
              f"{sorted(per_cart[-3:])[1] / sorted(per_cart[:3])[1]:.2f}", end="")
    print()
    shutil.rmtree(ws, ignore_errors=True)


if __name__ == "__main__":
    main()
