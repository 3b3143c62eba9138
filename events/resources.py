"""The spreadsheet columns of events and participations that staff export and import in
the admin (rules in :mod:`ludwigsburg_portal.importexport`)."""

from actors.models import Actor
from ludwigsburg_portal.importexport import PortalResource, slug_foreign_key

from .models import Event, Participation


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
    actor = slug_foreign_key("actor", Actor)
    event = slug_foreign_key("event", Event, name_field="title")

    class Meta(PortalResource.Meta):
        model = Participation
        import_id_fields = ["actor", "event", "role"]
        fields = ["actor", "event", "role", "note"]
        export_order = fields
