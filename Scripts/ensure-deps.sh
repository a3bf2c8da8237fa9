#!/usr/bin/env bash
# Installs what building checkout-batch needs beyond the Swift toolchain, when it is missing: libxml2's headers
# (Debian's libxml2-dev) and pkg-config, through which SwiftPM finds them. Called by demo.sh and test.sh.
set -euo pipefail
if ! pkg-config --exists libxml-2.0 2>/dev/null; then
    echo "Installing libxml2-dev and pkg-config (needed to build the XML reader)..." >&2
    sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq libxml2-dev pkg-config >/dev/null
fi
