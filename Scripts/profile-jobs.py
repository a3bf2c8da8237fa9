#!/usr/bin/env python3
"""What a second job costs: `--jobs 1` and `--jobs 2` profiled on the same workload and compared sample by sample.

    python3 Scripts/profile-jobs.py WORKSPACE [--rounds 3] [--binary .build/release/checkout-batch] [--top 25]

WORKSPACE holds `inbox/` and `catalogue/` (a workload from `Scripts/generate-workload.py`); each run gets a fresh copy
in /dev/shm/profile-jobs. Each run is recorded with `perf record --call-graph=fp -e cpu-clock -F 20000` (Debian:
linux-perf; root). Prints, summed over the rounds: the samples of each, the kernel's share, the symbols whose own
samples grew most with two jobs, the callers of the reference-counting functions (`swift_retain` and kin) whose
samples grew most (counts both workers share bounce between the cores), and each thread of the last `--jobs 2` run
with its busiest symbols (a kernel sample is named by the system call it came from). callgrind cannot show any of
this: it runs threads one at a time. Issue 18 used it to find a folder lock, a parser's shared reference counts and
two cache locks (DECISIONS, "What `--jobs 2` waits on").
"""
import argparse
import collections
import os
import shutil
import subprocess

REFCOUNT = {"swift_retain", "swift_release", "swift_bridgeObjectRetain", "swift_bridgeObjectRelease",
            "swift_retain_n", "swift_release_n"}


def samples(data):
    """Each sample as (thread id, [(address, symbol)] innermost first)."""
    out = subprocess.run(["perf", "script", "-i", data, "-F", "tid,ip,sym"], capture_output=True, text=True,
                         check=True).stdout
    for block in out.split("\n\n"):
        lines = [line.strip() for line in block.strip().split("\n") if line.strip()]
        if len(lines) < 2:
            continue
        frames = [(line.split(None, 1) + ["?"])[:2] for line in lines[1:]]
        yield lines[0].split()[0], frames


def is_kernel(address):
    return address.startswith("ffff")


def caller(frames):
    """The first frame outside the Swift runtime."""
    return next((symbol for _, symbol in frames[1:]
                 if not symbol.startswith(("swift", "_swift")) and "RefCounts" not in symbol), "?")


def syscall(frames):
    """The first user-space frame: the system call's wrapper a kernel sample came from."""
    return next((symbol for address, symbol in frames if not is_kernel(address)), "?")


def short(symbol):
    return symbol.replace("CheckoutCore", "")[:110]


def profile(args, jobs, data):
    workspace = "/dev/shm/profile-jobs"
    shutil.rmtree(workspace, ignore_errors=True)
    os.makedirs(workspace)
    for folder in ("inbox", "catalogue"):
        shutil.copytree(os.path.join(args.workspace, folder), os.path.join(workspace, folder))
    subprocess.run(["perf", "record", "-q", "--call-graph=fp", "-e", "cpu-clock", "-F", "20000", "-o", data, "--",
                    args.binary, "run", workspace, "--now", "2026-11-21T02:00:00Z", "--quiet", "--jobs", str(jobs)],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    shutil.rmtree(workspace, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("workspace")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--binary", default=".build/release/checkout-batch")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    own = {1: collections.Counter(), 2: collections.Counter()}
    counts = {1: collections.Counter(), 2: collections.Counter()}
    kernel = {1: 0, 2: 0}
    total = {1: 0, 2: 0}
    threads = collections.defaultdict(collections.Counter)
    data = "/tmp/profile-jobs.data"
    for round_ in range(args.rounds):
        for jobs in (1, 2):
            profile(args, jobs, data)
            if jobs == 2 and round_ == args.rounds - 1:
                threads.clear()
            for tid, frames in samples(data):
                address, symbol = frames[0]
                total[jobs] += 1
                if is_kernel(address):
                    kernel[jobs] += 1
                own[jobs][("K " if is_kernel(address) else "U ") + symbol] += 1
                if symbol in REFCOUNT:
                    counts[jobs][caller(frames)] += 1
                if jobs == 2 and round_ == args.rounds - 1:
                    key = "K <- " + syscall(frames) if is_kernel(address) else "U " + symbol
                    threads[tid][key] += 1
    os.remove(data)
    print(f"samples: jobs 1 {total[1]:,}, jobs 2 {total[2]:,} ({total[2] / total[1] - 1:+.0%}); "
          f"kernel {kernel[1]:,} and {kernel[2]:,}")
    for title, table in (("own samples", own), ("reference counting, by caller", counts)):
        print(f"\n{title}, most grown with two jobs (jobs 1, jobs 2, difference):")
        keys = set(table[1]) | set(table[2])
        for key in sorted(keys, key=lambda k: table[1][k] - table[2][k])[:args.top]:
            print(f"  {table[1][key]:7,} {table[2][key]:7,} {table[2][key] - table[1][key]:+7,}  {short(key)}")
    print("\nthreads of the last --jobs 2 run:")
    for tid, table in sorted(threads.items(), key=lambda item: -sum(item[1].values())):
        count = sum(table.values())
        if count < 50:
            continue
        share = sum(n for key, n in table.items() if key.startswith("K")) / count
        print(f"  thread {tid}: {count:,} samples, {share:.0%} in the kernel")
        for key, n in table.most_common(8):
            print(f"    {n:6,}  {short(key)}")


if __name__ == "__main__":
    main()
