#!/usr/bin/env python3
"""Start-up with a long history (issue 18): a run on an empty inbox over a ledger of N converted carts.

Writes a workspace whose journal holds N synthetic records in groups of 256 (as checkout-batch writes them), runs
once so the index and the checkpoint are made, then times three runs with the checkpoint and three without it (each
time deleted first: the run reads the whole journal, as every start did before the checkpoint existed).

    python3 Scripts/bench-startup.py                      # 1,000,000 records in ~/checkout-bench-startup
    python3 Scripts/bench-startup.py --records 100000 --dir /dev/shm/startup
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from tooling import release_binary

ROOT = Path(__file__).resolve().parent.parent


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--records", type=int, default=1_000_000)
    p.add_argument("--dir", default=str(Path.home() / "checkout-bench-startup"))
    p.add_argument("--binary")
    a = p.parse_args()
    binary = release_binary(a.binary)
    ws = Path(a.dir)
    shutil.rmtree(ws, ignore_errors=True)
    subprocess.run([sys.executable, str(ROOT / "Scripts/generate-workload.py"), str(ws), "--carts", "1"],
                   check=True, stdout=subprocess.DEVNULL)
    for name in os.listdir(ws / "inbox"):
        os.remove(ws / "inbox" / name)
    ledger = ws / "outbox/.ledger"
    ledger.mkdir(parents=True)
    with open(ledger / "journal.ndjson", "w") as f:
        f.write('{"progress":[]}\n')
        for i in range(a.records):
            f.write('{"reference":"gen-%08d","digest":"%064x","order_id":"00000000-0000-5000-8000-%012d",'
                    '"created_at":"2026-11-21T02:00:00Z","nanos":0,"stock":[["sku-%05d",1]]}\n' % (i, i, i, i % 500))
            if i % 256 == 255 or i == a.records - 1:
                f.write('{"progress":[]}\n')

    def run():
        start = time.perf_counter()
        r = subprocess.run([binary, "run", str(ws), "--now", "2026-11-22T02:00:00Z", "--quiet"], capture_output=True)
        if r.returncode != 0:
            sys.exit(f"run failed ({r.returncode}): {r.stderr.decode()}")
        return time.perf_counter() - start

    print(f"first start (index built, checkpoint written): {run():.2f} s")
    with_checkpoint = [run() for _ in range(3)]
    reading = []
    for _ in range(3):
        os.remove(ledger / "checkpoint")
        reading.append(run())
    print(f"{a.records:,}-record ledger, empty inbox, median of 3: with the checkpoint "
          f"{statistics.median(with_checkpoint):.3f} s; reading the journal {statistics.median(reading):.3f} s")
    shutil.rmtree(ws)


if __name__ == "__main__":
    main()
