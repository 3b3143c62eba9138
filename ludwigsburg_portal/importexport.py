"""Staff import and export (django-import-export): the base resource, the widgets and the
admin mixins every app's ``resources.py`` and ``admin.py`` build on.

Rules every resource built on :class:`PortalResource` follows:
- records are matched by slug (link tables, which have no slug, by the slugs of both
  ends + role (+ start date)), so importing the same file twice changes nothing
  (``skip_unchanged``);
- every row is validated with ``full_clean()`` (``clean_model_instances``), so the
  model's constraints come back as row errors with the row number;
- an import is all-or-nothing (``use_transactions``): one bad row and nothing is
  written; a successful one refreshes the planner statistics of its tables (ANALYZE);
- many-to-many columns (topics, SDGs, regions) are comma-separated; an unknown
  SDG number or region slug is an error, not silently dropped.

Exports go through :func:`ludwigsburg_portal.spreadsheet.safe_cell`, so text that a
spreadsheet program would run as a formula arrives as text; imports undo that
prefix again (:func:`~ludwigsburg_portal.spreadsheet.restore_cell`), so a file
exported and imported unchanged still changes nothing. Native numbers and dates
(Excel exports) are left alone.
"""

from django.db import models
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets
from import_export.admin import ExportMixin, ImportExportMixin
from import_export.formats.base_formats import CSV, JSON, XLSX
from import_export.resources import modelresource_factory
from taggit.models import Tag

from .planner import analyze
from .spreadsheet import restore_cell, safe_cell


class SpreadsheetSafeResource(resources.ModelResource):
    def export_field(self, field, instance, **kwargs):
        return safe_cell(super().export_field(field, instance, **kwargs))

    def before_import_row(self, row, **kwargs):
        super().before_import_row(row, **kwargs)
        for column, value in row.items():
            row[column] = restore_cell(value)


class PortalResource(SpreadsheetSafeResource):
    """Shared import behaviour (see module docstring); exports are formula-safe."""

    def import_data(self, dataset, *args, rollback_on_validation_errors=True, **kwargs):
        # All or nothing also for validation errors (the library's default rolls back
        # only on exceptions): one invalid row and no row is written.
        return super().import_data(
            dataset, *args, rollback_on_validation_errors=rollback_on_validation_errors, **kwargs
        )

    def after_import(self, dataset, result, **kwargs):
        # A spreadsheet may add thousands of rows at once: refresh the planner statistics
        # (inside the import's transaction, so a failed import leaves them as they were).
        written = sum(result.totals[kind] for kind in ("new", "update", "delete"))
        if written and not kwargs.get("dry_run"):
            analyze(self._meta.model)

    def before_import_row(self, row, **kwargs):
        super().before_import_row(row, **kwargs)
        # Empty spreadsheet cells arrive as None; text columns store "" instead (NOT NULL).
        for field in self._meta.model._meta.concrete_fields:
            is_text = isinstance(field, models.CharField | models.TextField)
            if is_text and not field.null and field.name in row and row[field.name] is None:
                row[field.name] = ""

    class Meta:
        skip_unchanged = True
        report_skipped = True
        use_transactions = True
        clean_model_instances = True


class StrictManyToManyWidget(widgets.ManyToManyWidget):
    """Comma-separated values; every value must exist. Rendered sorted, so exports are stable."""

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return self.model.objects.none()
        wanted = {part.strip() for part in str(value).split(self.separator) if part.strip()}
        found = self.model.objects.filter(**{f"{self.field}__in": wanted})
        missing = wanted - {str(getattr(obj, self.field)) for obj in found}
        if missing:
            raise ValueError(
                _("Unbekannte Werte: %(values)s") % {"values": ", ".join(sorted(missing))}
            )
        return found

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return self.separator.join(sorted(str(getattr(item, self.field)) for item in value.all()))


class TagsWidget(widgets.ManyToManyWidget):
    """Topics as comma-separated names; new topics are created (as in the admin form)."""

    def __init__(self):
        super().__init__(Tag, separator=",", field="name")

    def clean(self, value, row=None, **kwargs):
        names = {part.strip() for part in str(value or "").split(",") if part.strip()}
        for name in names:
            if not Tag.objects.filter(name=name).exists():
                Tag.objects.create(name=name)
        return Tag.objects.filter(name__in=names)

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return ", ".join(sorted(tag.name for tag in value.all()))


def slug_foreign_key(column: str, model) -> fields.Field:
    """A foreign key written and read as the slug of the record it points to."""
    return fields.Field(
        attribute=column, column_name=column, widget=widgets.ForeignKeyWidget(model, "slug")
    )


# --- Admin --------------------------------------------------------------------------


class SpreadsheetSafeDefaultMixin:
    """Lists without a resource of their own export through the formula-safe base too."""

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
