#!/usr/bin/env python3
"""How long the machine's cores sat idle while a command ran, when, and what the command's threads were doing then.

`--jobs 2` can only be as fast as the two cores are kept busy. This runs a command under
`perf record -a -g -e sched:sched_switch` (every core's context switches, with the kernel stack of each), then adds up
the time each core spent in the idle task between the command's first and last switch: split into tenths of the run,
by the thread that went to sleep before it, and by what each of the command's threads was doing when the core went
idle — running, runnable (waiting for a core while this one idles), or asleep in a kernel function (`futex_wait`: a
lock or condition; `down_write`: a folder's lock; `folio_wait_bit_common`: a page being read). Threads are numbered
in the order they first switch (1 is the main thread). Needs `perf` (Debian: linux-perf) and root.

    python3 Scripts/idle-cores.py -- .build/release/checkout-batch run WORKSPACE --now 2026-11-21T02:00:00Z --jobs 2

Issue 18 used it to find that a run's first group was prepared, and its last committed, with a core idle; then the
worker left runnable behind another thread while the other core idled, and the committing thread preempted inside a
rename a worker's create waited for.
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

# Kernel frames that say only that a thread is going to sleep, not why.
SCHEDULING = {"__schedule", "schedule", "schedule_timeout", "io_schedule", "schedule_preempt_disabled",
              "futex_do_wait", "__futex_wait", "do_futex", "__x64_sys_futex", "do_syscall_64",
              "entry_SYSCALL_64_after_hwframe", "schedule_hrtimeout_range_clock", "rwsem_down_write_slowpath",
              "rwsem_down_read_slowpath"}


def switches(script):
    """Each context switch as (cpu, time, prev comm, prev tid, prev state, next comm, next tid, why it slept)."""
    out = []
    for block in script.split("\n\n"):
        lines = block.strip().splitlines()
        m = SWITCH.search(lines[0]) if lines else None
        if not m:
            continue
        frames = [line.split()[1] for line in lines[1:] if len(line.split()) > 1]
        why = next((f for f in frames if f not in SCHEDULING), "?")
        out.append((*m.groups(), why))
    return out


def main() -> int:
    if "--" not in sys.argv:
        print(__doc__.strip(), file=sys.stderr)
        return 64
    command = sys.argv[sys.argv.index("--") + 1:]
    name = os.path.basename(command[0])[:15]  # the kernel keeps 15 characters of a command's name
    with tempfile.TemporaryDirectory() as folder:
        data = os.path.join(folder, "perf.data")
        subprocess.run(["perf", "record", "-q", "-a", "-g", "-e", "sched:sched_switch", "-o", data, "--", *command],
                       stdout=subprocess.DEVNULL, check=False)
        script = subprocess.run(["perf", "script", "-i", data, "-F", "comm,tid,cpu,time,event,trace,ip,sym"],
                                capture_output=True, text=True, check=True).stdout
    events = switches(script)
    ours = [float(s[1]) for s in events if s[2].startswith(name) or s[5].startswith(name)]
    if not ours:
        print(f"no context switch of {name} was recorded", file=sys.stderr)
        return 1
    start, end = min(ours), max(ours)
    threads = {}  # tid → its number, in order of first switch
    doing = {}  # tid → what it was doing at the last switch
    idle_since = {}
    spans = []  # (offset into the run, length, who went to sleep, what each thread was doing)
    for cpu, at, prev_comm, prev_pid, state, next_comm, next_pid, why in events:
        at = float(at)
        for comm, tid in ((prev_comm, prev_pid), (next_comm, next_pid)):
            if comm.startswith(name) and tid not in threads:
                threads[tid] = len(threads) + 1
        if prev_pid in threads:
            doing[prev_pid] = "runnable" if state.startswith("R") else f"asleep in {why}"
        if next_pid in threads:
            doing[next_pid] = "running"
        if next_pid == "0":
            numbered = sorted(threads, key=threads.get)
            snapshot = ", ".join(f"{threads[t]} {doing.get(t, 'not started')}" for t in numbered)
            idle_since[cpu] = (at, f"{prev_comm} ({state})", snapshot)
        elif prev_pid == "0" and cpu in idle_since:
            began, who, snapshot = idle_since.pop(cpu)
            if began >= start and at <= end:
                spans.append((began - start, at - began, who, snapshot))
    window = end - start
    cores = os.cpu_count() or 1
    idle = sum(length for _, length, _, _ in spans)
    print(f"run {window:.3f} s on {cores} cores: {idle:.3f} core-seconds idle "
          f"({100 * idle / (window * cores):.1f}% of {window * cores:.3f})")
    tenths = collections.Counter()
    for offset, length, _, _ in spans:
        tenths[min(9, int(10 * offset / window))] += length
    print("by tenth of the run: " + "  ".join(f"{tenths[t]:.3f}" for t in range(10)))
    sleepers = collections.Counter()
    for _, length, who, _ in spans:
        sleepers[who] += length
    for who, length in sleepers.most_common(5):
        print(f"  {length:.3f} s after {who} went to sleep")
    print("what the command's threads were doing when a core went idle:")
    states = collections.Counter()
    for _, length, _, snapshot in spans:
        states[snapshot] += length
    for snapshot, length in states.most_common(8):
        print(f"  {length:.3f} s: {snapshot}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
