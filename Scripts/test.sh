#!/usr/bin/env bash
# The project's one test command: installs what the build needs when it is missing, then builds with
# warnings as errors and runs every test (unit, golden, end to end). `.ci/run` calls exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! pkg-config --exists libxml-2.0 2>/dev/null; then
    # libxml2 is the one system library the product may use (XML inputs); install it the Debian way.
    if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq libxml2-dev pkg-config >/dev/null
    else sudo apt-get update -qq && sudo apt-get install -y -qq libxml2-dev pkg-config >/dev/null; fi
fi
swift build --build-tests -Xswiftc -warnings-as-errors
swift test --skip-build
