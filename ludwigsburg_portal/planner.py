"""Fresh planner statistics after bulk writes.

PostgreSQL plans every query from the statistics ANALYZE collects. Autovacuum refreshes
them only after a threshold of changed rows and up to a minute later; until then a table
that just grew from a few rows to thousands is planned as if it were still tiny (nested
loops over "one" row, no index). Whoever writes many rows at once calls :func:`analyze`.
"""

from django.db import connection


def tables_of(*models) -> list[str]:
    """The tables of ``models`` and of their many-to-many relations, each once, in order."""
    tables: list[str] = []
    for model in models:
        related = [field.remote_field.through for field in model._meta.many_to_many]
        for table in (m._meta.db_table for m in (model, *related)):
            if table not in tables:
                tables.append(table)
    return tables


def analyze(*models) -> list[str]:
    """ANALYZE the tables of ``models`` (and their many-to-many tables); returns them.

    Allowed inside a transaction: the statistics then count the transaction's own
    new rows and are kept with its commit.
    """
    tables = tables_of(*models)
    if tables:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(t) for t in tables))
    return tables
