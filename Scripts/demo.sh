#!/usr/bin/env bash
# Runs checkout-batch on the bundled samples without touching tracked files: the outbox goes to a fresh
# temporary folder and the inputs stay in samples/inbox (--keep-inputs). Installs nothing it does not need.
set -euo pipefail
cd "$(dirname "$0")/.."
bash Scripts/ensure-deps.sh
swift build -c release --product checkout-batch >&2
out="${1:-$(mktemp -d /tmp/checkout-batch-demo.XXXXXX)}"
set +e
.build/release/checkout-batch run samples --outbox "$out" --keep-inputs --now 2026-11-21T02:00:00Z
status=$?
set -e
echo
echo "Exit code $status (1 means some carts were rejected, as the samples intend)."
echo "Orders:  $out/orders/"
ls "$out/orders"
echo "Errors:  $out/errors/"
(cd "$out/errors" && find . -type f | sed "s|^\./||" | sort)  # inputs/: unreadable inputs and carts without a reference
echo "Stock:   $out/inventory.json     Run report: $out/reports/"
