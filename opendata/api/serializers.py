"""Read-only representations of the public records.

Personal data rule: contact person, e-mail, phone and the names of mandate
holders appear only when the actor allowed publishing its contact data
(``contact_public``), exactly as on the public pages.
"""

from django.conf import settings
from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from actors.models import Actor, Region, SustainableDevelopmentGoal
from events.ical import is_calendarable
from events.models import Event, Participation
from networks.models import Membership, Network


def absolute(path: str) -> str:
    return settings.SITE_URL + path


class SDGSerializer(serializers.ModelSerializer):
    class Meta:
        model = SustainableDevelopmentGoal
        fields = ["number", "name_de", "name_en"]


class RegionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Region
        fields = ["slug", "name"]


class ContactSerializer(serializers.Serializer):
    person = serializers.CharField(source="contact_person", allow_blank=True)
    email = serializers.CharField(allow_blank=True)
    phone = serializers.CharField(allow_blank=True)


class PageUrlMixin(serializers.Serializer):
    page_url = serializers.SerializerMethodField(help_text="Public web page of the record.")

    def get_page_url(self, obj) -> str:
        return absolute(obj.get_absolute_url())


class ActorMembershipSerializer(serializers.ModelSerializer):
    network = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    network_name = serializers.CharField(source="network.name")
    role_label = serializers.CharField(source="get_role_display")
    mandate_holder = serializers.SerializerMethodField()
    is_current = serializers.BooleanField()

    class Meta:
        model = Membership
        fields = [
            "network",
            "network_name",
            "role",
            "role_label",
            "start_date",
            "end_date",
            "is_current",
            "mandate_holder",
            "mandate_function",
        ]

    def get_mandate_holder(self, obj) -> str | None:
        return obj.mandate_holder if obj.actor.contact_public else None


class NetworkMembershipSerializer(ActorMembershipSerializer):
    actor = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    actor_name = serializers.CharField(source="actor.name")

    class Meta(ActorMembershipSerializer.Meta):
        fields = ["actor", "actor_name", *ActorMembershipSerializer.Meta.fields[2:]]


class ActorParticipationSerializer(serializers.ModelSerializer):
    event = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    event_title = serializers.CharField(source="event.title")
    event_start = serializers.DateTimeField(source="event.start", allow_null=True)
    role_label = serializers.CharField(source="get_role_display")

    class Meta:
        model = Participation
        fields = ["event", "event_title", "event_start", "role", "role_label", "note"]


class EventParticipationSerializer(serializers.ModelSerializer):
    actor = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    actor_name = serializers.CharField(source="actor.name")
    role_label = serializers.CharField(source="get_role_display")

    class Meta:
        model = Participation
        fields = ["actor", "actor_name", "role", "role_label", "note"]


class ActorSerializer(PageUrlMixin, serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display")
    district_label = serializers.CharField(source="get_district_display")
    tags = serializers.SerializerMethodField()
    sdgs = SDGSerializer(many=True)
    regions = RegionSerializer(many=True)
    contact = serializers.SerializerMethodField(
        help_text="Only present when the actor allowed publishing its contact data."
    )
    memberships = ActorMembershipSerializer(many=True, source="public_memberships")
    participations = ActorParticipationSerializer(many=True, source="public_participations")

    class Meta:
        model = Actor
        fields = [
            "slug",
            "name",
            "kind",
            "kind_label",
            "teaser",
            "description",
            "tags",
            "sdgs",
            "regions",
            "district",
            "district_label",
            "street",
            "postal_code",
            "city",
            "latitude",
            "longitude",
            "website",
            "founded_year",
            "contact",
            "memberships",
            "participations",
            "page_url",
            "created",
            "updated",
        ]

    def get_tags(self, obj) -> list[str]:
        return sorted(tag.name for tag in obj.tags.all())

    @extend_schema_field(ContactSerializer(allow_null=True))
    def get_contact(self, obj):
        if not obj.contact_public:
            return None
        return ContactSerializer(obj).data


class NetworkSerializer(PageUrlMixin, serializers.ModelSerializer):
    level_label = serializers.CharField(source="get_level_display")
    kind_label = serializers.CharField(source="get_kind_display")
    memberships = NetworkMembershipSerializer(many=True, source="public_memberships")

    class Meta:
        model = Network
        fields = [
            "slug",
            "name",
            "level",
            "level_label",
            "kind",
            "kind_label",
            "host",
            "description",
            "website",
            "memberships",
            "page_url",
            "created",
            "updated",
        ]


class EventSerializer(PageUrlMixin, serializers.ModelSerializer):
    level_label = serializers.CharField(source="get_level_display")
    date_precision_label = serializers.CharField(source="get_date_precision_display")
    participations = EventParticipationSerializer(many=True, source="public_participations")
    ics_url = serializers.SerializerMethodField(
        help_text="Calendar entry (iCalendar); null when the event's day is not known."
    )

    class Meta:
        model = Event
        fields = [
            "slug",
            "title",
            "start",
            "end",
            "date_precision",
            "date_precision_label",
            "location",
            "online",
            "level",
            "level_label",
            "organiser",
            "description",
            "website",
            "participations",
            "page_url",
            "ics_url",
            "created",
            "updated",
        ]

    def get_ics_url(self, obj) -> str | None:
        if not is_calendarable(obj):
            return None
        return absolute(reverse("events:ics", kwargs={"slug": obj.slug}))
