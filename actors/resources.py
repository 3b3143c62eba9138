"""The spreadsheet columns of actors that staff export and import in the admin
(rules in :mod:`ludwigsburg_portal.importexport`). Kind, status and district take the
label or the code; SDGs their numbers ("4, 13", "SDG 4"); partner countries and
regions their German or English name, short name or ISO code."""

from django.utils.translation import gettext_lazy as _
from import_export import fields

from ludwigsburg_portal.importexport import (
    NumbersWidget,
    PortalResource,
    StrictManyToManyWidget,
    TagsWidget,
)

from .models import Actor, Region, SustainableDevelopmentGoal
from .topics import resolve_topics


class ActorResource(PortalResource):
    tags = fields.Field(
        attribute="tags", column_name="tags", widget=TagsWidget(resolve=resolve_topics)
    )
    sdgs = fields.Field(
        attribute="sdgs",
        column_name="sdgs",
        widget=NumbersWidget(
            SustainableDevelopmentGoal,
            field="number",
            allowed=_("Erlaubt sind die Nummern 1 bis 17"),
        ),
    )
    regions = fields.Field(
        attribute="regions",
        column_name="regions",
        widget=StrictManyToManyWidget(
            Region,
            field="slug",
            lookups=("slug", "name", "name_en", "iso_code"),
            allowed=_(
                "Erlaubt sind Name, Kurzname oder Ländercode eines Partnerlands "
                "(Verwaltung → Partnerländer / Schwerpunktregionen)"
            ),
        ),
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
