"""Import/export for the staff admin, mixed into the model admins of actors,
networks and events (their admin.py files add it with one line each)."""

from import_export.admin import ExportMixin, ImportExportMixin
from import_export.formats.base_formats import CSV, JSON, XLSX
from import_export.resources import modelresource_factory

from ludwigsburg_portal.export_form import VerboseNameExportForm
from ludwigsburg_portal.importexport import SpreadsheetSafeResource


class SpreadsheetSafeDefaultMixin:
    """Lists without a resource of their own export through the formula-safe base too."""

    export_form_class = VerboseNameExportForm  # the field picker in German

    def get_resource_classes(self, request):
        if not self.resource_classes:
            return [modelresource_factory(self.model, resource_class=SpreadsheetSafeResource)]
        return super().get_resource_classes(request)


class PortalImportExportMixin(SpreadsheetSafeDefaultMixin, ImportExportMixin):
    """CSV and Excel import (dry-run preview first); CSV, Excel and JSON export of the
    current, filtered changelist. Staff who may change a model may import it."""

    import_formats = [CSV, XLSX]
    export_formats = [CSV, XLSX, JSON]


class PortalExportMixin(SpreadsheetSafeDefaultMixin, ExportMixin):
    """Export only (CSV, Excel, JSON) for the smaller lists: regions, expert exchanges."""

    export_formats = [CSV, XLSX, JSON]
