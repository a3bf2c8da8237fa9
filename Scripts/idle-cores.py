#!/usr/bin/env python3
"""How long the machine's cores sat idle while a command ran, and when.

`--jobs 2` can only be as fast as the two cores are kept busy. This runs a command under
`perf record -a -e sched:sched_switch` (every core's context switches), then adds up the time each core spent in
the idle task between the command's first and last switch, split into tenths of the run and by the thread that went
to sleep before it. Needs `perf` (Debian: linux-perf) and root.

    python3 Scripts/idle-cores.py -- .build/release/checkout-batch run WORKSPACE --now 2026-11-21T02:00:00Z --jobs 2

Issue 18 used it to find that a run's first group was prepared, and its last committed, with a core idle.
"""
import collections
import os
import re
import subprocess
import sys
import tempfile

SWITCH = re.compile(
    r"\[(\d+)\]\s+([\d.]+): sched:sched_switch: prev_comm=(.*?) prev_pid=(\d+) .*?prev_state=(\S+) ==> "
    r"next_comm=(.*?) next_pid=(\d+)")


def main() -> int:
    if "--" not in sys.argv:
        print(__doc__.strip(), file=sys.stderr)
        return 64
    command = sys.argv[sys.argv.index("--") + 1:]
    name = os.path.basename(command[0])[:15]  # the kernel keeps 15 characters of a command's name
    with tempfile.TemporaryDirectory() as folder:
        data = os.path.join(folder, "perf.data")
        subprocess.run(["perf", "record", "-q", "-a", "-e", "sched:sched_switch", "-o", data, "--", *command],
                       stdout=subprocess.DEVNULL, check=False)
        script = subprocess.run(["perf", "script", "-i", data], capture_output=True, text=True, check=True).stdout
    switches = [m.groups() for m in map(SWITCH.search, script.splitlines()) if m]
    ours = [float(s[1]) for s in switches if s[2].startswith(name) or s[5].startswith(name)]
    if not ours:
        print(f"no context switch of {name} was recorded", file=sys.stderr)
        return 1
    start, end = min(ours), max(ours)
    idle_since = {}
    spans = []  # (offset into the run, length, who went to sleep)
    for cpu, at, prev_comm, prev_pid, state, _, next_pid in switches:
        at = float(at)
        if next_pid == "0":
            idle_since[cpu] = (at, f"{prev_comm} ({state})")
        elif prev_pid == "0" and cpu in idle_since:
            began, who = idle_since.pop(cpu)
            if began >= start and at <= end:
                spans.append((began - start, at - began, who))
    window = end - start
    cores = os.cpu_count() or 1
    idle = sum(length for _, length, _ in spans)
    print(f"run {window:.3f} s on {cores} cores: {idle:.3f} core-seconds idle "
          f"({100 * idle / (window * cores):.1f}% of {window * cores:.3f})")
    tenths = collections.Counter()
    for offset, length, _ in spans:
        tenths[min(9, int(10 * offset / window))] += length
    print("by tenth of the run: " + "  ".join(f"{tenths[t]:.3f}" for t in range(10)))
    sleepers = collections.Counter()
    for _, length, who in spans:
        sleepers[who] += length
    for who, length in sleepers.most_common(5):
        print(f"  {length:.3f} s after {who} went to sleep")
    return 0


if __name__ == "__main__":
    sys.exit(main())
