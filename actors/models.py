from typing import NamedTuple

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchRank, SearchVectorField
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from ludwigsburg_portal import tallies, versioned
from ludwigsburg_portal.history import PortalHistoricalRecords
from ludwigsburg_portal.publication import (
    PublicationStatus,
    PublishableQuerySet,
    example_field,
    status_field,
)
from ludwigsburg_portal.text_limits import (
    DESCRIPTION_MAX_LENGTH,
    limited_text_field,
    text_length_constraint,
)
from ludwigsburg_portal.textsearch import RANK_WEIGHTS

from .countries import country_choices

# The official German and English short titles of the 17 UN Sustainable Development Goals.
SDG_TITLES = {
    1: ("Keine Armut", "No Poverty"),
    2: ("Kein Hunger", "Zero Hunger"),
    3: ("Gesundheit und Wohlergehen", "Good Health and Well-being"),
    4: ("Hochwertige Bildung", "Quality Education"),
    5: ("Geschlechtergleichheit", "Gender Equality"),
    6: ("Sauberes Wasser und Sanitäreinrichtungen", "Clean Water and Sanitation"),
    7: ("Bezahlbare und saubere Energie", "Affordable and Clean Energy"),
    8: ("Menschenwürdige Arbeit und Wirtschaftswachstum", "Decent Work and Economic Growth"),
    9: ("Industrie, Innovation und Infrastruktur", "Industry, Innovation and Infrastructure"),
    10: ("Weniger Ungleichheiten", "Reduced Inequalities"),
    11: ("Nachhaltige Städte und Gemeinden", "Sustainable Cities and Communities"),
    12: ("Nachhaltige/r Konsum und Produktion", "Responsible Consumption and Production"),
    13: ("Maßnahmen zum Klimaschutz", "Climate Action"),
    14: ("Leben unter Wasser", "Life Below Water"),
    15: ("Leben an Land", "Life on Land"),
    16: (
        "Frieden, Gerechtigkeit und starke Institutionen",
        "Peace, Justice and Strong Institutions",
    ),
    17: ("Partnerschaften zur Erreichung der Ziele", "Partnerships for the Goals"),
}


class SustainableDevelopmentGoal(models.Model):
    """One of the 17 UN goals; the rows are fixed and created by a migration."""

    number = models.PositiveSmallIntegerField(_("Nummer"), primary_key=True)
    name_de = models.CharField(_("Name (deutsch)"), max_length=100)
    name_en = models.CharField(_("Name (englisch)"), max_length=100)

    class Meta:
        verbose_name = _("Nachhaltigkeitsziel (SDG)")
        verbose_name_plural = _("Nachhaltigkeitsziele (SDGs)")
        ordering = ["number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(number__gte=1, number__lte=17), name="sdg_number_1_to_17"
            ),
        ]

    def __str__(self):
        return f"{self.number}. {self.name}"

    @property
    def name(self) -> str:
        return self.name_en if (get_language() or "de").startswith("en") else self.name_de


class Region(models.Model):
    """A partner country or focus region (e.g. "Burkina Faso", "Afrika südlich der Sahara").

    A country carries its ISO 3166-1 code (chosen from the list, not typed), which ties
    it to its shape on the world map; a region that is no country has none.
    """

    name = models.CharField(_("Name"), max_length=120, unique=True)
    name_en = models.CharField(
        _("Name (englisch)"),
        max_length=120,
        blank=True,
        help_text=_("Leer lassen: Die englische Seite zeigt dann den deutschen Text."),
    )
    slug = models.SlugField(_("Kurzname (URL)"), max_length=120, unique=True)
    iso_code = models.CharField(
        _("Land (ISO 3166)"),
        max_length=2,
        blank=True,
        default="",
        choices=country_choices,
        help_text=_("Leer lassen für Regionen, die kein Land sind, z. B. „Westafrika“."),
    )

    class Meta:
        verbose_name = _("Partnerland / Schwerpunktregion")
        verbose_name_plural = _("Partnerländer / Schwerpunktregionen")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["iso_code"],
                condition=~Q(iso_code=""),
                name="region_iso_code_unique",
                violation_error_message=_("Dieses Land ist bereits als Partnerland erfasst."),
            ),
        ]

    def __str__(self):
        return self.name


class TopicTranslation(models.Model):
    """The English name of a topic. Topics are django-taggit tags, whose table is the
    library's; their German name stays there, the source."""

    tag = models.OneToOneField(
        "taggit.Tag",
        verbose_name=_("Thema"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="translation",
    )
    name_en = models.CharField(
        _("Name (englisch)"),
        max_length=100,
        blank=True,
        help_text=_("Leer lassen: Die englische Seite zeigt dann den deutschen Text."),
    )

    class Meta:
        verbose_name = _("Thema auf Englisch")
        verbose_name_plural = _("Themen auf Englisch")
        ordering = ["tag__name"]

    def __str__(self):
        return self.name_en or self.tag.name


class ActorKind(models.TextChoices):
    ASSOCIATION = "association", _("Verein (e.V.)")
    INITIATIVE = "initiative", _("Initiative / Gruppe")
    WORLD_SHOP = "world_shop", _("Weltladen")
    EDUCATION = "education", _("Schule / Bildungseinrichtung")
    FAITH = "faith", _("Glaubensgemeinschaft")
    DIASPORA = "diaspora", _("Migrant*innen- / Diaspora-Organisation")
    FOUNDATION = "foundation", _("Stiftung")
    COMPANY = "company", _("Unternehmen")
    MUNICIPAL = "municipal", _("Städtische Einrichtung")


class District(models.TextChoices):
    """Ludwigsburg's Stadtteile, plus city-wide and outside the city."""

    MITTE = "mitte", "Mitte"
    NORD = "nord", "Nord"
    OST = "ost", "Ost"
    SUED = "sued", "Süd"
    WEST = "west", "West"
    EGLOSHEIM = "eglosheim", "Eglosheim"
    GRUENBUEHL_SONNENBERG = "gruenbuehl-sonnenberg", "Grünbühl-Sonnenberg"
    HOHENECK = "hoheneck", "Hoheneck"
    NECKARWEIHINGEN = "neckarweihingen", "Neckarweihingen"
    OSSWEIL = "ossweil", "Oßweil"
    PFLUGFELDEN = "pflugfelden", "Pflugfelden"
    POPPENWEILER = "poppenweiler", "Poppenweiler"
    CITYWIDE = "citywide", _("Stadtweit")
    OUTSIDE = "outside", _("Außerhalb Ludwigsburgs")


# The ranking of every search (name ≫ teaser, topics, kind ≫ description).
SEARCH_WEIGHTS = RANK_WEIGHTS


class ActorQuerySet(PublishableQuerySet):
    def count_per_region(self) -> dict[int, int]:
        """{region id: how many of these actors name it}, regions no one names left out."""
        return dict(
            Actor.regions.through.objects.filter(actor_id__in=self.order_by().values("pk"))
            .order_by()
            .values("region_id")
            # An actor names a region at most once (the link table's unique pair).
            .annotate(n=models.Count("*"))
            .values_list("region_id", "n")
        )

    def in_network(self, network):
        return self.filter(memberships__network=network).distinct()

    def municipal(self):
        return self.filter(kind=ActorKind.MUNICIPAL)

    def office(self):
        """The coordination office: the published actor whose slug is PORTAL_OFFICE_SLUG.

        A QuerySet of at most one row, so it composes without an extra query
        (``actor__in=Actor.objects.office()``); ``.first()`` gives the actor or None.
        When staff rename the office's slug they change the setting with it; until
        then this is empty and the pages that show the office leave it out.
        """
        return self.published().filter(slug=settings.PORTAL_OFFICE_SLUG)

    def without_office(self):
        return self.exclude(pk__in=self.model.objects.office().values("pk"))

    # --- Self-service -----------------------------------------------------------

    def edited_by(self, user):
        """Actors ``user`` may edit in the self-service area."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(editors=user)

    def confirmation_overdue(self, *, days: int, now=None):
        """Published actors nobody confirmed (or created) in the last ``days`` days."""
        from datetime import timedelta

        from django.db.models.functions import Coalesce
        from django.utils import timezone

        limit = (now or timezone.now()) - timedelta(days=days)
        return (
            self.published()
            .annotate(confirmed_or_created=Coalesce("last_confirmed_at", "created"))
            .filter(confirmed_or_created__lt=limit)
        )

    # --- Public directory: read logic for filters and search ---------------------

    def with_topic(self, slug: str):
        """Actors tagged with the topic ``slug``."""
        from taggit.models import Tag

        return self.filter(pk__in=_tagged_actor_ids(tag_ids=ids_by_slug(Tag, slug)))

    def with_sdg(self, number: int):
        return self.filter(
            pk__in=Actor.sdgs.through.objects.filter(sustainabledevelopmentgoal_id=number).values(
                "actor_id"
            )
        )

    def in_district(self, district: str):
        return self.filter(district=district)

    def in_region(self, slug: str):
        """Actors working with the partner country or region ``slug``."""
        return self.filter(
            pk__in=Actor.regions.through.objects.filter(
                region_id__in=ids_by_slug(Region, slug)
            ).values("actor_id")
        )

    def current_members_of(self, slug: str):
        """Actors with a current membership in the published network ``slug``."""
        from networks.models import Membership, Network

        return self.filter(
            pk__in=Membership.objects.public()
            .current()
            .filter(network_id__in=ids_by_slug(Network, slug))
            .values("actor_id")
        )

    def search(self, text: str):
        """German full-text search over everything an actor is found by (its search
        document: name, teaser, description, topics, kind, district, partner countries
        and regions, networks, city; ``actors/search.py``).

        Ordered by relevance (``SearchRank`` with SEARCH_WEIGHTS, so a match in the name
        comes before one in the teaser, topics or kind, which comes before one in the
        description), then by name. Text without words finds nothing.
        """
        from ludwigsburg_portal.textsearch import exact_name_bonus

        from .search import german_query

        query = german_query(text)
        if query is None:
            return self.none()
        return (
            self.filter(search_document=query)
            .annotate(
                rank=SearchRank(F("search_document"), query, weights=SEARCH_WEIGHTS)
                + exact_name_bonus("name", text)
            )
            .order_by("-rank", "name", "pk")
        )

    def for_cards(self):
        """Only the columns an actor card shows, with its topics in one extra query."""
        return self.only(
            "pk", "name", "slug", "kind", "teaser", "teaser_en", "district", "logo", "is_example"
        )


class PublicContact(NamedTuple):
    """What the public may see of an actor's contact details."""

    person: str
    email: str
    phone: str


def ids_by_slug(model, slug: str) -> list[int]:
    """The primary key of the ``model`` row with ``slug`` (none or one), kept until the
    next write. A filter by this constant instead of by a subquery on the slug lets
    PostgreSQL see how many rows carry it (from its statistics): a topic of one actor
    is then looked up by the index, instead of walking the whole directory in name
    order in the hope of meeting an average topic's thousands early (0.8 s at 100,000
    actors)."""
    return versioned.remember(
        ("ids-by-slug", model._meta.label, slug),
        lambda: list(model.objects.filter(slug=slug).values_list("pk", flat=True)),
    )


def _tagged_actor_ids(*, tag_ids):
    """Subquery: ids of actors carrying any of ``tag_ids`` (a list or a subquery)."""
    from django.contrib.contenttypes.models import ContentType
    from taggit.models import TaggedItem

    return TaggedItem.objects.filter(
        content_type=ContentType.objects.get_for_model(Actor), tag_id__in=tag_ids
    ).values("object_id")


# Counts the database keeps on every write (migration 0017, ludwigsburg_portal.tallies).
PUBLISHED_TALLY = "actors.published"
PER_REGION_TALLY = "actors.published_per_region"


class ActorManager(models.Manager.from_queryset(ActorQuerySet)):
    """The whole directory's counts, kept by the database instead of counted on a visit;
    each equals the slow query named beside it (``tallies.register`` in ``apps.py``)."""

    def published_count(self) -> int:
        """``published().count()``."""
        return tallies.total(PUBLISHED_TALLY)

    def published_per_region(self) -> dict[int, int]:
        """``published().count_per_region()``."""
        return tallies.counts(PER_REGION_TALLY)


class Actor(models.Model):
    name = models.CharField(_("Name"), max_length=200)
    slug = models.SlugField(_("Kurzname (URL)"), max_length=200, unique=True)
    kind = models.CharField(_("Art"), max_length=20, choices=ActorKind.choices)
    teaser = models.CharField(
        _("Kurzbeschreibung"),
        max_length=300,
        blank=True,
        help_text=_("Ein bis zwei Sätze für Listen und Suchergebnisse."),
    )
    # English next to German: the German fields are the source (search, history, imports);
    # English pages show the English text, or else the German one marked lang="de".
    teaser_en = models.CharField(
        _("Kurzbeschreibung (englisch)"),
        max_length=300,
        blank=True,
        help_text=_("Leer lassen: Die englische Seite zeigt dann den deutschen Text."),
    )
    description = limited_text_field(
        _("Beschreibung"), max_length=DESCRIPTION_MAX_LENGTH, blank=True
    )
    description_en = limited_text_field(
        _("Beschreibung (englisch)"),
        max_length=DESCRIPTION_MAX_LENGTH,
        blank=True,
        help_text=_("Leer lassen: Die englische Seite zeigt dann den deutschen Text."),
    )
    tags = TaggableManager(
        verbose_name=_("Themen"),
        blank=True,
        help_text=_("Themen, durch Kommas getrennt."),
    )
    sdgs = models.ManyToManyField(
        SustainableDevelopmentGoal,
        verbose_name=_("Nachhaltigkeitsziele (SDGs)"),
        blank=True,
        related_name="actors",
    )
    regions = models.ManyToManyField(
        Region,
        verbose_name=_("Partnerländer / Schwerpunktregionen"),
        blank=True,
        related_name="actors",
    )
    district = models.CharField(_("Stadtteil"), max_length=30, choices=District.choices, blank=True)
    street = models.CharField(_("Straße und Hausnummer"), max_length=200, blank=True)
    postal_code = models.CharField(_("Postleitzahl"), max_length=10, blank=True)
    city = models.CharField(_("Ort"), max_length=100, blank=True, default="Ludwigsburg")
    latitude = models.DecimalField(
        _("Breitengrad"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("Längengrad"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    website = models.URLField(_("Website"), blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=50, blank=True)
    contact_person = models.CharField(_("Ansprechperson"), max_length=200, blank=True)
    contact_public = models.BooleanField(
        _("Kontaktdaten veröffentlichen"),
        default=False,
        help_text=_(
            "Nur wenn angekreuzt, erscheinen Ansprechperson, E-Mail und Telefon öffentlich."
        ),
    )
    logo = models.ImageField(_("Logo"), upload_to="logos/", blank=True)
    founded_year = models.PositiveSmallIntegerField(_("Gründungsjahr"), null=True, blank=True)
    status = status_field()
    is_example = example_field()
    # Self-service: who may edit the profile, whether their changes go
    # live without review, and when an editor last said the profile is current.
    editors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Redakteur*innen"),
        blank=True,
        related_name="edited_actors",
        help_text=_("Konten, die dieses Profil im Bereich „Meine Profile“ bearbeiten dürfen."),
    )
    trusted = models.BooleanField(
        _("vertrauenswürdig"),
        default=False,
        help_text=_("Änderungen der Redakteur*innen werden ohne Prüfung veröffentlicht."),
    )
    last_confirmed_at = models.DateTimeField(
        _("zuletzt als aktuell bestätigt"), null=True, blank=True
    )
    created = models.DateTimeField(_("angelegt"), auto_now_add=True)
    updated = models.DateTimeField(_("geändert"), auto_now=True)
    # German full-text search document, written by actors/search.py whenever the actor or
    # something it is found by (topics, regions, networks) changes. Derived data: NULL
    # until first written (bulk inserts), filled after every ``migrate``.
    search_document = SearchVectorField(_("Suchindex"), null=True, editable=False)

    objects = ActorManager()
    # Who changed what and when, with the relations (SDGs, partner countries, editors)
    # and the topics (a snapshot of their names: taggit is no plain many-to-many).
    # The search column is derived data.
    history = PortalHistoricalRecords(
        excluded_fields=["search_document"],
        m2m_fields=["sdgs", "regions", "editors"],
        tag_snapshots={"topics": (_("Themen"), "tags")},
    )

    class Meta:
        verbose_name = _("Akteur")
        verbose_name_plural = _("Akteure")
        ordering = ["name"]
        indexes = [
            GinIndex(fields=["search_document"], name="actor_search_gin"),
            models.Index(Lower("name"), name="actor_name_lower"),
            # The newest first (feeds) and the actors of a kind (the office's partners).
            models.Index(fields=["status", "-created", "-id"], name="actor_status_newest"),
            models.Index(fields=["status", "kind", "name"], name="actor_status_kind_name"),
            # Whether the actor of a link row is published, from the index alone: the
            # member counts of the network list and the network picture ask it per
            # membership and participation (500 members a network at 100,000 actors).
            models.Index(fields=["id"], include=["status"], name="actor_id_status"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(founded_year__isnull=True)
                | Q(founded_year__gte=1800, founded_year__lte=2100),
                name="actor_founded_year_plausible",
                violation_error_message=_("Das Gründungsjahr muss zwischen 1800 und 2100 liegen."),
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(
                    latitude__isnull=False,
                    longitude__isnull=False,
                    latitude__gte=-90,
                    latitude__lte=90,
                    longitude__gte=-180,
                    longitude__lte=180,
                ),
                name="actor_coordinates_complete_and_valid",
                violation_error_message=_(
                    "Koordinaten brauchen Breiten- (−90 bis 90) und Längengrad (−180 bis 180)."
                ),
            ),
            text_length_constraint(
                "description",
                max_length=DESCRIPTION_MAX_LENGTH,
                label=_("Beschreibung"),
                name="actor_description_length",
            ),
            text_length_constraint(
                "description_en",
                max_length=DESCRIPTION_MAX_LENGTH,
                label=_("Beschreibung (englisch)"),
                name="actor_description_en_length",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("actors:detail", kwargs={"slug": self.slug})

    @property
    def is_published(self) -> bool:
        return self.status == PublicationStatus.PUBLISHED

    @property
    def public_contact(self) -> PublicContact | None:
        """Contact person, e-mail and phone, or None unless the actor publishes them.

        They are personal data: the public page, its JSON-LD, the API and the
        downloads show them only through this property (``contact_public``)."""
        if not self.contact_public:
            return None
        return PublicContact(person=self.contact_person, email=self.email, phone=self.phone)

    @property
    def withholds_contact(self) -> bool:
        """The actor has contact details but does not publish them (the page says so)."""
        return not self.contact_public and any((self.contact_person, self.email, self.phone))

    def is_edited_by(self, user) -> bool:
        """``user`` is one of this profile's editors (may edit it in the self-service area)."""
        if user is None:
            return False
        return type(self).objects.edited_by(user).filter(pk=self.pk).exists()

    @property
    def address_lines(self) -> list[str]:
        place = " ".join(part for part in (self.postal_code, self.city) if part)
        return [line for line in (self.street, place) if line]
