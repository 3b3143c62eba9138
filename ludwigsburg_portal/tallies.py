"""Counts that the database keeps up to date on every write (the table ``portal_tally``).

A few pages show counts over every published record: the home page's totals, the world
map's number of actors per partner country. Counted on a visit, they read whole tables
(at 100,000 actors the world map's count alone reads 150,000 country links). Instead,
triggers count as the data changes: every statement that inserts, updates or deletes
rows of a counted table adds, in the same transaction, rows ``(name, key, delta)`` to
the journal ``portal_tally``, and a count is the sum of its deltas.

Why a journal of deltas rather than one row per count that triggers update:

- Writers never wait for one another and cannot deadlock over a counter row: they only
  insert. Two people publishing two actors at once do not queue behind one row.
- A write that rolls back takes its deltas with it; a reader sees exactly the counts of
  the committed data in its snapshot, never a count ahead of or behind the rows.
- Writes that send no Django signals count too (``QuerySet.update()``, ``bulk_create``,
  SQL typed into ``psql``): the triggers are in the database.

The triggers are statement-level with transition tables, so a bulk insert of 2,000 rows
adds one delta per key, not 2,000. Reading compacts: when a name's journal holds more
than ``COMPACT_AFTER`` rows beyond one per key, one statement replaces them by their
sums (``DELETE … RETURNING`` feeding an ``INSERT``, under an advisory lock so only one
process compacts a name at a time; rows written meanwhile are not in the statement's
snapshot and stay). The journal therefore stays about as small as the number of keys.

The owning app installs a count's triggers in a migration with :func:`row_count_sql`
(rows of one table meeting a condition, by a key column), :func:`link_count_sql`
(rows of a link table whose parent row meets a condition, by a column of the link) or
:func:`flag_sql` (1 for each key whose rows meet a condition, read with :func:`keys`) and
names, in its ``AppConfig.ready()``, the query that counts the same thing the slow way
with :func:`register`; the tests and ``manage.py check_tallies`` compare the two.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable

from django.db import connection, transaction
from django.db.models import Sum

from .models import Tally

TABLE = "portal_tally"
COMPACT_AFTER = 200

# name -> (the slow count {key: count}, the tables it reads)
_registry: dict[str, tuple[Callable[[], dict[int, int]], tuple[str, ...]]] = {}


def register(name: str, compute: Callable[[], dict[int, int]], *, tables: tuple[str, ...]):
    """Name the query that counts ``name`` from the data itself and the tables it reads
    (for the checks, and for :func:`recount`, which locks them)."""
    _registry[name] = (compute, tables)


def names() -> list[str]:
    return sorted(_registry)


def counts(name: str, *, above: int | None = None) -> dict[int, int]:
    """``{key: count}`` of every key whose count is not zero (only keys above ``above``)."""
    return counts_of(name, above={} if above is None else {name: above})[name]


def counts_of(*names: str, above: dict[str, int] | None = None) -> dict[str, dict[int, int]]:
    """:func:`counts` of each of ``names``, in one query; ``above`` limits a name to its
    keys above a bound (the days still to come of a count by day: the index on name and
    key reads those, however many days lie behind)."""
    above = above or {}
    parts, params = [], []
    for name in names:
        bound = " AND key > %s" if name in above else ""
        parts.append(
            f"SELECT name, key, SUM(delta), COUNT(*) FROM {TABLE} WHERE name = %s{bound} "
            "GROUP BY name, key"
        )
        params += [name, above[name]] if name in above else [name]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        rows = cursor.fetchall()
    found: dict[str, dict[int, int]] = {name: {} for name in names}
    journal, keys = dict.fromkeys(names, 0), dict.fromkeys(names, 0)
    for name, key, total_, entries in rows:
        journal[name] += entries
        keys[name] += 1
        if total_:
            found[name][key] = int(total_)
    for name in names:
        if journal[name] > keys[name] + COMPACT_AFTER:
            compact(name)
    return found


def total(name: str) -> int:
    """The sum over every key (a count kept under the single key 0 is just that count)."""
    return sum(counts(name).values())


def compact(name: str) -> bool:
    """Replace ``name``'s journal by one row per key; False if another process is at it."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s, %s)", [_LOCK_SPACE, _lock_id(name)])
        if not cursor.fetchone()[0]:
            return False
        cursor.execute(
            f"WITH gone AS (DELETE FROM {TABLE} WHERE name = %s RETURNING key, delta) "
            f"INSERT INTO {TABLE} (name, key, delta) "
            "SELECT %s, key, SUM(delta) FROM gone GROUP BY key HAVING SUM(delta) <> 0",
            [name, name],
        )
    return True


def recount(name: str) -> None:
    """Replace ``name``'s journal by the slow count (``manage.py check_tallies --repair``).

    The counted tables are locked against writes (not reads) until the new journal is
    committed, so no write falls between the count and its journal."""
    compute, tables = _registry[name]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"LOCK TABLE {', '.join(tables)} IN SHARE MODE")  # constant names
        expected = compute()
        cursor.execute(f"DELETE FROM {TABLE} WHERE name = %s", [name])
        cursor.executemany(
            f"INSERT INTO {TABLE} (name, key, delta) VALUES (%s, %s, %s)",
            [(name, key, n) for key, n in expected.items() if n],
        )


def differences(name: str) -> dict[int, tuple[int, int]]:
    """``{key: (kept, counted)}`` where the kept count and the slow count disagree."""
    kept, counted = counts(name), {k: n for k, n in _registry[name][0]().items() if n}
    return {
        key: (kept.get(key, 0), counted.get(key, 0))
        for key in kept.keys() | counted.keys()
        if kept.get(key, 0) != counted.get(key, 0)
    }


_LOCK_SPACE = 7_302_025  # advisory locks of this module: (space, crc32 of the name)


def _lock_id(name: str) -> int:
    return zlib.crc32(name.encode()) - 2**31  # into PostgreSQL's int4


# --- Triggers --------------------------------------------------------------------------
# Conditions and keys are SQL templates over ``{r}``, the alias of the counted (or parent)
# row: constants written in migrations, never user input.


def _function(name: str, body: str) -> str:
    return (
        f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$\n"
        f"BEGIN\n{body}\nRETURN NULL;\nEND $$;\n"
    )


def _trigger(function: str, table: str, event: str) -> str:
    referencing = {
        "INSERT": "NEW TABLE AS new_rows",
        "UPDATE": "OLD TABLE AS old_rows NEW TABLE AS new_rows",
        "DELETE": "OLD TABLE AS old_rows",
    }[event]
    return (
        f"CREATE TRIGGER {function}_{event.lower()} AFTER {event} ON {table} "
        f"REFERENCING {referencing} FOR EACH STATEMENT EXECUTE FUNCTION {function}();\n"
    )


def _journal(name: str, *selects: str) -> str:
    """Adds the deltas ``selects`` yield (columns key, d) to the journal, summed by key."""
    union = " UNION ALL ".join(selects)
    return (
        f"INSERT INTO {TABLE} (name, key, delta) SELECT '{name}', key, SUM(d) "
        f"FROM ({union}) AS deltas GROUP BY key HAVING SUM(d) <> 0;"
    )


def _by_operation(insert: str, delete: str, update: str) -> str:
    return (
        f"IF TG_OP = 'INSERT' THEN\n{insert}\n"
        f"ELSIF TG_OP = 'DELETE' THEN\n{delete}\n"
        f"ELSE\n{update}\nEND IF;"
    )


def row_count_sql(
    *, name: str, function: str, table: str, condition: str, key: str = "0"
) -> tuple[str, str]:
    """(forward, reverse) SQL for a count of ``table``'s rows meeting ``condition``, by
    ``key`` (a bigint; 0 for a single count). Both are templates over ``{r}``."""

    def rows(transition: str, sign: str) -> str:
        where = condition.format(r="r")
        return f"SELECT {key.format(r='r')} AS key, {sign}1 AS d FROM {transition} r WHERE {where}"

    body = _by_operation(
        _journal(name, rows("new_rows", "+")),
        _journal(name, rows("old_rows", "-")),
        _journal(name, rows("new_rows", "+"), rows("old_rows", "-")),
    )
    forward = (
        _function(function, body)
        + "".join(_trigger(function, table, event) for event in ("INSERT", "UPDATE", "DELETE"))
        + _initial(name, rows(table, "+"))
    )
    return forward, _drop(name, [(function, table, ("insert", "update", "delete"))])


def link_count_sql(
    *,
    name: str,
    function: str,
    link_table: str,
    parent_column: str,
    key: str,
    parent_table: str,
    condition: str,
) -> tuple[str, str]:
    """(forward, reverse) SQL for a count of ``link_table``'s rows whose parent row (in
    ``parent_table``, by ``parent_column``) meets ``condition`` (a template over ``{r}``,
    the parent), by ``key`` (a column of the link).

    A link written while another transaction changes whether its parent meets the
    condition would otherwise be counted by neither (each sees the other's change
    uncommitted): the link's trigger first takes a share lock on the parents, which
    waits for such a change to commit, and its next statement sees the change. Share
    locks do not conflict with each other, so writers of links never wait for one
    another; a parent's change waits for the links being written to commit, and then
    counts them."""
    link, parent = f"{function}_link", f"{function}_parent"

    def links(transition: str, sign: str) -> str:
        return (
            f"SELECT l.{key} AS key, {sign}1 AS d FROM {transition} l "
            f"JOIN {parent_table} r ON r.id = l.{parent_column} WHERE {condition.format(r='r')}"
        )

    def lock(transition: str) -> str:
        return (
            f"PERFORM 1 FROM {parent_table} r WHERE r.id IN "
            f"(SELECT {parent_column} FROM {transition}) ORDER BY r.id FOR SHARE;"
        )

    link_body = _by_operation(
        lock("new_rows") + "\n" + _journal(name, links("new_rows", "+")),
        lock("old_rows") + "\n" + _journal(name, links("old_rows", "-")),
        lock("old_rows")
        + "\n"
        + lock("new_rows")
        + "\n"
        + _journal(name, links("new_rows", "+"), links("old_rows", "-")),
    )
    # A parent that starts or stops meeting the condition counts or uncounts its links;
    # a deleted parent uncounts the links still there. Django deletes the links first,
    # but the foreign keys are deferred, so either order must count right: the link's
    # trigger finds no parent after it, the parent's finds no links after them.
    now, before = condition.format(r="n"), condition.format(r="o")
    changed = (
        f"SELECT l.{key} AS key, CASE WHEN {now} THEN 1 ELSE -1 END AS d "
        f"FROM new_rows n JOIN old_rows o ON o.id = n.id "
        f"JOIN {link_table} l ON l.{parent_column} = n.id "
        f"WHERE ({now}) IS DISTINCT FROM ({before})"
    )
    deleted = (
        f"SELECT l.{key} AS key, -1 AS d FROM old_rows o "
        f"JOIN {link_table} l ON l.{parent_column} = o.id WHERE {before}"
    )
    parent_body = (
        f"IF TG_OP = 'DELETE' THEN\n{_journal(name, deleted)}\n"
        f"ELSE\n{_journal(name, changed)}\nEND IF;"
    )
    forward = (
        _function(link, link_body)
        + "".join(_trigger(link, link_table, event) for event in ("INSERT", "UPDATE", "DELETE"))
        + _function(parent, parent_body)
        + "".join(_trigger(parent, parent_table, event) for event in ("UPDATE", "DELETE"))
        + _initial(name, links(link_table, "+"))
    )
    reverse = _drop(
        name,
        [
            (parent, parent_table, ("update", "delete")),
            (link, link_table, ("insert", "update", "delete")),
        ],
    )
    return forward, reverse


def flag_sql(
    *, name: str, function: str, table: str, key: str, holds: str, holding: str
) -> tuple[str, str]:
    """(forward, reverse) SQL for a flag per value of ``table``'s column ``key``: 1 while
    ``holds`` (an SQL condition over ``{k}``, the key's value) is true, else no count.
    ``holding`` selects every key it holds for (column ``key``), for the install.

    Whether an event has two participants is no sum of its rows' own deltas: each
    statement asks ``holds`` again for every key it touched, in one query, and writes the
    difference to what is kept. Two transactions writing rows of one key at once (two
    actors joining one event) would each see only their own row; so the statement first
    takes an advisory lock of each of the keys' ``FLAG_LOCKS`` buckets (key modulo
    ``FLAG_LOCKS``), in bucket order: the second waits for the first to commit and then, in
    its next query, sees the first one's rows. Buckets rather than one lock per key: a
    bulk load touching 20,000 events in one transaction holds at most ``FLAG_LOCKS``
    locks, where one per key would exhaust PostgreSQL's shared lock table
    (``max_locks_per_transaction``); two writers of different keys in one bucket merely
    take turns."""
    check = holds.format(k="u.k")
    base = _lock_id(name) % (2**31 // FLAG_LOCKS) * FLAG_LOCKS
    body = (
        f"CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$\n"
        "DECLARE keys bigint[]; b integer;\n"
        "BEGIN\n"
        + _by_operation(
            f"keys := ARRAY(SELECT DISTINCT r.{key} FROM new_rows r);",
            f"keys := ARRAY(SELECT DISTINCT r.{key} FROM old_rows r);",
            f"keys := ARRAY(SELECT r.{key} FROM new_rows r UNION SELECT r.{key} FROM old_rows r);",
        )
        + f"\nFOREACH b IN ARRAY ARRAY(SELECT DISTINCT (x % {FLAG_LOCKS})::integer "
        "FROM unnest(keys) x ORDER BY 1) LOOP\n"
        f"  PERFORM pg_advisory_xact_lock({_FLAG_LOCK_SPACE}, {base} + b);\n"
        "END LOOP;\n"
        f"INSERT INTO {TABLE} (name, key, delta)\n"
        f"SELECT '{name}', s.k, s.flag - s.kept FROM (\n"
        f"  SELECT u.k, CASE WHEN {check} THEN 1 ELSE 0 END AS flag,\n"
        f"    (SELECT COALESCE(SUM(t.delta), 0) FROM {TABLE} t\n"
        f"      WHERE t.name = '{name}' AND t.key = u.k) AS kept\n"
        "  FROM unnest(keys) AS u(k)) s\n"
        "WHERE s.flag <> s.kept;\n"
        "RETURN NULL;\nEND $$;\n"
    )
    forward = (
        body
        + "".join(_trigger(function, table, event) for event in ("INSERT", "UPDATE", "DELETE"))
        + f"DELETE FROM {TABLE} WHERE name = '{name}';\n"
        + f"INSERT INTO {TABLE} (name, key, delta) "
        f"SELECT '{name}', h.{key}, 1 FROM ({holding}) h;\n"
    )
    return forward, _drop(name, [(function, table, ("insert", "update", "delete"))])


_FLAG_LOCK_SPACE = 7_302_027  # advisory locks of the flags' triggers: (space, bucket)
FLAG_LOCKS = 64  # buckets of keys per flag, so at most this many locks per transaction


def keys(name: str):
    """The keys whose count is not zero, as a subquery (``pk__in=tallies.keys(…)``): the
    keys of a flag, read by the index on name and key."""
    return (
        Tally.objects.filter(name=name)
        .order_by()
        .values("key")
        .annotate(kept=Sum("delta"))
        .exclude(kept=0)
        .values("key")
    )


def _initial(name: str, select: str) -> str:
    """The count of the rows already there, written when the triggers are installed."""
    return f"DELETE FROM {TABLE} WHERE name = '{name}';\n" + _journal(name, select) + "\n"


def _drop(name: str, functions: list[tuple[str, str, tuple[str, ...]]]) -> str:
    statements = []
    for function, table, events in functions:
        statements += [f"DROP TRIGGER IF EXISTS {function}_{e} ON {table};" for e in events]
        statements.append(f"DROP FUNCTION IF EXISTS {function}();")
    statements.append(f"DELETE FROM {TABLE} WHERE name = '{name}';")
    return "\n".join(statements) + "\n"
