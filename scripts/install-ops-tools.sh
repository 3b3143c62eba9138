#!/usr/bin/env bash
# Installs the Debian packages the operations tests and scripts use, once:
# nginx (tests/ops run deploy/nginx-site.conf in front of two gunicorn instances),
# wrk (make loadtest), redis-server (shared cache; only if no Redis answers yet)
# and the PostgreSQL client tools (make backup / make restore with DATABASE_URL).
# Idempotent: does nothing when everything is there.
set -euo pipefail

missing=()
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
command -v wrk >/dev/null || missing+=(wrk)
command -v pg_dump >/dev/null || missing+=(postgresql-client)
if ! (exec 3<>/dev/tcp/127.0.0.1/6379) 2>/dev/null && ! command -v redis-server >/dev/null; then
    missing+=(redis-server)
fi
if [ ${#missing[@]} -eq 0 ]; then
    echo "ops tools already installed"
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# policy-rc.d 101: the packages must not start system services (nginx on port 80);
# the tests start their own nginx on a loopback port.
policy=/usr/sbin/policy-rc.d
created_policy=""
if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$policy" >/dev/null
    $SUDO chmod +x "$policy"
    created_policy=1
fi
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
if [ -n "$created_policy" ]; then
    $SUDO rm -f "$policy"
fi
