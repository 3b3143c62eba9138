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

What staff have is what an import takes (the formats in
:mod:`ludwigsburg_portal.spreadsheet_files` read CSV in every dialect and Excel):
- the header may be the German column label (what the export writes) or the internal
  column name, in any case;
- a choice may be the label staff see ("Verein (e.V.)", "Entwurf") or its code; yes/no
  columns take "ja"/"nein"; related records their slug or name;
- every bad cell is reported at once (row as in the spreadsheet, column label, value,
  what is allowed), in German, by :func:`import_problems`; nothing is imported then.
Exports write the German labels and values, so an export imports again unchanged.

Exports go through :func:`ludwigsburg_portal.spreadsheet.safe_cell`, so text that a
spreadsheet program would run as a formula arrives as text; imports undo that
prefix again (:func:`~ludwigsburg_portal.spreadsheet.restore_cell`), so a file
exported and imported unchanged still changes nothing. Native numbers and dates
(Excel exports) are left alone.
"""

import re

from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import models
from django.template.response import TemplateResponse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import override
from import_export import fields, resources, widgets
from import_export.admin import ExportMixin, ImportExportMixin
from import_export.formats.base_formats import JSON
from import_export.resources import modelresource_factory
from taggit.models import Tag

from .export_form import VerboseNameExportForm
from .planner import analyze
from .spreadsheet import restore_cell, safe_cell
from .spreadsheet_files import StaffCSV, StaffXLSX


def _norm(value) -> str:
    """A cell or header as compared: case, surrounding and repeated spaces do not count."""
    return " ".join(str(value).split()).casefold()


def _german(text) -> str:
    with override("de"):
        return str(text)


def _listing(values) -> str:
    return ", ".join(f"„{value}“" for value in values)


class ImportFileProblems(Exception):
    """What is wrong with the file as a whole (its columns), in sentences for staff."""

    def __init__(self, messages: list[str]):
        super().__init__(" ".join(messages))
        self.messages = messages


class SpreadsheetSafeResource(resources.ModelResource):
    def export_field(self, field, instance, **kwargs):
        return safe_cell(super().export_field(field, instance, **kwargs))

    def before_import_row(self, row, **kwargs):
        super().before_import_row(row, **kwargs)
        for column, value in row.items():
            row[column] = restore_cell(value)


class PortalResource(SpreadsheetSafeResource):
    """Shared import behaviour (see module docstring); exports are formula-safe."""

    @classmethod
    def field_from_django_field(cls, field_name, django_field, readonly):
        field = super().field_from_django_field(field_name, django_field, readonly)
        if django_field.choices:
            empty = None if django_field.null else ""
            field.widget = ChoiceWidget(django_field.flatchoices, empty=empty)
        elif isinstance(django_field, models.BooleanField):
            field.widget = YesNoWidget()
        elif isinstance(django_field, models.DateTimeField):
            field.widget = GermanDateTimeWidget()
        elif isinstance(django_field, models.DateField):
            field.widget = GermanDateWidget()
        return field

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        try:
            return super().import_field(field, instance, row, is_m2m, **kwargs)
        except (ValueError, ArithmeticError, TypeError) as error:
            for widget_class, expected in EXPECTED:
                if isinstance(field.widget, widget_class):
                    raise ValueError(str(expected)) from error
            if isinstance(error, ValueError):
                raise
            raise ValueError(_("Dieser Wert ist nicht zulässig.")) from error

    # --- columns ---------------------------------------------------------------------

    def column_label(self, field) -> str:
        """The German label of a column: the model field's verbose name."""
        name = field.attribute or field.column_name
        try:
            model_field = self._meta.model._meta.get_field(name.removesuffix("_id"))
        except FieldDoesNotExist:
            return field.column_name
        return capfirst(_german(model_field.verbose_name))

    def label_of(self, name: str) -> str:
        """The label for a column or field name (as in an error dict)."""
        for field in self.fields.values():
            if name in (field.column_name, field.attribute):
                return self.column_label(field)
        return name

    def get_export_headers(self, selected_fields=None):
        return [self.column_label(field) for field in self.get_export_fields(selected_fields)]

    def _header_names(self) -> dict[str, str]:
        """Every header an import accepts → the column it stands for."""
        names = {}
        for field in self.get_import_fields():
            names[_norm(field.column_name)] = field.column_name
            names[_norm(self.column_label(field))] = field.column_name
        return names

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        names = self._header_names()
        headers, unknown = [], []
        for header in dataset.headers or []:
            column = names.get(_norm(header or ""))
            if column is None:
                unknown.append(str(header or ""))
            headers.append(column or header)
        if dataset.headers:
            dataset.headers = headers
        problems = []
        if unknown:
            problems.append(
                _("Unbekannte Spalten: %(unknown)s. Erlaubt sind: %(allowed)s.")
                % {
                    "unknown": _listing(unknown),
                    "allowed": _listing(self.column_label(f) for f in self.get_import_fields()),
                }
            )
        missing = [
            self.column_label(self.fields[name])
            for name in self.get_import_id_fields()
            if name not in headers
        ]
        if missing:
            problems.append(
                _(
                    "Es fehlen Spalten, an denen die Einträge erkannt werden: %(missing)s. "
                    "Bitte verwenden Sie die Kopfzeile der Exportdatei."
                )
                % {"missing": _listing(missing)}
            )
        if problems:
            del dataset[0 : len(dataset)]  # no row is read against the wrong columns
            raise ImportFileProblems(problems)
        # The cells as in the file, for the report (rows number from 1 like the library's).
        self.import_cells = dict(enumerate(dataset.dict, 1))
        self.import_columns = list(headers)

    def get_instance(self, instance_loader, row):
        """The record a row updates; a row whose key cells name no existing record (an
        unknown actor in a membership) is reported like any other bad cell, together
        with the row's other bad cells."""
        try:
            return super().get_instance(instance_loader, row)
        except (ValueError, ValidationError):
            errors = {}
            for name in self.get_import_id_fields():
                field = self.fields[name]
                try:
                    field.clean(row)
                except (ValueError, ValidationError) as error:
                    errors[field.attribute] = ValidationError(
                        " ".join(getattr(error, "messages", [str(error)])), code="invalid"
                    )
            try:
                self.import_instance(self._meta.model(), row)
            except ValidationError as error:
                for name, messages in error.message_dict.items():
                    errors.setdefault(name, ValidationError(messages))
            raise ValidationError(errors) from None

    def import_instance(self, instance, row, **kwargs):
        """As the library does, but the many-to-many cells are checked in the same pass,
        so a bad SDG is reported together with a bad kind in the same row."""
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for field in self.get_import_fields():
            if isinstance(field.widget, widgets.ManyToManyWidget) and field.column_name in row:
                try:
                    field.clean(row, **kwargs)
                except ValueError as error:
                    errors[field.attribute] = ValidationError(str(error), code="invalid")
        if errors:
            raise ValidationError(errors)

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


class ChoiceWidget(widgets.Widget):
    """A choice as the label staff see ("Verein (e.V.)") or as its code ("association");
    written as the German label."""

    def __init__(self, choices, *, empty=""):
        super().__init__()
        self.choices = [(code, label) for code, label in choices if code not in ("", None)]
        self.empty = empty

    def clean(self, value, row=None, **kwargs):
        if value is None or str(value).strip() == "":
            return self.empty  # a required choice is reported by the model's validation
        wanted = _norm(value)
        for code, label in self.choices:
            with override("en"):
                english = str(label)
            if wanted in (_norm(code), _norm(_german(label)), _norm(english)):
                return code
        raise ValueError(
            _("Dieser Wert ist nicht zulässig. Erlaubt sind: %(allowed)s.")
            % {"allowed": _listing(_german(label) for _code, label in self.choices)}
        )

    def render(self, value, obj=None, **kwargs):
        labels = dict(self.choices)
        return _german(labels[value]) if value in labels else ("" if value is None else value)


class GermanDateWidget(widgets.DateWidget):
    """A date as the export writes it (2026-03-28) or as German Excel does (28.03.2026)."""

    def __init__(self):
        super().__init__()
        self.formats = (*self.formats, "%d.%m.%Y", "%d.%m.%y")

    def clean(self, value, row=None, **kwargs):
        return super().clean(value.strip() if isinstance(value, str) else value, row, **kwargs)


class GermanDateTimeWidget(widgets.DateTimeWidget):
    """A time as the export writes it (2026-03-28 19:00:00) or as German Excel does
    (28.03.2026 19:00)."""

    def __init__(self):
        super().__init__()
        german = ("%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M", "%d.%m.%Y")
        self.formats = (*self.formats, *german)

    def clean(self, value, row=None, **kwargs):
        return super().clean(value.strip() if isinstance(value, str) else value, row, **kwargs)


# What a cell of a library widget must look like, for the report (its own messages are English).
EXPECTED = [
    (
        widgets.DateTimeWidget,
        _lazy("Bitte geben Sie Datum und Uhrzeit an, z. B. 28.03.2026 19:00."),
    ),
    (widgets.DateWidget, _lazy("Bitte geben Sie ein Datum an, z. B. 28.03.2026.")),
    (widgets.IntegerWidget, _lazy("Bitte geben Sie eine ganze Zahl an, z. B. 1985.")),
    (widgets.NumberWidget, _lazy("Bitte geben Sie eine Zahl an, z. B. 48,8975.")),
]


class YesNoWidget(widgets.BooleanWidget):
    """Yes/no as "ja"/"nein" (also 1/0, x, true/false); anything else is an error."""

    TRUE_TEXTS = {"ja", "j", "x", "1", "true", "wahr", "yes"}
    FALSE_TEXTS = {"nein", "n", "0", "false", "falsch", "no", ""}

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, bool):
            return value
        text = _norm("" if value is None else value)
        if text in self.TRUE_TEXTS:
            return True
        if text in self.FALSE_TEXTS:
            return False
        raise ValueError(_("Bitte geben Sie „ja“ oder „nein“ an."))

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return _("ja") if value else _("nein")


class SlugOrNameForeignKeyWidget(widgets.ForeignKeyWidget):
    """A related record by its slug or its name (as staff see it in the admin)."""

    def __init__(self, model, name_field="name"):
        super().__init__(model, "slug")
        self.name_field = name_field

    def clean(self, value, row=None, **kwargs):
        if value is None or str(value).strip() == "":
            return None
        text = str(value).strip()
        match = self.model.objects.filter(slug=text).first() or (
            self.model.objects.filter(**{f"{self.name_field}__iexact": text}).first()
        )
        if match is None:
            raise ValueError(
                _("Kein Eintrag „%(model)s“ mit diesem Kurznamen oder Namen vorhanden.")
                % {"model": _german(self.model._meta.verbose_name)}
            )
        return match


class StrictManyToManyWidget(widgets.ManyToManyWidget):
    """Comma-separated values; every value must exist. Rendered sorted, so exports are stable.

    A value is looked up in ``lookups`` (case-insensitive; default: the rendered field).
    Names may contain commas themselves ("Korea, Republik"): the longest run of
    comma-separated parts that names a record wins.
    """

    def __init__(self, model, field="pk", *, lookups=None, allowed="", **kwargs):
        super().__init__(model, field=field, **kwargs)
        self.lookups = lookups or (field,)
        self.allowed = allowed

    def normalise(self, part: str) -> str:
        return part

    def _index(self) -> dict[str, object]:
        index = {}
        for obj in self.model.objects.all():
            for lookup in self.lookups:
                key = getattr(obj, lookup)
                if key not in (None, ""):
                    index.setdefault(_norm(key), obj)
        return index

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return self.model.objects.none()
        parts = [self.normalise(part.strip()) for part in str(value).split(self.separator)]
        parts = [part for part in parts if part]
        index = self._index()
        found, missing, start = [], [], 0
        while start < len(parts):
            for end in range(len(parts), start, -1):
                key = _norm(", ".join(parts[start:end]))
                if key in index:
                    found.append(index[key].pk)
                    start = end
                    break
            else:
                missing.append(parts[start])
                start += 1
        if missing:
            message = _("Unbekannte Werte: %(values)s") % {"values": ", ".join(sorted(missing))}
            if self.allowed:
                message += ". " + str(self.allowed)
            raise ValueError(message)
        return self.model.objects.filter(pk__in=found)

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return self.separator.join(sorted(str(getattr(item, self.field)) for item in value.all()))


class TagsWidget(widgets.ManyToManyWidget):
    """Topics as comma-separated names; new topics are created (as in the admin form).

    ``resolve`` turns the typed names into the names to store; the app that owns the
    topics' spelling rule passes it (actors: a name spelt like an existing topic is
    that topic)."""

    def __init__(self, resolve=None):
        super().__init__(Tag, separator=",", field="name")
        self.resolve = resolve or (lambda parts: {part.strip() for part in parts if part.strip()})

    def clean(self, value, row=None, **kwargs):
        names = set(self.resolve(str(value or "").split(",")))
        for name in names:
            if not Tag.objects.filter(name=name).exists():
                Tag.objects.create(name=name)
        return Tag.objects.filter(name__in=names)

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return ", ".join(sorted(tag.name for tag in value.all()))


class NumbersWidget(StrictManyToManyWidget):
    """Numbers such as SDGs: "4, 13", also "SDG 4" or, from Excel, 4.0."""

    def normalise(self, part: str) -> str:
        part = re.sub(r"^(sdg|ziel)\s*", "", part, flags=re.IGNORECASE)
        return re.sub(r"^(\d+)[.,]0+$", r"\1", part)


def slug_foreign_key(column: str, model, name_field="name") -> fields.Field:
    """A foreign key written as the slug of the record it points to, read as its slug or
    its name."""
    return fields.Field(
        attribute=column, column_name=column, widget=SlugOrNameForeignKeyWidget(model, name_field)
    )


def import_problems(resource, result) -> list[str]:
    """Every problem of an import in one list of German sentences: the file's columns,
    then per row (numbered as in the spreadsheet, the header being row 1) each bad cell
    with its column label, its value and what is allowed."""
    problems = []
    for error in result.base_errors:
        if isinstance(error.error, ImportFileProblems):
            problems += error.error.messages
        else:
            problems.append(
                _(
                    "Die Datei konnte nicht verarbeitet werden. Bitte laden Sie die "
                    "Exportdatei dieser Liste als CSV- oder Excel-Datei hoch."
                )
            )
    cells = getattr(resource, "import_cells", {})
    in_file = getattr(resource, "import_columns", [])
    # The file's columns first, in its order.
    columns = sorted(
        resource.fields.values(),
        key=lambda f: in_file.index(f.column_name) if f.column_name in in_file else len(in_file),
    )
    found = []  # (row, column position, sentence)
    for row in result.invalid_rows:
        values = cells.get(row.number, {})
        for name, messages in row.field_specific_errors.items():
            position, column = next(
                (
                    (index, field.column_name)
                    for index, field in enumerate(columns)
                    if name in (field.attribute, field.column_name)
                ),
                (len(columns), name),
            )
            value = values.get(column)
            for message in messages:
                found.append(
                    (
                        row.number,
                        position,
                        _("Zeile %(row)d, Spalte „%(column)s“, Wert „%(value)s“: %(message)s")
                        % {
                            "row": row.number + 1,
                            "column": resource.label_of(name),
                            "value": "" if value is None else value,
                            "message": message,
                        },
                    )
                )
        for message in row.non_field_specific_errors:
            sentence = _("Zeile %(row)d: %(message)s") % {"row": row.number + 1, "message": message}
            found.append((row.number, len(columns) + 1, sentence))
    for line, errors in result.row_errors():
        for _error in errors:
            sentence = _("Zeile %(row)d: Dieser Eintrag konnte nicht gespeichert werden.") % {
                "row": line + 1
            }
            found.append((line, len(columns) + 2, sentence))
    return problems + [sentence for *_position, sentence in sorted(found, key=lambda f: f[:2])]


# --- Admin --------------------------------------------------------------------------


class SpreadsheetSafeDefaultMixin:
    """Lists without a resource of their own export through the formula-safe base too."""

    export_form_class = VerboseNameExportForm  # the field picker in German

    def get_resource_classes(self, request):
        if not self.resource_classes:
            return [modelresource_factory(self.model, resource_class=SpreadsheetSafeResource)]
        return super().get_resource_classes(request)

    def get_export_data(self, file_format, request, queryset, **kwargs):
        # The library writes native numbers and dates only for its own Excel class.
        if isinstance(file_format, StaffXLSX):
            if not self.has_export_permission(request):
                raise PermissionDenied
            data = self.get_data_for_export(request, queryset, force_native_type=True, **kwargs)
            return file_format.export_data(data)
        return super().get_export_data(file_format, request, queryset, **kwargs)


class PortalImportExportMixin(SpreadsheetSafeDefaultMixin, ImportExportMixin):
    """CSV and Excel import (dry-run preview first); CSV, Excel and JSON export of the
    current, filtered changelist. Staff who may change a model may import it.

    The preview lists every problem of the file in German (:func:`import_problems`)
    instead of the library's tables with field names and tracebacks."""

    import_formats = [StaffCSV, StaffXLSX]
    export_formats = [StaffCSV, StaffXLSX, JSON]
    import_template_name = "admin/import_export/portal_import.html"

    def import_action(self, request, **kwargs):
        response = super().import_action(request, **kwargs)
        resource = getattr(request, "import_resource", None)
        if isinstance(response, TemplateResponse) and resource is not None:
            result = response.context_data.get("result")
            if result is not None and (result.has_errors() or result.has_validation_errors()):
                response.context_data["import_problems"] = import_problems(resource, result)
        return response

    def choose_import_resource_class(self, form, request):
        resource_class = super().choose_import_resource_class(form, request)

        def remember(**kwargs):
            # The report needs the resource that read the file (its cells and labels);
            # kept on the request, since the admin serves every request.
            request.import_resource = resource_class(**kwargs)
            return request.import_resource

        return remember

    def add_data_read_fail_error_to_form(self, form, e):
        form.add_error(
            "import_file",
            _(
                "Die Datei konnte nicht gelesen werden. Bitte laden Sie eine CSV- oder "
                "Excel-Datei (.xlsx) hoch."
            ),
        )


class PortalExportMixin(SpreadsheetSafeDefaultMixin, ExportMixin):
    """Export only (CSV, Excel, JSON) for the smaller lists: regions, expert exchanges."""

    export_formats = [StaffCSV, StaffXLSX, JSON]
