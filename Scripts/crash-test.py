#!/usr/bin/env python3
"""Crash-equivalence harness (SPEC §10, issue 5): killed at any instant and run again, the outbox is as if
nothing happened.

    python3 Scripts/crash-test.py [--carts 2000] [--files 12] [--kills 50] [--seed 1] [--binary PATH] [--watch]
                                  [--purchase-orders N] [--jobs 1,2,3]

Generates a workspace (carts across JSON, NDJSON and XML files, scarce skus that carts compete for, ~10% faulty
carts, and an XML feed that breaks off), runs it once uninterrupted, then runs a copy from scratch while killing
the process with SIGKILL at random moments — most once the orders written reach targets spread over the whole
run, plus 0–20 ms, the rest at random early moments — and restarts it until it finishes. Then compares: orders, errors and inventory.json byte for byte; the inbox empty; every input
in archive/ or rejected/ exactly once, as in the uninterrupted run; no temporary file left. Exit 1 on any
difference.

With --watch, the crashed copy starts with an empty inbox and `checkout-batch watch` runs on it while a writer
drops the inputs in, one after the other in name order, each written in small chunks with the file held open
(so most kills land while a file is half-written). The watcher is killed with SIGKILL at the same kind of
targets and restarted at once; when the writer is done and the inbox is empty it is stopped with SIGTERM, and
the outbox is compared with the uninterrupted `run` in the same way.

With --jobs, the runs (and watchers) take their `--jobs` from the list in turn — the uninterrupted one the first —
so a batch killed at one number of preparing threads is finished at another, as an operator who changes it between
nights would; without it, each takes the program's default.
"""
import argparse
import filecmp
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from tooling import release_binary  # noqa: E402
NOW = "2026-11-21T02:00:00Z"


def count_orders(ws):
    try:
        return sum(1 for _ in os.scandir(os.path.join(ws, "outbox", "orders")))
    except FileNotFoundError:
        return 0


class Jobs:
    """The `--jobs` each run or watcher is started with: the list's values in turn, or nothing (the default)."""

    def __init__(self, text):
        self.values = [int(v) for v in text.split(",")] if text else []
        self.started = 0

    def next(self):
        if not self.values:
            return []
        value = self.values[self.started % len(self.values)]
        self.started += 1
        return ["--jobs", str(value)]

    def said(self):
        """How the summary names them, or nothing without a list."""
        return f", taking --jobs {', '.join(map(str, self.values))} in turn" if self.values else ""


def run(binary, ws, jobs, kill_at_orders=None, kill_after=0.0):
    """Runs once. With kill_at_orders, waits until that many orders exist, then kill_after seconds more, then
    sends SIGKILL. Returns (exit code, or None if killed; seconds)."""
    start = time.monotonic()
    p = subprocess.Popen([binary, "run", ws, "--now", NOW, "--quiet", *jobs.next()], stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
    if kill_at_orders is None:
        return p.wait(), time.monotonic() - start
    while p.poll() is None and count_orders(ws) < kill_at_orders:
        time.sleep(0.0005)
    try:
        code = p.wait(timeout=kill_after)
        return code, time.monotonic() - start
    except subprocess.TimeoutExpired:
        p.send_signal(signal.SIGKILL)
        p.wait()
        return None, time.monotonic() - start


class Writer:
    """Writes the source inputs into an inbox in name order, each in `chunks` pieces `gap` seconds apart with the
    file held open, on a thread of its own."""

    def __init__(self, source_inbox, inbox, chunks=40, gap=0.004):
        import threading
        self.names = sorted(os.listdir(source_inbox), key=os.fsencode)
        self.source_inbox, self.inbox, self.chunks, self.gap = source_inbox, inbox, chunks, gap
        self.done = False
        self.thread = threading.Thread(target=self.write, daemon=True)
        self.thread.start()

    def write(self):
        for name in self.names:
            data = open(os.path.join(self.source_inbox, name), "rb").read()
            size = max(1, len(data) // self.chunks)
            with open(os.path.join(self.inbox, name), "wb") as f:
                for at in range(0, len(data), size):
                    f.write(data[at:at + size])
                    f.flush()
                    time.sleep(self.gap)
        self.done = True


def watch(binary, ws, jobs):
    return subprocess.Popen([binary, "watch", ws, "--now", NOW, "--quiet", *jobs.next()], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


def crash_watch(a, rng, source, crashed, total, jobs):
    """Kills a watcher while the writer fills its inbox; returns (kills, runs, progress) or None on failure."""
    os.makedirs(os.path.join(crashed, "inbox"))
    shutil.copytree(os.path.join(source, "catalogue"), os.path.join(crashed, "catalogue"))
    writer = Writer(os.path.join(source, "inbox"), os.path.join(crashed, "inbox"))
    kills, runs, progress = 0, 0, []
    p = watch(a.binary, crashed, jobs)
    runs += 1
    for i in range(a.kills):
        target = int(total * (i + rng.random()) / a.kills)
        while p.poll() is None and count_orders(crashed) < target and not (writer.done and not os.listdir(os.path.join(crashed, "inbox"))):
            time.sleep(0.0005)
        if p.poll() is not None:
            print(f"the watcher exited by itself with {p.returncode}")
            return None
        time.sleep(rng.uniform(0, 0.02))
        progress.append(round(100 * count_orders(crashed) / max(total, 1)))
        p.send_signal(signal.SIGKILL)
        p.wait()
        kills += 1
        p = watch(a.binary, crashed, jobs)
        runs += 1
    deadline = time.monotonic() + 300
    while not (writer.done and not os.listdir(os.path.join(crashed, "inbox"))) and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.3)
    p.send_signal(signal.SIGTERM)
    code = p.wait()
    if code != 0:
        print(f"the last watcher exited {code} on SIGTERM")
        return None
    return kills, runs, progress


def add_purchase_orders(workspace, count, seed):
    """Adds `count` purchase orders — UBL, cXML and openTRANS in turn — from one partner to a generated workspace
    (SPEC §12), so their orders and acknowledgements (SPEC §13) go through the crashes too. Some order skus the
    others compete for; every seventh orders a sku that does not exist, so rejections are acknowledged as well."""
    rng = random.Random(seed)
    cat = os.path.join(workspace, "catalogue")
    with open(os.path.join(cat, "customers.json")) as f:
        customers = json.load(f)
    customers["data"].append({"id": "c-partner", "name": "Partner GmbH", "email": "orders@partner.example",
                              "code": "PARTNER", "party_ids": ["0088:4000001000005", "NetworkId:AN01", "gln:4000001000005"],
                              "shipping_method": "standard"})
    with open(os.path.join(cat, "customers.json"), "w") as f:
        json.dump(customers, f, indent=1)
    address = ("Partner GmbH", "Ann", "Lee", "1 Market St", "San Francisco", "CA", "94105", "US")
    for n in range(count):
        lines = [(f"sku-{rng.randrange(60):05d}" if (n + k) % 7 else "sku-nope", rng.randint(1, 3)) for k in range(3)]
        company, first, last, street, city, region, zip_code, country = address
        if n % 3 == 0:
            body = "".join(
                f'<cac:OrderLine><cac:LineItem><cbc:ID>{k + 1}</cbc:ID><cbc:Quantity unitCode="C62">{q}</cbc:Quantity>'
                f'<cac:Item><cac:SellersItemIdentification><cbc:ID>{s}</cbc:ID></cac:SellersItemIdentification></cac:Item>'
                f'</cac:LineItem></cac:OrderLine>' for k, (s, q) in enumerate(lines))
            doc = (f'<?xml version="1.0" encoding="UTF-8"?>\n<Order xmlns="urn:oasis:names:specification:ubl:schema:xsd:Order-2" '
                   f'xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" '
                   f'xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"><cbc:ID>PO-{n}</cbc:ID>'
                   f'<cbc:DocumentCurrencyCode>USD</cbc:DocumentCurrencyCode><cac:BuyerCustomerParty><cac:Party>'
                   f'<cbc:EndpointID schemeID="0088">4000001000005</cbc:EndpointID><cac:PartyName><cbc:Name>{company}</cbc:Name></cac:PartyName>'
                   f'<cac:PostalAddress><cbc:StreetName>{street}</cbc:StreetName><cbc:CityName>{city}</cbc:CityName>'
                   f'<cbc:PostalZone>{zip_code}</cbc:PostalZone><cbc:CountrySubentity>{region}</cbc:CountrySubentity>'
                   f'<cac:Country><cbc:IdentificationCode>{country}</cbc:IdentificationCode></cac:Country></cac:PostalAddress>'
                   f'</cac:Party></cac:BuyerCustomerParty>{body}</Order>\n')
        elif n % 3 == 1:
            items = "".join(f'<ItemOut quantity="{q}" lineNumber="{k + 1}"><ItemID><SupplierPartID>{s}</SupplierPartID></ItemID></ItemOut>'
                            for k, (s, q) in enumerate(lines))
            doc = (f'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/1.2.050/cXML.dtd">\n'
                   f'<cXML payloadID="{n}@partner" timestamp="2026-11-20T10:00:00Z"><Header><From><Credential domain="NetworkId">'
                   f'<Identity>AN01</Identity></Credential></From><To><Credential domain="NetworkId"><Identity>AN02</Identity>'
                   f'</Credential></To></Header><Request><OrderRequest><OrderRequestHeader orderID="PO-{n}"><Total><Money currency="USD">0</Money></Total>'
                   f'<BillTo><Address><Name>{company}</Name><PostalAddress><Street>{street}</Street><City>{city}</City><State>{region}</State>'
                   f'<PostalCode>{zip_code}</PostalCode><Country isoCountryCode="{country}">US</Country></PostalAddress></Address></BillTo>'
                   f'</OrderRequestHeader>{items}</OrderRequest></Request></cXML>\n')
        else:
            items = "".join(f'<ORDER_ITEM><LINE_ITEM_ID>{k + 1}</LINE_ITEM_ID><PRODUCT_ID><SUPPLIER_PID>{s}</SUPPLIER_PID></PRODUCT_ID>'
                            f'<QUANTITY>{q}</QUANTITY></ORDER_ITEM>' for k, (s, q) in enumerate(lines))
            doc = (f'<?xml version="1.0" encoding="UTF-8"?>\n<ORDER><ORDER_HEADER><ORDER_INFO><ORDER_ID>PO-{n}</ORDER_ID><PARTIES><PARTY>'
                   f'<PARTY_ID type="gln">4000001000005</PARTY_ID><PARTY_ROLE>buyer</PARTY_ROLE><ADDRESS><NAME>{company}</NAME>'
                   f'<STREET>{street}</STREET><ZIP>{zip_code}</ZIP><CITY>{city}</CITY><STATE>{region}</STATE>'
                   f'<COUNTRY_CODED>{country}</COUNTRY_CODED></ADDRESS></PARTY></PARTIES><CURRENCY>USD</CURRENCY></ORDER_INFO>'
                   f'</ORDER_HEADER><ORDER_ITEM_LIST>{items}</ORDER_ITEM_LIST></ORDER>\n')
        with open(os.path.join(workspace, "inbox", f"po-{n:05d}.xml"), "w") as f:
            f.write(doc)


def files(root):
    out = {}
    for folder, _, names in os.walk(root):
        for n in names:
            path = os.path.join(folder, n)
            out[os.path.relpath(path, root)] = path
    return out


def compare(clean, crashed):
    problems = []
    a, b = files(os.path.join(clean, "outbox")), files(os.path.join(crashed, "outbox"))
    keep = lambda p: not p.startswith(".ledger") and not p.startswith("reports")
    for rel in sorted(set(filter(keep, a)) | set(filter(keep, b))):
        if rel not in b:
            problems.append(f"missing after crashes: outbox/{rel}")
        elif rel not in a:
            problems.append(f"extra after crashes: outbox/{rel}")
        elif not filecmp.cmp(a[rel], b[rel], shallow=False):
            problems.append(f"differs: outbox/{rel}")
    for rel in b:
        if os.path.basename(rel).startswith(".tmp-") or rel.endswith(".grow") or rel.startswith(".staging/"):
            problems.append(f"temporary file left: outbox/{rel}")
    if os.listdir(os.path.join(crashed, "inbox")):
        problems.append(f"inbox not empty: {sorted(os.listdir(os.path.join(crashed, 'inbox')))}")
    for folder in ("archive", "rejected"):
        x = sorted(os.listdir(os.path.join(clean, folder)))
        y = sorted(os.listdir(os.path.join(crashed, folder)))
        if x != y:
            problems.append(f"{folder}/ differs: uninterrupted {x}, after crashes {y}")
    return problems


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--carts", type=int, default=2000)
    p.add_argument("--files", type=int, default=12)
    p.add_argument("--kills", type=int, default=50)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--binary", help="a checkout-batch executable (default: build the release one)")
    p.add_argument("--dir", help="where to work (default: a temporary folder, removed afterwards)")
    p.add_argument("--watch", action="store_true", help="kill `watch` while a writer fills the inbox, instead of `run`")
    p.add_argument("--purchase-orders", type=int, default=0,
                   help="also this many purchase orders (UBL, cXML, openTRANS) from a partner, acknowledged in responses/")
    p.add_argument("--jobs", help="comma-separated --jobs values the runs take in turn, e.g. 1,2,3 (default: none given)")
    a = p.parse_args()
    a.binary = release_binary(a.binary)
    jobs = Jobs(a.jobs)
    rng = random.Random(a.seed)
    base = a.dir or tempfile.mkdtemp(prefix="crash-test-")
    try:
        source = os.path.join(base, "source")
        subprocess.run([sys.executable, os.path.join(HERE, "generate-workload.py"), source, "--carts", str(a.carts),
                        "--files", str(a.files), "--formats", "json,ndjson,xml", "--mix", "--broken-xml",
                        "--skus", "60", "--seed", str(a.seed)], check=True)
        if a.purchase_orders:
            add_purchase_orders(source, a.purchase_orders, a.seed)
        clean = os.path.join(base, "clean")
        shutil.copytree(source, clean)
        code, seconds = run(a.binary, clean, jobs)
        print(f"uninterrupted: exit {code} in {seconds:.2f} s, {a.carts} carts in {len(os.listdir(os.path.join(source, 'inbox')))} files")
        if code not in (0, 1):
            print(f"FAILED: the uninterrupted run exited {code}: nothing to compare with")
            return 1
        total = count_orders(clean)
        crashed = os.path.join(base, "crashed")
        if a.watch:
            result = crash_watch(a, rng, source, crashed, total, jobs)
            if result is None:
                return 1
            kills, runs, progress = result
        else:
            kills, runs, progress = 0, 0, []
        problems = []
        # A run killed too late finishes the batch, and the kills left cannot happen: the batch is then started
        # again from its inputs (a new round), each round's outbox compared with the uninterrupted one, until the
        # kills asked for are reached. Runs have grown fast enough on tmpfs for a kill in the last commit group to
        # come after the run's end.
        rounds = 0
        while not a.watch and kills < a.kills and rounds < 5:
            rounds += 1
            shutil.rmtree(crashed, ignore_errors=True)
            shutil.copytree(source, crashed)
            finished = False  # whether the last run ended by itself
            for i in range(a.kills):
                if kills >= a.kills or not os.listdir(os.path.join(crashed, "inbox")):
                    break
                # Most kills follow progress, at targets spread over the whole run; one in five comes at a random
                # early moment (start-up, ledger load, the first group's evaluation).
                target = 0 if i % 5 == 4 else int(total * (i + rng.random()) / a.kills)
                # Past the target, soon: a run of a few hundred milliseconds must not finish before the kill.
                delay = rng.uniform(0, 0.05) if target == 0 else rng.uniform(0, 0.004)
                before = count_orders(crashed)
                code, _ = run(a.binary, crashed, jobs, kill_at_orders=target, kill_after=delay)
                runs += 1
                finished = code is not None
                if code is None:
                    kills += 1
                    progress.append(round(100 * before / max(total, 1)))
            while os.listdir(os.path.join(crashed, "inbox")) or not finished:
                code, _ = run(a.binary, crashed, jobs)
                runs += 1
                finished = True
                if code not in (0, 1):
                    print(f"a restart failed with exit {code}")
                    return 1
            problems += compare(clean, crashed)
        if a.watch:
            problems = compare(clean, crashed)
        rounds_said = "" if a.watch or rounds == 1 else f" over {rounds} rounds"
        print(f"after crashes: {kills} kills, {runs} {'watchers' if a.watch else 'runs'} in all{rounds_said}{jobs.said()}")
        print(f"  orders already written when each killed run started, as % of the final count: {progress}")
        if kills < a.kills:
            print(f"FAILED: could not reach {a.kills} kills")
            return 1
        for line in problems:
            print("  " + line)
        orders = len(os.listdir(os.path.join(clean, "outbox", "orders")))
        errors = sum(1 for rel in files(os.path.join(clean, "outbox")) if rel.startswith("errors/"))
        if problems:
            print(f"FAILED: {len(problems)} differences")
            return 1
        responses = sum(1 for rel in files(os.path.join(clean, "outbox")) if rel.startswith("responses"))
        print(f"identical: {orders} orders, {errors} error documents, {responses} acknowledgements, inventory.json, "
              "archive/ and rejected/; no temporary files")
        return 0
    finally:
        if not a.dir:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
