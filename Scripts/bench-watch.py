#!/usr/bin/env python3
"""Watch-mode measurements (issue 5): latency from a completed file in the inbox to its order in the outbox, and
memory over a long run.

    python3 Scripts/bench-watch.py latency [--files 1000] [--binary PATH]
    python3 Scripts/bench-watch.py soak [--minutes 10] [--files 10000] [--binary PATH]

latency: drops one-cart files one at a time (written under a temporary name, then renamed in), each once the
previous one's order is out, and prints p50/p95/max of rename → order file. soak: drops files at a steady rate
for the given minutes and prints the watcher's RSS at start, each minute and at the end, then stops it with
SIGTERM and checks every file became an order.
"""
import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from tooling import release_binary  # noqa: E402


def rss_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def cart(n):
    return json.dumps({"data": {"reference": f"w-{n:06d}", "currency": "USD",
                                "customer": {"name": "Ann Lee", "email": "ann@example.com"},
                                "billing_address": {"first_name": "Ann", "last_name": "Lee", "line_1": "1 Main St",
                                                    "city": "Anaheim", "region": "CA", "postcode": "92802", "country": "US"},
                                "items": [{"sku": "sku-00001", "quantity": 1}, {"sku": "sku-00003", "quantity": 2}],
                                "shipping_method": "standard"}})


def drop(inbox, n):
    tmp = os.path.join(inbox, f".w-{n:06d}.tmp")
    with open(tmp, "w") as f:
        f.write(cart(n))
    os.rename(tmp, os.path.join(inbox, f"w-{n:06d}.json"))


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("mode", choices=["latency", "soak"])
    p.add_argument("--files", type=int)
    p.add_argument("--minutes", type=float, default=10)
    p.add_argument("--binary")
    a = p.parse_args()
    a.binary = release_binary(a.binary)
    files = a.files or (1000 if a.mode == "latency" else 10000)
    ws = tempfile.mkdtemp(prefix="bench-watch-")
    try:
        subprocess.run([sys.executable, os.path.join(HERE, "generate-workload.py"), ws, "--carts", "1", "--skus", "10"],
                       check=True)
        for name in os.listdir(os.path.join(ws, "inbox")):
            os.remove(os.path.join(ws, "inbox", name))
        # Plenty of stock for every file.
        inventory = os.path.join(ws, "catalogue", "inventory.json")
        doc = json.load(open(inventory))
        for entry in doc["data"]:
            entry["available"] = 10 * files
        json.dump(doc, open(inventory, "w"))
        inbox, orders = os.path.join(ws, "inbox"), os.path.join(ws, "outbox", "orders")
        watcher = subprocess.Popen([a.binary, "watch", ws, "--quiet"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(1.0)
        if a.mode == "latency":
            latencies = []
            for n in range(files):
                drop(inbox, n)
                start = time.monotonic()
                target = os.path.join(orders, f"w-{n:06d}.json")
                while not os.path.exists(target):
                    if time.monotonic() - start > 10:
                        print(f"no order for file {n} after 10 s")
                        return 1
                    time.sleep(0.0005)
                latencies.append((time.monotonic() - start) * 1000)
            latencies.sort()
            pick = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))]
            print(f"{files} files: latency rename → order p50 {pick(0.50):.1f} ms, p95 {pick(0.95):.1f} ms, "
                  f"max {latencies[-1]:.1f} ms; watcher RSS {rss_kb(watcher.pid) / 1024:.1f} MB")
        else:
            interval = a.minutes * 60 / files
            start = time.monotonic()
            samples = []
            next_sample = start
            for n in range(files):
                while time.monotonic() < start + n * interval:
                    time.sleep(0.001)
                drop(inbox, n)
                if time.monotonic() >= next_sample:
                    samples.append((round((time.monotonic() - start) / 60, 1), rss_kb(watcher.pid) / 1024))
                    next_sample += 60
            deadline = time.monotonic() + 60
            while len(os.listdir(orders)) < files and time.monotonic() < deadline:
                time.sleep(0.1)
            samples.append((round((time.monotonic() - start) / 60, 1), rss_kb(watcher.pid) / 1024))
            print(f"soak: {files} files over {a.minutes} minutes; RSS (minute, MB): "
                  + ", ".join(f"{m}: {r:.1f}" for m, r in samples))
            print(f"orders: {len(os.listdir(orders))} of {files}")
        watcher.send_signal(signal.SIGTERM)
        code = watcher.wait(timeout=30)
        print(f"watcher stopped by SIGTERM: exit {code}; "
              f"{len(os.listdir(os.path.join(ws, 'outbox', 'reports')))} run reports written")
        return 0 if code == 0 else 1
    finally:
        shutil.rmtree(ws, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
