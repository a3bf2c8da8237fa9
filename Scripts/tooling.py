"""Helpers shared by the scripts in this folder."""
import os
import subprocess

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")


def release_binary(given=None):
    """The checkout-batch executable to test: `given`, or the release build, built now."""
    if given:
        return given
    subprocess.run(["swift", "build", "-c", "release", "--product", "checkout-batch"], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    return os.path.join(ROOT, ".build", "release", "checkout-batch")


def callgrind_total(path):
    """The instructions a callgrind output file counted in all."""
    with open(path) as f:
        for line in f:
            if line.startswith(("summary:", "totals:")):
                return int(line.split()[1])
    raise SystemExit(f"{path}: no totals; did callgrind finish?")
