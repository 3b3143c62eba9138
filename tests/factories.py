"""factory_boy factories for every model. Published by default: tests that
need a draft say so (``ActorFactory(status="draft")``)."""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from actors.models import Actor, ActorKind, Region
from events.models import DatePrecision, Event, Participation, ParticipationRole
from ludwigsburg_portal.permissions import STAFF_GROUP
from ludwigsburg_portal.publication import Level, PublicationStatus
from networks.models import Membership, MembershipRole, Network, NetworkKind


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Region {n}")
    slug = factory.Sequence(lambda n: f"region-{n}")


class ActorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Actor
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Eine-Welt-Verein {n}")
    slug = factory.Sequence(lambda n: f"eine-welt-verein-{n}")
    kind = ActorKind.ASSOCIATION
    teaser = "Engagiert sich für fairen Handel in Ludwigsburg."
    description = "Wir organisieren Vorträge und Aktionen."
    status = PublicationStatus.PUBLISHED

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.set(extracted)

    @factory.post_generation
    def sdgs(self, create, extracted, **kwargs):
        if create and extracted:
            self.sdgs.set(extracted)

    @factory.post_generation
    def regions(self, create, extracted, **kwargs):
        if create and extracted:
            self.regions.set(extracted)


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Network

    name = factory.Sequence(lambda n: f"Arbeitsgemeinschaft {n}")
    slug = factory.Sequence(lambda n: f"arbeitsgemeinschaft-{n}")
    level = Level.STATE
    kind = NetworkKind.WORKING_GROUP
    host = "Städtetag Baden-Württemberg"
    status = PublicationStatus.PUBLISHED


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    actor = factory.SubFactory(ActorFactory)
    network = factory.SubFactory(NetworkFactory)
    role = MembershipRole.MEMBER


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    title = factory.Sequence(lambda n: f"Eine-Welt-Tag {n}")
    slug = factory.Sequence(lambda n: f"eine-welt-tag-{n}")
    start = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=14))
    end = factory.LazyAttribute(
        lambda o: o.start + datetime.timedelta(hours=2) if o.start else None
    )
    date_precision = DatePrecision.DATETIME
    location = "Kulturzentrum Ludwigsburg"
    level = Level.CITY
    status = PublicationStatus.PUBLISHED


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participation

    actor = factory.SubFactory(ActorFactory)
    event = factory.SubFactory(EventFactory)
    role = ParticipationRole.ATTENDEE


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.django.Password("sicheres-passwort-123")


class StaffUserFactory(UserFactory):
    """A member of the coordination office: staff, in the group, not superuser."""

    is_staff = True

    @factory.post_generation
    def staff_group(self, create, extracted, **kwargs):
        if create:
            self.groups.add(Group.objects.get(name=STAFF_GROUP))
