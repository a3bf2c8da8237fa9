"""Instructions a cart as this processor runs them, SHA extensions included (issue 18; docs/DECISIONS.md, "With the
x86 SHA extensions").

valgrind hides the SHA extensions (its CPUID says no `sha`) and cannot execute them, so callgrind counts the
program's SSE2 lanes, which only processors without the extensions run. This counts the other path: a build whose
two C block functions are stubs that count their calls and blocks (Scripts/sha-extensions-stub.c) is run under
callgrind, which counts everything around them; the stubs' own instructions are taken out and the real functions'
are put in, from objdump of the real build: a fixed number a call plus a fixed number a block (each block is one
straight run of instructions, the loop's body).
"""
import re
import shutil
import subprocess
from pathlib import Path

from tooling import callgrind_total

ROOT = Path(__file__).resolve().parent.parent
FUNCTIONS = ("checkout_sha1_blocks", "checkout_sha256_blocks")


def available():
    """Whether this processor has the extensions (and so whether the real build runs them)."""
    return " sha_ni" in Path("/proc/cpuinfo").read_text()


def build_stub(work):
    """The release build with the stubs, in a copy of the package under `work` (a full build: minutes)."""
    src = Path(work) / "sha-extensions-stub"
    if src.exists():
        shutil.rmtree(src)
    src.mkdir(parents=True)
    shutil.copy(ROOT / "Package.swift", src)
    shutil.copytree(ROOT / "Sources", src / "Sources")
    shutil.copytree(ROOT / "Tests", src / "Tests")  # the package names its test targets; they are not built
    shutil.copy(ROOT / "Scripts/sha-extensions-stub.c", src / "Sources/CHashInstructions/hash_instructions.c")
    subprocess.run(["swift", "build", "-c", "release", "--product", "checkout-batch"], cwd=src, check=True,
                   stdout=subprocess.DEVNULL)
    return src / ".build/release/checkout-batch"


def function_cost(binary, name):
    """(instructions a call, instructions a block) of `name` in `binary`: its one loop (from a backward jump's
    target to the jump) is a block, the rest is once a call; padding after the return is not counted."""
    text = subprocess.run(["objdump", "-d", "--no-show-raw-insn", f"--disassemble={name}", str(binary)],
                          check=True, capture_output=True, text=True).stdout
    instructions = []
    for line in text.splitlines():
        m = re.match(r"\s+([0-9a-f]+):\s+(\S+)\s*(.*)", line)
        if m:
            instructions.append((int(m.group(1), 16), m.group(2), m.group(3)))
    last_return = max(i for i, (_, op, _) in enumerate(instructions) if op.startswith("ret"))
    instructions = instructions[:last_return + 1]  # the padding after it is never run
    back = [(at, int(re.match(r"([0-9a-f]+)", args).group(1), 16)) for at, op, args in instructions
            if op.startswith("j") and re.match(r"[0-9a-f]+ <", args) and int(args.split()[0], 16) < at]
    if len(back) != 1:
        raise SystemExit(f"{name}: expected one loop in {binary}, found {len(back)}")
    end, start = back[0]
    loop = sum(1 for at, _, _ in instructions if start <= at <= end)
    return len(instructions) - loop, loop


def instructions(real_binary, stub_callgrind_out, stub_stderr):
    """The whole run's instructions with the extensions: the stub run's total, less the stubs, plus the real
    functions for the calls and blocks the stubs reported."""
    counts = re.search(r"sha1 (\d+) calls (\d+) blocks, sha256 (\d+) calls (\d+) blocks", stub_stderr)
    if not counts:
        raise SystemExit("the stub build did not report its calls (sha-extensions-stub.c)")
    sha1_calls, sha1_blocks, sha256_calls, sha256_blocks = map(int, counts.groups())
    total = callgrind_total(stub_callgrind_out)
    annotated = subprocess.run(["callgrind_annotate", "--threshold=100", str(stub_callgrind_out)], check=True,
                               capture_output=True, text=True).stdout
    stubs = sum(int(m.group(1).replace(",", "")) for m in re.finditer(
        r"^\s*([\d,]+) \([ \d.]+%\)\s+\S*:(?:" + "|".join(FUNCTIONS) + r") ", annotated, re.MULTILINE))
    (call1, block1), (call256, block256) = (function_cost(real_binary, f) for f in FUNCTIONS)
    hashing = sha1_calls * call1 + sha1_blocks * block1 + sha256_calls * call256 + sha256_blocks * block256
    return total - stubs + hashing, hashing
