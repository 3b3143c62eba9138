"""django-import-export resources: the spreadsheet columns staff export and import.

Rules every resource follows:
- records are matched by slug (memberships and participations, which have no
  slug, by actor slug + network/event slug + role (+ start date)), so importing
  the same file twice changes nothing (``skip_unchanged``);
- every row is validated with ``full_clean()`` (``clean_model_instances``), so the
  model's constraints come back as row errors with the row number;
- an import is all-or-nothing (``use_transactions``): one bad row and nothing is
  written; a successful one refreshes the planner statistics of its tables (ANALYZE);
- many-to-many columns (topics, SDGs, regions) are comma-separated; an unknown
  SDG number or region slug is an error, not silently dropped;
- text a spreadsheet would run as a formula is exported with a leading ``'``
  (and the ``'`` is removed again on import), see ``ludwigsburg_portal.spreadsheet``.
"""

from django.db import models
from django.utils.translation import gettext as _
from import_export import fields, widgets
from taggit.models import Tag

from actors.models import Actor, Region, SustainableDevelopmentGoal
from events.models import Event, Participation
from ludwigsburg_portal.importexport import SpreadsheetSafeResource
from ludwigsburg_portal.planner import analyze
from networks.models import Membership, Network


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


class ActorResource(PortalResource):
    tags = fields.Field(attribute="tags", column_name="tags", widget=TagsWidget())
    sdgs = fields.Field(
        attribute="sdgs",
        column_name="sdgs",
        widget=StrictManyToManyWidget(SustainableDevelopmentGoal, field="number"),
    )
    regions = fields.Field(
        attribute="regions",
        column_name="regions",
        widget=StrictManyToManyWidget(Region, field="slug"),
    )

    class Meta(PortalResource.Meta):
        model = Actor
        import_id_fields = ["slug"]
        fields = [
            "slug",
            "name",
            "kind",
            "status",
            "teaser",
            "description",
            "tags",
            "sdgs",
            "regions",
            "district",
            "street",
            "postal_code",
            "city",
            "latitude",
            "longitude",
            "website",
            "email",
            "phone",
            "contact_person",
            "contact_public",
            "founded_year",
        ]
        export_order = fields


class NetworkResource(PortalResource):
    class Meta(PortalResource.Meta):
        model = Network
        import_id_fields = ["slug"]
        fields = ["slug", "name", "level", "kind", "status", "host", "description", "website"]
        export_order = fields


def _slug_fk(column: str, model) -> fields.Field:
    return fields.Field(
        attribute=column, column_name=column, widget=widgets.ForeignKeyWidget(model, "slug")
    )


class MembershipResource(PortalResource):
    actor = _slug_fk("actor", Actor)
    network = _slug_fk("network", Network)

    class Meta(PortalResource.Meta):
        model = Membership
        import_id_fields = ["actor", "network", "role", "start_date"]
        fields = [
            "actor",
            "network",
            "role",
            "start_date",
            "end_date",
            "mandate_holder",
            "publish_holder",
            "mandate_function",
            "mandate_function_en",
            "mandate_basis",
            "note",
        ]
        export_order = fields


class EventResource(PortalResource):
    class Meta(PortalResource.Meta):
        model = Event
        import_id_fields = ["slug"]
        fields = [
            "slug",
            "title",
            "status",
            "start",
            "end",
            "date_precision",
            "location",
            "online",
            "level",
            "organiser",
            "description",
            "website",
        ]
        export_order = fields


class ParticipationResource(PortalResource):
    actor = _slug_fk("actor", Actor)
    event = _slug_fk("event", Event)

    class Meta(PortalResource.Meta):
        model = Participation
        import_id_fields = ["actor", "event", "role"]
        fields = ["actor", "event", "role", "note"]
        export_order = fields
