#!/usr/bin/env bash
# Feed benchmark (issue 3): the same generated carts as one NDJSON feed and one XML feed, at a small size
# (~10 MB) and a large one (~1 GB), each run by the release build in a fresh workspace. Prints input MB/s,
# carts/s and peak RSS per run, and the XML/NDJSON throughput ratio on the same carts.
#
#   bash Scripts/bench-feeds.sh [--dir DIR] [--small N] [--large N] [--extra-bytes B]
#
# Carts have 3 lines and ~1.5 KB of fields checkout ignores (--extra-bytes), ~2 KB each, so 1 GB is ~500k carts.
# DIR (default /dev/shm/checkout-bench, tmpfs) needs room for the feeds and one run's outbox: orders are ~19 KB
# each, ~10 GB for the large run. Feeds are generated once (deterministic, seed 1) and reused by later runs.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=/dev/shm/checkout-bench
small=5000
large=500000
extra=1500
while [ $# -gt 0 ]; do
    case "$1" in
        --dir) dir="$2"; shift 2 ;;
        --small) small="$2"; shift 2 ;;
        --large) large="$2"; shift 2 ;;
        --extra-bytes) extra="$2"; shift 2 ;;
        *) echo "usage: $0 [--dir DIR] [--small N] [--large N] [--extra-bytes B]" >&2; exit 64 ;;
    esac
done
swift build -c release --product checkout-batch >&2
bin="$PWD/.build/release/checkout-batch"
mkdir -p "$dir"

printf '%-8s %-7s %9s %10s %9s %10s %12s\n' size format carts "input MB" seconds "MB/s" "carts/s  RSS MB"
declare -A rate
for size in small large; do
    carts=$([ "$size" = small ] && echo "$small" || echo "$large")
    feeds="$dir/feeds-$carts-$extra"
    if [ ! -f "$feeds/.done" ]; then
        rm -rf "$feeds"
        python3 Scripts/generate-workload.py "$feeds" --carts "$carts" --formats ndjson,xml --extra-bytes "$extra" >&2
        touch "$feeds/.done"
    fi
    for format in ndjson xml; do
        ws="$dir/run"
        rm -rf "$ws"
        mkdir -p "$ws/inbox"
        cp -r "$feeds/catalogue" "$ws/"
        ln "$feeds/inbox/feed.$format" "$ws/inbox/feed.$format" 2>/dev/null || cp "$feeds/inbox/feed.$format" "$ws/inbox/"
        bytes=$(stat -c %s "$ws/inbox/feed.$format")
        /usr/bin/time -o "$dir/time.txt" -f "%e %M" "$bin" run "$ws" --now 2026-11-21T02:00:00Z --keep-inputs --quiet || true
        read -r seconds rss < "$dir/time.txt"
        # The time file may start with "Command exited with non-zero status 1" (rejected carts are expected).
        if [ "$seconds" = "Command" ]; then read -r seconds rss < <(tail -1 "$dir/time.txt"); fi
        done_carts=$(python3 -c "import json,glob; r=json.load(open(glob.glob('$ws/outbox/reports/*.json')[0])); print(r['counts']['carts'])")
        python3 - "$size" "$format" "$done_carts" "$bytes" "$seconds" "$rss" <<'PY'
import sys
size, fmt, carts, b, s, rss = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5]), int(sys.argv[6])
print(f"{size:<8} {fmt:<7} {carts:>9} {b/1e6:>10.1f} {s:>9.2f} {b/1e6/s:>10.2f} {carts/s:>12.0f} {rss/1024:>6.1f}")
PY
        rate["$size-$format"]=$(python3 -c "print($done_carts/$seconds)")
        rm -rf "$ws"
    done
    python3 -c "print(f'  XML carts/s ÷ NDJSON carts/s ($size): {${rate[$size-xml]}/${rate[$size-ndjson]}:.2f}')"
done
