#!/usr/bin/env bash
# Installs what building and testing checkout-batch need beyond the Swift toolchain, when missing: libxml2's headers
# (Debian's libxml2-dev) and pkg-config, through which SwiftPM finds them, and Python's jsonschema package for the
# schema test. Called by demo.sh and test.sh.
set -euo pipefail
if ! pkg-config --exists libxml-2.0 2>/dev/null; then
    echo "Installing libxml2-dev and pkg-config (needed to build the XML reader)..." >&2
    sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq libxml2-dev pkg-config >/dev/null
fi
# The schema test (Scripts/check-schemas.py) validates JSON with the jsonschema package.
if command -v python3 >/dev/null && ! python3 -c "import jsonschema" 2>/dev/null; then
    echo "Installing the jsonschema Python package (for the schema test)..." >&2
    if ! python3 -m pip install -q jsonschema 2>/dev/null; then
        sudo=""
        [ "$(id -u)" = 0 ] || sudo="sudo"
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq python3-jsonschema >/dev/null
    fi
fi
