"""Spreadsheet files as staff have them: reading any CSV or Excel file, writing CSV that
German Excel opens.

German Excel writes CSV with semicolons and, depending on the version, in Windows-1252
or in UTF-8 with or without a byte order mark; LibreOffice usually writes commas; some
tools write tabs. :func:`read_table` finds out which (an Excel file saved as ``.csv``
by mistake is read as Excel too). :func:`write_csv` writes what German Excel opens
with a double click: UTF-8 with a byte order mark (or umlauts arrive garbled) and
semicolons (or everything lands in column A).

:class:`StaffCSV` and :class:`StaffXLSX` are the django-import-export formats of the
admin that use them.
"""

import csv
import io

import tablib
from import_export.formats.base_formats import CSV, XLSX

DELIMITERS = (";", ",", "\t")
BOM = "\ufeff"
ZIP_MAGIC = b"PK\x03\x04"  # an .xlsx file is a zip archive


def decode(data: bytes) -> str:
    """The text of a CSV file in UTF-8 (with or without BOM) or Windows-1252."""
    if data.startswith(BOM.encode()):
        return data[len(BOM.encode()) :].decode("utf-8", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # Windows-1252 leaves five bytes undefined; they would not be text anyway.
        return data.decode("cp1252", errors="replace")


def delimiter_of(text: str) -> str:
    """The delimiter of the header line: the one of ``; , tab`` found most often outside
    quotes (a header "Name, Vorname" in quotes does not count)."""
    header = text.split("\n", 1)[0]
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for char in header:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _without_empty_rows(rows: list[list]) -> list[list]:
    # Excel keeps rows that once had content as ";;;;" lines.
    return [row for row in rows if any(cell not in (None, "") for cell in row)]


def _dataset(rows: list[list]) -> tablib.Dataset:
    rows = _without_empty_rows(rows)
    if not rows:
        return tablib.Dataset()
    headers = [str(cell or "").strip().lstrip(BOM) for cell in rows[0]]
    width = len(headers)
    dataset = tablib.Dataset(headers=headers)
    for row in rows[1:]:
        row = list(row)[:width]
        dataset.append(row + [""] * (width - len(row)))
    return dataset


def read_csv(data: bytes | str) -> tablib.Dataset:
    text = decode(data) if isinstance(data, bytes) else data.lstrip(BOM)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter_of(text))
    return _dataset(list(reader))


def read_xlsx(data: bytes) -> tablib.Dataset:
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        sheet = workbook.worksheets[0]
        return _dataset([list(row) for row in sheet.iter_rows(values_only=True)])
    finally:
        workbook.close()


def read_table(data: bytes | str) -> tablib.Dataset:
    """A spreadsheet file (CSV in any of the above dialects, or XLSX) as a dataset."""
    if isinstance(data, bytes) and data.startswith(ZIP_MAGIC):
        return read_xlsx(data)
    return read_csv(data)


def write_csv(dataset: tablib.Dataset) -> bytes:
    """CSV for German Excel: UTF-8 with BOM, semicolons, CRLF line ends."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    if dataset.headers:
        writer.writerow(dataset.headers)
    writer.writerows(["" if cell is None else cell for cell in row] for row in dataset)
    return (BOM + out.getvalue()).encode("utf-8")


class StaffCSV(CSV):
    """CSV in and out of the admin: any dialect staff have in, German Excel's out."""

    def is_binary(self):
        return True  # the raw bytes reach create_dataset, which finds the encoding

    def get_read_mode(self):
        return "rb"

    def create_dataset(self, in_stream, **kwargs):
        return read_table(in_stream)

    def export_data(self, dataset, **kwargs):
        return write_csv(dataset)


class StaffXLSX(XLSX):
    """Excel in and out of the admin; a CSV chosen as Excel by mistake is read too."""

    def create_dataset(self, in_stream):
        if isinstance(in_stream, bytes) and not in_stream.startswith(ZIP_MAGIC):
            return read_csv(in_stream)
        return read_xlsx(in_stream)
