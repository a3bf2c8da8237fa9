#!/usr/bin/env bash
# Address validation cost (issue 4): builds the release benchmark and prints µs per address.
set -euo pipefail
cd "$(dirname "$0")/.."
bash Scripts/ensure-deps.sh
swift build -c release --product checkout-bench >&2
.build/release/checkout-bench
