#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests (tests/browser/), once.
# Idempotent: does nothing when /usr/bin/chromium exists. Playwright's own browser
# download (`playwright install`) is never used: only package registries are reachable,
# and the distribution package gets security updates with the rest of the system.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
    echo "chromium already installed: $(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium)"
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y chromium
/usr/bin/chromium --version
