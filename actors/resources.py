"""The spreadsheet columns of actors that staff export and import in the admin
(rules in :mod:`ludwigsburg_portal.importexport`)."""

from import_export import fields

from ludwigsburg_portal.importexport import PortalResource, StrictManyToManyWidget, TagsWidget

from .models import Actor, Region, SustainableDevelopmentGoal


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
