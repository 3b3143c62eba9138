#!/usr/bin/env bash
# `make serve`: the production settings on this machine — hashed, compressed static
# files, migrations, gunicorn (gunicorn.conf.py) on HOST:PORT over plain HTTP.
set -euo pipefail
cd "$(dirname "$0")/.."

# Production needs the runtime packages only (requirements/base.txt). On a development
# machine .venv already has them: `make install` puts the test tools on top.
stamp=.venv/.installed-base
if [ ! -e "$stamp" ] || [ requirements/base.txt -nt "$stamp" ]; then
    test -x .venv/bin/python || "${PYTHON:-python3.11}" -m venv .venv
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements/base.txt
    touch "$stamp"
fi

export DJANGO_SETTINGS_MODULE=ludwigsburg_portal.settings.prod
if [ -z "${SECRET_KEY:-}" ]; then
    SECRET_KEY="local-only-$(.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(50))')"
    export SECRET_KEY
    echo "SECRET_KEY is not set: using a throwaway key for this LOCAL run only." >&2
    echo "(Sessions end when you stop the server. Never run production like this.)" >&2
fi
# Plain HTTP on loopback: no redirect to https:// (production keeps the default).
export SECURE_SSL_REDIRECT="${SECURE_SSL_REDIRECT:-false}"
export ALLOWED_HOSTS="${ALLOWED_HOSTS:-localhost,127.0.0.1,[::1]}"
export GUNICORN_BIND="${HOST:-127.0.0.1}:${PORT:-8000}"

.venv/bin/python manage.py collectstatic --noinput -v 0
.venv/bin/python manage.py migrate --noinput
echo "Serving http://${GUNICORN_BIND}/ with the production settings (Ctrl+C stops)." >&2
exec .venv/bin/gunicorn -c gunicorn.conf.py ludwigsburg_portal.wsgi
