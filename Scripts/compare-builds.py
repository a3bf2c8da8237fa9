#!/usr/bin/env python3
"""Wall and CPU time of two or more builds on the same workload, runs alternating, so that a host whose speed drifts
(this one moves by 10% within minutes; DECISIONS, "The tmpfs ratio to the floor") charges every build alike.

    python3 Scripts/compare-builds.py WORKSPACE ROUNDS BINARY [BINARY ...]

WORKSPACE holds `inbox/` and `catalogue/` (a workload from `Scripts/generate-workload.py`); each run gets a fresh copy
of them in /dev/shm/compare-builds, and runs `BINARY run … --now 2026-11-21T02:00:00Z --quiet --jobs J` for J = 1 and
2. The order of the binaries, and of the two --jobs values, is reversed every other round. Prints, per binary, the
median wall time (perf_counter) and CPU time (getrusage of the children) at each --jobs, the speed-up and the CPU
ratio of --jobs 2 to --jobs 1.
Identical builds have differed by up to 12% here: compare with ≥ 20 rounds, and with one binary given twice as a
control when the difference is small.
"""
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    template, rounds, binaries = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    workspace = "/dev/shm/compare-builds"
    results = {(b, j): [] for b in binaries for j in (1, 2)}
    for r in range(rounds):
        for jobs in (1, 2) if r % 2 == 0 else (2, 1):
            for binary in binaries if r % 2 == 0 else binaries[::-1]:
                shutil.rmtree(workspace, ignore_errors=True)
                os.makedirs(workspace)
                for folder in ("inbox", "catalogue"):
                    shutil.copytree(os.path.join(template, folder), os.path.join(workspace, folder))
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                start = time.perf_counter()
                subprocess.run(
                    [binary, "run", workspace, "--now", "2026-11-21T02:00:00Z", "--quiet", "--jobs", str(jobs)],
                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                wall = time.perf_counter() - start
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
                results[(binary, jobs)].append((wall, cpu))
    shutil.rmtree(workspace, ignore_errors=True)
    for binary in binaries:
        w1, w2 = (statistics.median(x[0] for x in results[(binary, j)]) for j in (1, 2))
        c1, c2 = (statistics.median(x[1] for x in results[(binary, j)]) for j in (1, 2))
        print(f"{binary}: jobs1 {w1:.3f} s cpu {c1:.3f}  jobs2 {w2:.3f} s cpu {c2:.3f}  "
              f"speed-up {w1 / w2:.2f}  cpu ratio {c2 / c1:.2f}")


if __name__ == "__main__":
    main()
