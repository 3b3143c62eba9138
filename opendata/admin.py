"""Import/export for the staff admin, mixed into the model admins of actors,
networks and events (their admin.py files add it with one line each)."""

from import_export.admin import ExportMixin, ImportExportMixin
from import_export.formats.base_formats import CSV, JSON, XLSX


class PortalImportExportMixin(ImportExportMixin):
    """CSV and Excel import (dry-run preview first); CSV, Excel and JSON export of the
    current, filtered changelist. Staff who may change a model may import it."""

    import_formats = [CSV, XLSX]
    export_formats = [CSV, XLSX, JSON]


class PortalExportMixin(ExportMixin):
    """Export only (CSV, Excel, JSON) for the smaller lists: regions, expert exchanges."""

    export_formats = [CSV, XLSX, JSON]
