#!/usr/bin/env bash
# The project's one test command: installs what the build needs when it is missing, checks the format and the code's
# sizes, then builds with warnings as errors and runs every test (unit, golden, end to end). `.ci/run` calls exactly
# this.
set -euo pipefail
cd "$(dirname "$0")/.."
bash Scripts/ensure-deps.sh
# The code's own rules first (seconds): formatted as .swift-format says, files and functions within their sizes.
swift format lint --strict --recursive Sources Tests Package.swift
python3 Scripts/check-code-shape.py
swift build --build-tests -Xswiftc -warnings-as-errors
swift test --skip-build
