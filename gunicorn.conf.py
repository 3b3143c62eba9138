"""gunicorn settings; every value can be overridden from the environment.

    gunicorn -c gunicorn.conf.py ludwigsburg_portal.wsgi

Sync workers: the portal is server-rendered and short-running; a slow client is
buffered by nginx, which sits in front in every deployment.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# The classic (2 × CPUs) + 1: one worker per core waits on PostgreSQL while another runs.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
worker_class = "gthread" if threads > 1 else "sync"
# A request that takes longer is killed (and logged); PostgreSQL outages are cut
# much earlier by DB_CONNECT_TIMEOUT and answered with 503.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "20"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
# Recycle workers now and then so a slow leak cannot grow for ever.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "200"))
# Load the application before forking: faster worker start, shared memory pages.
preload_app = os.environ.get("GUNICORN_PRELOAD", "true").lower() in {"1", "true", "yes"}
# Headers from nginx on loopback are trusted (X-Forwarded-Proto, X-Forwarded-For).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Logs to stdout (journald or the container runtime collects them). The access log
# is one JSON line without client address and without query string (personal data);
# set GUNICORN_ACCESSLOG to empty to rely on the application's own access log only.
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "info")
access_log_format = (
    '{"logger": "gunicorn.access", "method": "%(m)s", "path": "%(U)s", "status": %(s)s, '
    '"duration_ms": %(M)s, "bytes": "%(B)s", "request_id": "%({x-request-id}o)s"}'
)
proc_name = os.environ.get("GUNICORN_PROC_NAME", "ludwigsburg-portal")
