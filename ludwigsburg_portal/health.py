"""Health endpoints for load balancers and monitoring (JSON, never cached, no
language prefix, no HTTPS redirect).

- ``/healthz``: the process answers (liveness). Touches nothing else.
- ``/readyz``: the database answers and every migration is applied (readiness);
  503 otherwise, so a load balancer sends no traffic to an instance that cannot serve.
- ``/healthz/db``: one trivial query through the whole stack; the load test's ceiling.
"""

import logging

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.urls import path
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from ludwigsburg_portal.middleware import DATABASE_ERRORS

logger = logging.getLogger(__name__)

# Migrations only ever go from pending to applied while a process runs, so once
# they are all applied the (slow) check is not repeated.
_migrations_applied = False


@never_cache
@require_safe
def healthz(request):
    return JsonResponse({"status": "ok"})


@never_cache
@require_safe
def readyz(request):
    checks = {"database": "ok", "migrations": "ok"}
    try:
        connection = connections[DEFAULT_DB_ALIAS]
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        if not _all_migrations_applied(connection):
            checks["migrations"] = "pending"
    except DATABASE_ERRORS as exc:
        logger.warning("readiness check failed", extra={"error": type(exc).__name__})
        checks["database"] = "unavailable"
        checks["migrations"] = "unknown"
    ready = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if ready else "unavailable", "checks": checks},
        status=200 if ready else 503,
    )


def _all_migrations_applied(connection) -> bool:
    global _migrations_applied  # a per-process memo, see above
    if not _migrations_applied:
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        _migrations_applied = not plan
    return _migrations_applied


@never_cache
@require_safe
def database_ping(request):
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


app_name = "health"
urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("healthz/db", database_ping, name="database"),
    path("readyz", readyz, name="readyz"),
]
