"""Read-only representations of the public records.

Personal data rule: contact person, e-mail and phone appear only when the actor
allowed publishing its contact data (``contact_public``); a mandate holder's name only
when the membership's switch "Name … veröffentlichen" is on
(``Membership.public_mandate_holder``), exactly as on the public pages.

Texts are German (the source); their English versions are the ``…_en`` fields,
null where none is given (an English page shows the German text then).
"""

import functools

from django.urls import reverse
from django.utils.translation import get_language
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from actors.models import Actor, ActorKind, District, Region, SustainableDevelopmentGoal
from events.ical import is_calendarable
from events.models import DatePrecision, Event, Participation, ParticipationRole
from ludwigsburg_portal.publication import Level
from ludwigsburg_portal.site import absolute
from networks.models import Membership, MembershipRole, Network, NetworkKind


@extend_schema_field(OpenApiTypes.STR)
class ChoiceLabelField(serializers.ReadOnlyField):
    """The translated label of a choice value ("world_shop" → "Weltladen").

    Labels are translated once per language, not once per record: a full export
    serialises thousands of them.
    """

    def __init__(self, choices, **kwargs):
        self.choices = choices
        self._labels = {}
        super().__init__(**kwargs)

    def to_representation(self, value):
        language = get_language()
        if language not in self._labels:
            self._labels[language] = {key: str(label) for key, label in self.choices}
        return self._labels[language].get(value, "")


@extend_schema_field({"type": "string", "nullable": True})
class EnglishTextField(serializers.ReadOnlyField):
    """The English version of a text; null when only the German one exists."""

    def to_representation(self, value):
        return value or None


class TopicSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    name_en = EnglishTextField()


class SDGSerializer(serializers.ModelSerializer):
    class Meta:
        model = SustainableDevelopmentGoal
        fields = ["number", "name_de", "name_en"]


class RegionSerializer(serializers.ModelSerializer):
    name_en = EnglishTextField()

    class Meta:
        model = Region
        fields = ["slug", "name", "name_en"]


class ContactSerializer(serializers.Serializer):
    person = serializers.CharField(allow_blank=True)
    email = serializers.CharField(allow_blank=True)
    phone = serializers.CharField(allow_blank=True)


class PageUrlMixin(serializers.Serializer):
    page_url = serializers.SerializerMethodField(help_text="Public web page of the record.")

    def get_page_url(self, obj) -> str:
        return absolute(obj.get_absolute_url())


class ActorMembershipSerializer(serializers.ModelSerializer):
    network = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    network_name = serializers.CharField(source="network.name")
    network_name_en = EnglishTextField(source="network.name_en")
    role_label = ChoiceLabelField(MembershipRole.choices, source="role")
    mandate_holder = serializers.SerializerMethodField(
        help_text="Only present when the membership publishes the holder's name."
    )
    mandate_function_en = EnglishTextField()
    is_current = serializers.BooleanField()

    class Meta:
        model = Membership
        fields = [
            "network",
            "network_name",
            "network_name_en",
            "role",
            "role_label",
            "start_date",
            "end_date",
            "is_current",
            "mandate_holder",
            "mandate_function",
            "mandate_function_en",
        ]

    def get_mandate_holder(self, obj) -> str | None:
        return obj.public_mandate_holder


class NetworkMembershipSerializer(ActorMembershipSerializer):
    actor = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    actor_name = serializers.CharField(source="actor.name")

    class Meta(ActorMembershipSerializer.Meta):
        fields = ["actor", "actor_name", *ActorMembershipSerializer.Meta.fields[3:]]


class ActorParticipationSerializer(serializers.ModelSerializer):
    event = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    event_title = serializers.CharField(source="event.title")
    event_title_en = EnglishTextField(source="event.title_en")
    event_start = serializers.DateTimeField(source="event.start", allow_null=True)
    role_label = ChoiceLabelField(ParticipationRole.choices, source="role")

    class Meta:
        model = Participation
        fields = [
            "event",
            "event_title",
            "event_title_en",
            "event_start",
            "role",
            "role_label",
            "note",
        ]


class EventParticipationSerializer(serializers.ModelSerializer):
    actor = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    actor_name = serializers.CharField(source="actor.name")
    role_label = ChoiceLabelField(ParticipationRole.choices, source="role")

    class Meta:
        model = Participation
        fields = ["actor", "actor_name", "role", "role_label", "note"]


class ActorSerializer(PageUrlMixin, serializers.ModelSerializer):
    kind_label = ChoiceLabelField(ActorKind.choices, source="kind")
    district_label = ChoiceLabelField(District.choices, source="district")
    teaser_en = EnglishTextField()
    description_en = EnglishTextField()
    tags = serializers.SerializerMethodField()
    topics = serializers.SerializerMethodField(
        help_text="The topics with their English names (null where none is given)."
    )
    sdgs = SDGSerializer(many=True, source="sdg_list")
    regions = RegionSerializer(many=True, source="region_list")
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
            "teaser_en",
            "description",
            "description_en",
            "tags",
            "topics",
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
            "is_example",
            "page_url",
            "created",
            "updated",
        ]

    def get_tags(self, obj) -> list[str]:
        names = getattr(obj, "topic_names", None)  # annotated by the API's queryset
        if names is None:
            names = sorted(tag.name for tag in obj.tags.all())
        return names

    @extend_schema_field(TopicSerializer(many=True))
    def get_topics(self, obj) -> list[dict]:
        topics = getattr(obj, "topic_list", None)  # annotated by the API's queryset
        if topics is None:
            topics = [
                {
                    "slug": tag.slug,
                    "name": tag.name,
                    "name_en": getattr(getattr(tag, "translation", None), "name_en", None),
                }
                for tag in obj.tags.select_related("translation").order_by("name")
            ]
        return [self._topic.to_representation(topic) for topic in topics]

    @extend_schema_field(ContactSerializer(allow_null=True))
    def get_contact(self, obj):
        contact = obj.public_contact
        if contact is None:
            return None
        return self._contact.to_representation(contact)

    # One serializer of each per list, not per record: DRF copies every field of a
    # serializer it constructs, which took a fifth of a whole-directory download.
    @functools.cached_property
    def _topic(self):
        return TopicSerializer()

    @functools.cached_property
    def _contact(self):
        return ContactSerializer()


class NetworkSerializer(PageUrlMixin, serializers.ModelSerializer):
    level_label = ChoiceLabelField(Level.choices, source="level")
    kind_label = ChoiceLabelField(NetworkKind.choices, source="kind")
    name_en = EnglishTextField()
    description_en = EnglishTextField()
    memberships = NetworkMembershipSerializer(many=True, source="public_memberships")

    class Meta:
        model = Network
        fields = [
            "slug",
            "name",
            "name_en",
            "level",
            "level_label",
            "kind",
            "kind_label",
            "host",
            "description",
            "description_en",
            "website",
            "memberships",
            "is_example",
            "page_url",
            "created",
            "updated",
        ]


class EventSerializer(PageUrlMixin, serializers.ModelSerializer):
    level_label = ChoiceLabelField(Level.choices, source="level")
    date_precision_label = ChoiceLabelField(DatePrecision.choices, source="date_precision")
    title_en = EnglishTextField()
    description_en = EnglishTextField()
    participations = EventParticipationSerializer(many=True, source="public_participations")
    ics_url = serializers.SerializerMethodField(
        help_text="Calendar entry (iCalendar); null when the event's day is not known."
    )

    class Meta:
        model = Event
        fields = [
            "slug",
            "title",
            "title_en",
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
            "description_en",
            "website",
            "participations",
            "is_example",
            "page_url",
            "ics_url",
            "created",
            "updated",
        ]

    def get_ics_url(self, obj) -> str | None:
        if not is_calendarable(obj):
            return None
        return absolute(reverse("events:ics", kwargs={"slug": obj.slug}))
