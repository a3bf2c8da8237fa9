#!/usr/bin/env bash
# The project's one test command: installs what the build needs when it is missing, then builds with
# warnings as errors and runs every test (unit, golden, end to end). `.ci/run` calls exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
bash Scripts/ensure-deps.sh
swift build --build-tests -Xswiftc -warnings-as-errors
swift test --skip-build
