"""The django-import-export resource every spreadsheet export of the portal builds on.

Exports go through :func:`ludwigsburg_portal.spreadsheet.safe_cell`, so text that a
spreadsheet program would run as a formula arrives as text; imports undo that
prefix again (:func:`~ludwigsburg_portal.spreadsheet.restore_cell`), so a file
exported and imported unchanged still changes nothing. Native numbers and dates
(Excel exports) are left alone.
"""

from import_export import resources

from .spreadsheet import restore_cell, safe_cell


class SpreadsheetSafeResource(resources.ModelResource):
    def export_field(self, field, instance, **kwargs):
        return safe_cell(super().export_field(field, instance, **kwargs))

    def before_import_row(self, row, **kwargs):
        super().before_import_row(row, **kwargs)
        for column, value in row.items():
            row[column] = restore_cell(value)
