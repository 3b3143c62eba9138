"""The CSV annex: every number of the report with the rows it counts.

One file, one ``section`` column: a ``summary`` row per number (``metric``,
``value``), then every record that number counts under the same ``metric``, so a
spreadsheet filter on ``metric`` shows what stands behind any figure. UTF-8 with
BOM (Excel), like the portal's other CSV downloads.
"""

import csv
import io

# A cell starting with one of these is read as a formula by spreadsheet programs.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def render_csv(data: dict) -> bytes:
    annex = data.get("annex") or {"columns": [], "rows": []}
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(annex["columns"])
    for row in annex["rows"]:
        writer.writerow([neutralise(cell) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
