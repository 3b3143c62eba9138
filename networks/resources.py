"""The spreadsheet columns of networks and memberships that staff export and import in
the admin (rules in :mod:`ludwigsburg_portal.importexport`)."""

from actors.models import Actor
from ludwigsburg_portal.importexport import PortalResource, slug_foreign_key

from .models import Membership, Network


class NetworkResource(PortalResource):
    class Meta(PortalResource.Meta):
        model = Network
        import_id_fields = ["slug"]
        fields = ["slug", "name", "level", "kind", "status", "host", "description", "website"]
        export_order = fields


class MembershipResource(PortalResource):
    actor = slug_foreign_key("actor", Actor)
    network = slug_foreign_key("network", Network)

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
