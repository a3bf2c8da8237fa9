#!/usr/bin/env python3
"""Throughput of checkout-batch against the I/O floor of the same work, on tmpfs and on a real disk (issue 18).

Workloads (`--workloads`, comma-separated):
    files5k    5,000 one-cart JSON files (a drop folder)
    feeds10k   10,000 carts of 3 lines in 10 JSON, NDJSON and XML feeds (callgrind's size: start-up is ~1% of it)
    feeds100k  100,000 carts of 3 lines in 10 JSON, NDJSON and XML feeds, ~10% faulty, limited stock
    feeds1m    1,000,000 such carts in 100 feeds (~18 GB of orders: each run's outbox is deleted once measured)
Places (`--places`): tmpfs (`--tmpfs-dir`, default /dev/shm/…) and disk (`--disk-dir`, default a folder on the root
filesystem). Per workload one reference run records what a run does (its --log-format json events, the size of every
document, the journal's groups), from which a manifest for Scripts/io-floor.c is written. Then, alternating, rounds
of `checkout-batch run --jobs 1`, `--jobs 2` and the floor, each in a fresh copy of the workspace: on disk the
durable group floor (one syncfs per group + the journal's fsync, `io-floor --sync group`), on tmpfs the unsynced one
(`--sync none`); `--file-sync-floor` adds the floor that fsyncs every file instead. On disk every run starts after
the page cache is dropped and 5 s of rest, so that the last run's writeback is not charged to it. The median is reported, with
the ratio to the floor, peak RSS (GNU time), the jobs 2 ÷ jobs 1 speed-up and the CPU time (user + system) of
jobs 2 over jobs 1, which bounds that speed-up at 2 ÷ it; on tmpfs also the time of a run with an empty inbox (start-up
and finish, paid once whatever `--jobs` says) and the speed-up of what is left of the run. `--halves` adds a round of two
`--jobs 1` runs started together, each on every other input in a workspace of its own (nothing shared but the
machine): their speed-up over one run is the most `--jobs 2` can reach on this machine. Then, once per workload and
place: fsync + syncfs calls per cart (`strace -c -f`, --jobs 2), instructions per cart (callgrind, --jobs 1, workloads
in `--callgrind`, on tmpfs; where the processor has the SHA extensions, also as it runs them: Scripts/sha_extensions.py)
and, after the largest workload, the start-up of a run on an empty inbox with that
ledger.

    python3 Scripts/bench-throughput.py                                   # files5k and feeds100k, both places
    python3 Scripts/bench-throughput.py --workloads feeds1m --rounds 1 --callgrind none --places tmpfs

Prints one table per workload; exits 0.
"""
import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import sha_extensions
from tooling import callgrind_total, release_binary

ROOT = Path(__file__).resolve().parent.parent
NOW = "2026-11-21T02:00:00Z"
SHA_STUB = None  # the build that counts SHA-extension calls (sha_extensions.build_stub), made on first use
WORKLOADS = {
    "files5k": (5000, ["--carts", "5000", "--files", "5000", "--formats", "json", "--seed", "3"]),
    "feeds10k": (10000, ["--carts", "10000", "--lines", "3", "--files", "10", "--mix",
                         "--formats", "json,ndjson,xml", "--seed", "6"]),
    "feeds100k": (100000, ["--carts", "100000", "--lines", "3", "--files", "10", "--mix",
                           "--formats", "json,ndjson,xml", "--seed", "6"]),
    "feeds1m": (1000000, ["--carts", "1000000", "--lines", "3", "--files", "100", "--mix",
                          "--formats", "json,ndjson,xml", "--seed", "6"]),
}


def build(work):
    binary = Path(release_binary())
    floor = work / "io-floor"
    subprocess.run(["cc", "-O2", "-o", str(floor), str(ROOT / "Scripts/io-floor.c")], check=True)
    return binary, floor


def workload(work, name):
    """The generated workspace template (made once per place, then reused)."""
    template = work / name
    if not (template / "inbox").is_dir():
        shutil.rmtree(template, ignore_errors=True)
        subprocess.run([sys.executable, str(ROOT / "Scripts/generate-workload.py"), str(template)]
                       + WORKLOADS[name][1], check=True, stdout=subprocess.DEVNULL)
    return template


def fresh_copy(template, work, half=None, inputs=True):
    """A new workspace with the template's catalogue and inbox; `half` 0 or 1: every other input only, by name;
    `inputs` False: an empty inbox."""
    ws = Path(tempfile.mkdtemp(dir=work, prefix="run-"))
    if not inputs:
        (ws / "inbox").mkdir()
    elif half is None:
        shutil.copytree(template / "inbox", ws / "inbox")
    else:
        (ws / "inbox").mkdir()
        for name in sorted(os.listdir(template / "inbox"))[half::2]:
            shutil.copy(template / "inbox" / name, ws / "inbox" / name)
    shutil.copytree(template / "catalogue", ws / "catalogue")
    os.sync()  # the copy's writeback is not charged to the run that follows
    if SETTLE_SECONDS:
        settle()
    return ws


# On a real disk, what the previous run wrote and deleted (1.5 GB at feeds100k) is still being written back or
# discarded when the next run starts: feeds100k `--jobs 2` moved between 12 and 30 s for one binary. Each run there
# starts from a dropped page cache (its inputs read cold, the floor's too) after a few seconds' rest.
SETTLE_SECONDS = 0


def settle():
    try:
        with open("/proc/sys/vm/drop_caches", "w") as f:
            f.write("3")
    except OSError:
        pass  # not root: the rest alone
    time.sleep(SETTLE_SECONDS)


def timed_pair(binary, template, work):
    """Wall seconds until both of two `--jobs 1` runs, each on half the inputs in its own workspace, started
    together, have finished: what two cores give when nothing at all is shared, the ceiling for `--jobs 2`; and the
    CPU seconds (user + system) the two took together, which against one `--jobs 1` run's says how much slower the
    same instructions run side by side on this machine with nothing shared."""
    halves = [fresh_copy(template, work, half) for half in (0, 1)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    runs = [subprocess.Popen(run_command(binary, ws, 1), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            for ws in halves]
    for p in runs:
        _, err = p.communicate()
        if p.returncode not in (0, 1):
            sys.exit(f"a half run exited {p.returncode}: {err.decode()}")
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    used = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    for ws in halves:
        shutil.rmtree(ws)
    return seconds, used


def timed(command, work):
    """Wall seconds, peak RSS (MB) and CPU seconds (user + system) of a command, measured by GNU time (not counting
    this Python process)."""
    report = work / "time.txt"
    start = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-o", str(report), "-f", "%M %U %S"] + command,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    seconds = time.perf_counter() - start
    if p.returncode not in (0, 1):
        sys.exit(f"{' '.join(map(str, command))} exited {p.returncode}: {p.stderr.decode()}")
    peak, user, system = report.read_text().split()[-3:]
    return seconds, int(peak) / 1024, float(user) + float(system)


def run_command(binary, ws, jobs):
    return [str(binary), "run", str(ws), "--now", NOW, "--quiet", "--jobs", str(jobs)]


def manifest(binary, template, work):
    """Runs checkout-batch once and writes what it did as io-floor's manifest: inputs opened, documents written,
    each group's commit with its journal bytes (records + progress line), and inputs moved after their group."""
    ws = fresh_copy(template, work)
    r = subprocess.run([str(binary), "run", str(ws), "--now", NOW, "--quiet", "--log-format", "json"],
                       capture_output=True, text=True)
    if r.returncode not in (0, 1):
        sys.exit(f"reference run failed: {r.stderr}")
    outbox = ws / "outbox"
    groups = []  # journal bytes per committed group, the empty header group left out
    size = 0
    for line in (outbox / ".ledger/journal.ndjson").read_bytes().splitlines(keepends=True):
        size += len(line)
        if line.startswith(b'{"progress":['):
            groups.append(size)
            size = 0
    groups = groups[1:]
    lines, in_group, carts = [], 0, 0

    def commit():
        nonlocal in_group
        lines.append(f"commit {groups.pop(0) if groups else 0}")
        in_group = 0

    for text in r.stdout.splitlines():
        e = json.loads(text)
        kind = e["event"]
        if kind == "file_started":
            lines.append(f"input {e['file']}")
        elif kind in ("cart_converted", "cart_rejected", "cart_duplicate"):
            carts += 1
            if kind == "cart_converted":
                name = e["reference"] + ".json"
                lines.append(f"doc orders {name} {(outbox / 'orders' / name).stat().st_size}")
            elif kind == "cart_rejected":
                name = e["name"] + ".json"
                lines.append(f"doc errors {name} {(outbox / 'errors' / name).stat().st_size}")
            in_group += 1
            if in_group == 256:
                commit()
        elif kind == "file_finished":
            if e["outcome"] == "rejected":
                name = "inputs/" + e["file"] + ".json"
                lines.append(f"doc errors {name} {(outbox / 'errors' / name).stat().st_size}")
            if in_group:  # a group ends early only at the end of the inputs, before its inputs move
                commit()
            lines.append(f"done {e['file']} {'rejected' if e['outcome'] == 'rejected' else 'archive'}")
    if in_group:
        commit()
    path = work / f"manifest-{template.name}.txt"
    path.write_text("\n".join(lines) + "\n")
    gigabytes = sum(p.stat().st_size for p in (outbox / "orders").iterdir()) / 1e9
    shutil.rmtree(ws)
    return path, carts, gigabytes


def syncs_per_cart(binary, template, work, carts):
    ws = fresh_copy(template, work)
    out = work / "strace.txt"
    subprocess.run(["strace", "-c", "-f", "-o", str(out)] + run_command(binary, ws, 2),
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    calls = {}
    for line in out.read_text().splitlines():
        parts = line.split()
        if len(parts) >= 5 and parts[-1] in ("fsync", "fdatasync", "syncfs", "sync", "clone3", "clone"):
            calls[parts[-1]] = int(parts[3])
    shutil.rmtree(ws)
    syncs = sum(v for k, v in calls.items() if k not in ("clone3", "clone"))
    return syncs / carts, calls


def callgrind(binary, template, work, carts, stub=None):
    """Instructions a cart (callgrind, --jobs 1); with `stub` (sha_extensions.build_stub), also as a processor with
    the SHA extensions runs them, which callgrind cannot count directly."""
    def count(program):
        ws = fresh_copy(template, work)
        out = work / "callgrind.out"
        run = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}"] +
                             run_command(program, ws, 1), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                             text=True)
        shutil.rmtree(ws)
        return out, run.stderr
    out, _ = count(binary)
    total = callgrind_total(out)
    out.unlink()
    if stub is None:
        return total / carts, None
    out, stderr = count(stub)
    with_extensions, _ = sha_extensions.instructions(binary, out, stderr)
    out.unlink()
    return total / carts, with_extensions / carts


def fixed_cost(binary, template, work, jobs):
    """Median wall seconds of a run over the workload's catalogue with an empty inbox and an empty outbox: starting
    the process, loading the catalogue, opening the workspace and finishing the report. Paid once per run whatever
    `--jobs` says, so it holds short runs' speed-up below the carts' own."""
    times = []
    for _ in range(5):
        ws = fresh_copy(template, work, inputs=False)
        times.append(timed(run_command(binary, ws, jobs), work)[0])
        shutil.rmtree(ws)
    return statistics.median(times)


def start_up(binary, template, work):
    """A run with the whole workload's ledger and an empty inbox: what start-up costs once history is long."""
    ws = fresh_copy(template, work)
    subprocess.run(run_command(binary, ws, 2), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    times = [timed(run_command(binary, ws, 2), work)[0] for _ in range(3)]
    converted = len(os.listdir(ws / "outbox/orders"))
    shutil.rmtree(ws)
    return statistics.median(times), converted


def measure(name, place, work, binary, floor, args, counted):
    carts_wanted = WORKLOADS[name][0]
    template = workload(work, name)
    path, carts, gigabytes = manifest(binary, template, work)
    floor_mode = "group" if place == "disk" else "none"
    labels = ["jobs 1", "jobs 2", f"floor {floor_mode}"] + (["floor file"] if args.file_sync_floor and place == "disk" else [])
    labels += ["2 × jobs 1"] if args.halves else []
    times = {label: [] for label in labels}
    cpu = {label: [] for label in labels}
    rss = {label: 0.0 for label in labels}
    for turn in range(args.rounds):
        # Each configuration goes first in turn: what a run pays depends on what ran before it here (memory the host
        # took back, DECISIONS "This VM hands freed memory back to its host"), so a fixed order could favour one.
        for label in labels[turn % len(labels):] + labels[:turn % len(labels)]:
            if label == "2 × jobs 1":
                seconds, used = timed_pair(binary, template, work)
                times[label].append(seconds)
                cpu[label].append(used)
                continue
            ws = fresh_copy(template, work)
            if label.startswith("floor"):
                command = [str(floor), "--sync", label.split()[1], str(ws), str(path)]
            else:
                command = run_command(binary, ws, int(label[-1]))
            seconds, peak, used = timed(command, work)
            times[label].append(seconds)
            cpu[label].append(used)
            rss[label] = max(rss[label], peak)
            shutil.rmtree(ws)
    floor_s = statistics.median(times[f"floor {floor_mode}"])
    print(f"\n{name} on {place} ({work}): {carts:,} carts, {gigabytes:.1f} GB of orders, median of {args.rounds}")
    print(f"{'':>12} {'s':>8} {'carts/s':>9} {'× floor':>8} {'RSS MB':>7} {'µs/cart':>8}")
    for label, values in times.items():
        s = statistics.median(values)
        print(f"{label:>12} {s:>8.2f} {carts / s:>9,.0f} {s / floor_s:>8.2f} {rss[label]:>7.1f} {s / carts * 1e6:>8.1f}")
    print(f"  jobs 2 ÷ jobs 1 speed-up: {statistics.median(times['jobs 1']) / statistics.median(times['jobs 2']):.2f}")
    # Two jobs can be at most 2 ÷ this faster than one: the CPU one job needs, spent again with more on top
    # (the same instructions run slower side by side; DECISIONS, "What `--jobs 2` waits on").
    cpu_ratio = statistics.median(cpu["jobs 2"]) / statistics.median(cpu["jobs 1"])
    print(f"  CPU seconds of jobs 2 ÷ jobs 1: {cpu_ratio:.2f} (two cores busy throughout would give "
          f"{2 / cpu_ratio:.2f})")
    if place == "tmpfs":
        fixed = {jobs: fixed_cost(binary, template, work, jobs) for jobs in (1, 2)}
        rest = ((statistics.median(times["jobs 1"]) - fixed[1]) / (statistics.median(times["jobs 2"]) - fixed[2]))
        print(f"  start-up and finish on an empty inbox: {fixed[1]:.3f} s jobs 1, {fixed[2]:.3f} s jobs 2; "
              f"speed-up of the rest of the run: {rest:.2f}")
    if args.halves:
        print(f"  two share-nothing jobs-1 processes on halves ÷ jobs 1: "
              f"{statistics.median(times['jobs 1']) / statistics.median(times['2 × jobs 1']):.2f} (the ceiling for jobs 2); "
              f"their CPU seconds ÷ jobs 1: {statistics.median(cpu['2 × jobs 1']) / statistics.median(cpu['jobs 1']):.2f} "
              f"(what running side by side costs with nothing shared)")
    if shutil.which("strace") and args.strace:
        per_cart, calls = syncs_per_cart(binary, template, work, carts)
        print(f"  syncs per cart (strace -c -f, jobs 2): {per_cart:.4f}  {calls}")
    if name in counted and place == "tmpfs":
        global SHA_STUB
        if SHA_STUB is None and sha_extensions.available():
            SHA_STUB = sha_extensions.build_stub(work)
        lanes, extensions = callgrind(binary, template, work, carts, SHA_STUB)
        print(f"  instructions per cart (callgrind, jobs 1): {lanes:,.0f} with SHA in SSE2 lanes (valgrind hides the "
              f"SHA extensions)" + (f", {extensions:,.0f} with the SHA extensions this processor has "
                                    f"(Scripts/sha_extensions.py)" if extensions else ""))
    if name == args.startup:
        seconds, converted = start_up(binary, template, work)
        print(f"  start-up + finish with a {converted:,}-order ledger and an empty inbox: {seconds:.3f} s")
    sys.stdout.flush()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workloads", default="files5k,feeds100k")
    parser.add_argument("--places", default="tmpfs,disk")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--callgrind", default="files5k", help="workloads to count instructions for, or 'none'")
    parser.add_argument("--startup", default="", help="the workload after which start-up is timed")
    parser.add_argument("--file-sync-floor", action="store_true", help="also the floor that fsyncs every file")
    parser.add_argument("--no-strace", dest="strace", action="store_false")
    parser.add_argument("--halves", action="store_true",
                        help="also two --jobs 1 runs at once, each on half the inputs: the machine's own speed-up")
    parser.add_argument("--tmpfs-dir", default="/dev/shm/checkout-bench-throughput")
    parser.add_argument("--disk-dir", default=str(Path.home() / "checkout-bench-throughput"))
    args = parser.parse_args()
    counted = set() if args.callgrind == "none" else set(args.callgrind.split(","))
    print(f"checkout-batch vs the I/O floor, {os.cpu_count()} cores")
    global SETTLE_SECONDS
    for place in args.places.split(","):
        SETTLE_SECONDS = 5 if place == "disk" else 0
        work = Path(args.tmpfs_dir if place == "tmpfs" else args.disk_dir)
        work.mkdir(parents=True, exist_ok=True)
        binary, floor = build(work)
        for name in args.workloads.split(","):
            measure(name, place, work, binary, floor, args, counted)


if __name__ == "__main__":
    main()
