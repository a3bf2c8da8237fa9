#!/usr/bin/env python3
"""Throughput of checkout-batch against the I/O floor of the same work (issue 6).

For each size (carts of 3 lines, in JSON, NDJSON and XML files, ~10% faulty, limited stock), in one workspace
template on tmpfs: one reference run records what a run does (its --log-format json events, the size of every
document, the journal), from which a manifest for Scripts/io-floor.c is written. Then, alternating, rounds of
`checkout-batch run --jobs 1`, `--jobs 2` and the floor, each in a fresh copy of the workspace; the median of the
rounds is reported. Instructions per cart come from valgrind --tool=callgrind (stable on a noisy machine) at the
sizes given by --callgrind.

    python3 Scripts/bench-throughput.py                      # 1k and 100k carts, 3 rounds, callgrind at 1k
    python3 Scripts/bench-throughput.py --sizes 1000000 --rounds 1 --callgrind none
    python3 Scripts/bench-throughput.py --sizes 1000,100000,1000000 --callgrind 1000,100000

1M carts write ~18 GB of orders; the workspace lives on /dev/shm (--dir) and each run's outbox is deleted as soon as
it is measured. Prints one table; exits 0.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tooling import release_binary

ROOT = Path(__file__).resolve().parent.parent
NOW = "2026-11-21T02:00:00Z"
GROUP = 256  # GroupReader.groupSize


def build(work):
    binary = Path(release_binary())
    floor = work / "io-floor"
    subprocess.run(["cc", "-O2", "-o", str(floor), str(ROOT / "Scripts/io-floor.c")], check=True)
    return binary, floor


def workload(work, carts):
    """The generated workspace template for this size (made once, then reused)."""
    template = work / f"w{carts}"
    if not (template / "inbox").is_dir():
        shutil.rmtree(template, ignore_errors=True)
        files = max(3, carts // 10000)
        subprocess.run([sys.executable, str(ROOT / "Scripts/generate-workload.py"), str(template), "--carts", str(carts),
                        "--lines", "3", "--files", str(files), "--mix", "--formats", "json,ndjson,xml", "--seed", "6"],
                       check=True, stdout=subprocess.DEVNULL)
    return template


def fresh_copy(template, work):
    ws = Path(tempfile.mkdtemp(dir=work, prefix="run-"))
    shutil.copytree(template / "inbox", ws / "inbox")
    shutil.copytree(template / "catalogue", ws / "catalogue")
    return ws


def timed(command, work):
    """Wall seconds and peak RSS (MB) of a command. GNU time measures the RSS: a child forked from this Python
    process would count Python's own pages in its peak."""
    report = work / "time.txt"
    start = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-o", str(report), "-f", "%M"] + command,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    seconds = time.perf_counter() - start
    if p.returncode not in (0, 1):
        sys.exit(f"{' '.join(map(str, command))} exited {p.returncode}: {p.stderr.decode()}")
    return seconds, int(report.read_text().split()[-1]) / 1024


def manifest(binary, template, work):
    """Runs checkout-batch once and writes what it did as io-floor's manifest."""
    ws = fresh_copy(template, work)
    r = subprocess.run([str(binary), "run", str(ws), "--now", NOW, "--quiet", "--log-format", "json"],
                       capture_output=True, text=True)
    if r.returncode not in (0, 1):
        sys.exit(f"reference run failed: {r.stderr}")
    outbox = ws / "outbox"
    journal = (outbox / ".ledger/journal.ndjson").read_bytes().splitlines(keepends=True)
    lines = []
    in_group = 0
    journal_bytes = 0
    converted = 0
    carts = 0

    def commit():
        nonlocal in_group, journal_bytes
        lines.append(f"commit {journal_bytes}")
        in_group, journal_bytes = 0, 0

    for text in r.stdout.splitlines():
        e = json.loads(text)
        kind = e["event"]
        if kind == "file_started":
            lines.append(f"input {e['file']} archive")
            in_group = 0
        elif kind in ("cart_converted", "cart_rejected", "cart_duplicate"):
            carts += 1
            if kind == "cart_converted":
                name = e["reference"] + ".json"
                lines.append(f"doc orders {name} {(outbox / 'orders' / name).stat().st_size}")
                journal_bytes += len(journal[converted])
                converted += 1
            elif kind == "cart_rejected":
                name = e["name"] + ".json"
                lines.append(f"doc errors {name} {(outbox / 'errors' / name).stat().st_size}")
            in_group += 1
            if in_group == GROUP:
                commit()
        elif kind == "file_finished":
            if in_group:
                commit()
            if e["outcome"] == "rejected":
                name = e["file"] + ".json"
                lines.append(f"doc errors {name} {(outbox / 'errors' / name).stat().st_size}")
                lines.append("commit 0")
                started = max(i for i, l in enumerate(lines) if l.startswith("input "))
                lines[started] = lines[started].replace(" archive", " rejected")
            lines.append("done")
    path = work / f"manifest-{template.name}.txt"
    path.write_text("\n".join(lines) + "\n")
    size = sum(p.stat().st_size for p in (outbox / "orders").iterdir()) / 1e9
    shutil.rmtree(ws)
    return path, carts, size


def callgrind(binary, template, work, jobs, carts):
    ws = fresh_copy(template, work)
    out = work / "callgrind.out"
    subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", str(binary), "run", str(ws),
                    "--now", NOW, "--quiet", "--jobs", str(jobs)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    total = 0
    for line in out.read_text().splitlines():
        if line.startswith(("summary:", "totals:")):
            total = int(line.split()[1])
    shutil.rmtree(ws)
    out.unlink()
    return total / carts


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,100000")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--callgrind", default="1000", help="sizes to count instructions at, or 'none'")
    parser.add_argument("--dir", default="/dev/shm/checkout-bench-throughput")
    args = parser.parse_args()
    work = Path(args.dir)
    work.mkdir(parents=True, exist_ok=True)
    binary, floor = build(work)
    sizes = [int(s) for s in args.sizes.split(",")]
    counted = set() if args.callgrind == "none" else {int(s) for s in args.callgrind.split(",")}
    print(f"checkout-batch vs the I/O floor on {args.dir} ({os.cpu_count()} cores), median of {args.rounds} alternating rounds")
    header = f"{'carts':>9} {'run':>8} {'s':>8} {'carts/s':>9} {'× floor':>8} {'RSS MB':>7} {'Ir/cart':>9}"
    print(header)
    for size in sizes:
        rows = []
        template = workload(work, size)
        path, carts, gigabytes = manifest(binary, template, work)
        times = {"jobs 1": [], "jobs 2": [], "floor": []}
        rss = {k: 0.0 for k in times}
        for _ in range(args.rounds):
            for label in times:
                ws = fresh_copy(template, work)
                if label == "floor":
                    command = [str(floor), str(ws), str(path)]
                else:
                    command = [str(binary), "run", str(ws), "--now", NOW, "--quiet", "--jobs", label[-1]]
                seconds, peak = timed(command, work)
                times[label].append(seconds)
                rss[label] = max(rss[label], peak)
                shutil.rmtree(ws)
        floor_s = statistics.median(times["floor"])
        for label, values in times.items():
            s = statistics.median(values)
            ir = "—"
            if size in counted and label != "floor":
                ir = f"{callgrind(binary, template, work, int(label[-1]), carts):,.0f}"
            rows.append(f"{size:>9,} {label:>8} {s:>8.2f} {carts / s:>9,.0f} {s / floor_s:>8.2f} {rss[label]:>7.1f} {ir:>9}")
        rows.append(f"{'':>9} {'':>8} jobs 2 ÷ jobs 1 speed-up {statistics.median(times['jobs 1']) / statistics.median(times['jobs 2']):.2f}; "
                    f"{carts:,} carts, {gigabytes:.1f} GB of orders; µs/cart at jobs 2: "
                    f"{statistics.median(times['jobs 2']) / carts * 1e6:.1f}")
        print(*rows, sep="\n", flush=True)


if __name__ == "__main__":
    main()
