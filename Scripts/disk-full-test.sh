#!/usr/bin/env bash
# Write failures (issue 5): a workspace on a tmpfs too small for its outbox. The run must stop with exit 74,
# naming the file and the reason, and leave the unfinished input in the inbox; after the filesystem grows, a
# second run must finish with the same outbox as a run that never failed (nothing lost, nothing doubled).
#
#   bash Scripts/disk-full-test.sh [CHECKOUT_BATCH_BINARY [JOBS_WHEN_FULL JOBS_AFTER]]
#
# With the two numbers, the run that meets the full disk takes the first as its --jobs and the run after the disk
# grew the second (an operator may change it between the two); without them, both take the default.
# Runs in a private mount namespace (unshare -rm), so it needs no root and leaves no mount behind.
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${1:-}"
if [ -z "$bin" ]; then swift build -c release --product checkout-batch >&2; bin="$PWD/.build/release/checkout-batch"; fi
jobs_full="${2:+--jobs $2}"
jobs_after="${3:+--jobs $3}"
work=$(mktemp -d /tmp/disk-full.XXXXXX)
trap 'rm -rf "$work"' EXIT
python3 Scripts/generate-workload.py "$work/source" --carts 300 --files 3 --formats json,ndjson,xml --mix --skus 60 >&2
cp -r "$work/source" "$work/reference"
"$bin" run "$work/reference" --now 2026-11-21T02:00:00Z --quiet || true

export bin work jobs_full jobs_after
unshare -rm bash -euo pipefail -c '
    mkdir -p "$work/full"
    mount -t tmpfs -o size=1m tmpfs "$work/full"
    cp -r "$work/source/." "$work/full/"
    set +e
    "$bin" run "$work/full" --now 2026-11-21T02:00:00Z $jobs_full 2> "$work/first.err"
    status=$?
    set -e
    echo "first run${jobs_full:+ ($jobs_full)}: exit $status: $(cat "$work/first.err")"
    [ "$status" = 74 ] || { echo "FAILED: expected exit 74"; exit 1; }
    grep -q "No space left on device" "$work/first.err" || { echo "FAILED: the reason is not named"; exit 1; }
    grep -q "cannot write $work/full/outbox/" "$work/first.err" || { echo "FAILED: the file is not named"; exit 1; }
    left=$(ls "$work/full/inbox" | wc -l)
    [ "$left" -ge 1 ] || { echo "FAILED: the unfinished input left the inbox"; exit 1; }
    echo "inputs still in the inbox: $(ls "$work/full/inbox" | tr "\n" " ")"
    mount -o remount,size=64m "$work/full"
    "$bin" run "$work/full" --now 2026-11-21T02:00:00Z --quiet $jobs_after || true
    for part in orders errors inventory.json; do
        diff -r "$work/reference/outbox/$part" "$work/full/outbox/$part" > /dev/null || { echo "FAILED: outbox/$part differs"; exit 1; }
    done
    [ -z "$(ls "$work/full/inbox")" ] || { echo "FAILED: inbox not empty after the second run"; exit 1; }
    for folder in archive rejected; do
        [ "$(ls "$work/reference/$folder")" = "$(ls "$work/full/$folder")" ] || { echo "FAILED: $folder/ differs"; exit 1; }
    done
    [ -z "$(find "$work/full/outbox" -name ".tmp-*")" ] || { echo "FAILED: temporary files left"; exit 1; }
    [ -z "$(find "$work/full/outbox/.staging" -type f)" ] || { echo "FAILED: staged documents left"; exit 1; }
    echo "identical after the disk grew${jobs_after:+ ($jobs_after)}: $(ls "$work/full/outbox/orders" | wc -l) orders, $(ls "$work/full/outbox/errors" | wc -l) error documents, inventory.json"
    umount "$work/full"
'
