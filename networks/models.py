from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchRank, SearchVectorField
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ludwigsburg_portal.history import PortalHistoricalRecords
from ludwigsburg_portal.publication import (
    Level,
    PublicationStatus,
    PublishableQuerySet,
    confirmation_field,
    example_field,
    status_field,
)
from ludwigsburg_portal.text_limits import (
    DESCRIPTION_MAX_LENGTH,
    NOTE_MAX_LENGTH,
    limited_text_field,
    text_length_constraint,
)


class NetworkKind(models.TextChoices):
    LOCAL_NETWORK = "local_network", _("Lokales Netzwerk")
    WORKING_GROUP = "working_group", _("Arbeitsgemeinschaft / Arbeitsgruppe")
    EXPERT_GROUP = "expert_group", _("Expertengruppe")
    JURY = "jury", _("Jury")
    REVIEW_BOARD = "review_board", _("Gutachtergremium")
    DIALOGUE = "dialogue", _("Dialogprozess")
    CONFERENCE_SERIES = "conference_series", _("Konferenzreihe")


class MembershipRole(models.TextChoices):
    MEMBER = "member", _("Mitglied")
    CHAIR = "chair", _("Vorsitz")
    JURY_CHAIR = "jury_chair", _("Juryvorsitz")
    JURY_MEMBER = "jury_member", _("Jurymitglied")
    REVIEWER = "reviewer", _("Gutachter*in")
    CONTRIBUTOR = "contributor", _("Mitwirkung")
    COORDINATOR = "coordinator", _("Koordination / Moderation")


class NetworkQuerySet(PublishableQuerySet):
    def at_level(self, level):
        return self.filter(level=level)

    def search(self, text: str):
        """German full-text search over name, host, kind, level and description (the
        network's search document, ``networks/search.py``). Text without words finds
        nothing."""
        from ludwigsburg_portal.textsearch import german_query

        query = german_query(text)
        if query is None:
            return self.none()
        return self.filter(search_document=query)

    def by_relevance(self, text: str):
        """:meth:`search`, best match first (name ≫ host, kind ≫ description), then by name."""
        from ludwigsburg_portal.textsearch import RANK_WEIGHTS, exact_name_bonus, german_query

        query = german_query(text)
        if query is None:
            return self.none()
        return (
            self.filter(search_document=query)
            .annotate(
                rank=SearchRank(F("search_document"), query, weights=RANK_WEIGHTS)
                + exact_name_bonus("name", text)
            )
            .order_by("-rank", "name", "pk")
        )


class Network(models.Model):
    name = models.CharField(_("Name"), max_length=250)
    # English next to German: the German fields are the source; English pages show the
    # English text, or else the German one marked lang="de".
    name_en = models.CharField(
        _("Name (englisch)"),
        max_length=250,
        blank=True,
        help_text=_("Leer lassen: Die englische Seite zeigt dann den deutschen Text."),
    )
    slug = models.SlugField(_("Kurzname (URL)"), max_length=200, unique=True)
    level = models.CharField(_("Ebene"), max_length=20, choices=Level.choices)
    kind = models.CharField(_("Art"), max_length=30, choices=NetworkKind.choices)
    host = models.CharField(
        _("Trägerorganisation"),
        max_length=250,
        blank=True,
        help_text=_("Wer das Netzwerk trägt oder einberuft, z. B. Städtetag Baden-Württemberg."),
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
    website = models.URLField(_("Website"), blank=True)
    status = status_field()
    is_example = example_field()
    to_confirm = confirmation_field()
    created = models.DateTimeField(_("angelegt"), auto_now_add=True)
    updated = models.DateTimeField(_("geändert"), auto_now=True)

    # German full-text search document, written by networks/search.py (derived data,
    # NULL until first written, filled after every ``migrate``).
    search_document = SearchVectorField(_("Suchindex"), null=True, editable=False)

    objects = NetworkQuerySet.as_manager()
    history = PortalHistoricalRecords(excluded_fields=["search_document"])

    class Meta:
        verbose_name = _("Netzwerk")
        verbose_name_plural = _("Netzwerke")
        ordering = ["name"]
        indexes = [GinIndex(fields=["search_document"], name="network_search_gin")]
        constraints = [
            text_length_constraint(
                "description",
                max_length=DESCRIPTION_MAX_LENGTH,
                label=_("Beschreibung"),
                name="network_description_length",
            ),
            text_length_constraint(
                "description_en",
                max_length=DESCRIPTION_MAX_LENGTH,
                label=_("Beschreibung (englisch)"),
                name="network_description_en_length",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("networks:detail", kwargs={"slug": self.slug})


class MembershipQuerySet(models.QuerySet):
    def current(self, *, on=None):
        on = on or timezone.localdate()
        return self.filter(Q(end_date__isnull=True) | Q(end_date__gte=on))

    def ended(self, *, on=None):
        on = on or timezone.localdate()
        return self.filter(end_date__lt=on)

    def public(self):
        """Memberships whose actor and network are both published."""
        return self.filter(
            actor__status=PublicationStatus.PUBLISHED, network__status=PublicationStatus.PUBLISHED
        )


class Membership(models.Model):
    """An actor's seat in a network. Ended memberships are kept as history."""

    actor = models.ForeignKey(
        "actors.Actor",
        verbose_name=_("Akteur"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    network = models.ForeignKey(
        Network,
        verbose_name=_("Netzwerk"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("Rolle"), max_length=20, choices=MembershipRole.choices)
    start_date = models.DateField(_("seit"), null=True, blank=True)
    end_date = models.DateField(
        _("bis"),
        null=True,
        blank=True,
        help_text=_("Leer lassen, solange die Mitgliedschaft besteht."),
    )
    mandate_holder = models.CharField(
        _("Mandatsträger*in"),
        max_length=200,
        blank=True,
        help_text=_("Person, die das Mandat für den Akteur wahrnimmt."),
    )
    publish_holder = models.BooleanField(
        _("Name der Mandatsträgerin/des Mandatsträgers veröffentlichen"),
        default=False,
        help_text=_(
            "Nur wenn angekreuzt, erscheint der Name auf den öffentlichen Seiten, in der API "
            "und in den Daten für Suchmaschinen. Die Funktion ist immer öffentlich."
        ),
    )
    mandate_function = models.CharField(
        _("Funktion der Mandatsträger*in"),
        max_length=200,
        blank=True,
        help_text=_("Öffentlich, z. B. „Vorsitzende der Jury“ oder „Vertretung der Stadt“."),
    )
    mandate_function_en = models.CharField(
        _("Funktion (englisch)"),
        max_length=200,
        blank=True,
        help_text=_("Leer lassen: Die englische Seite zeigt dann den deutschen Text."),
    )
    mandate_basis = models.CharField(
        _("Grundlage des Mandats"),
        max_length=250,
        blank=True,
        help_text=_("z. B. Beschluss des Gemeinderats vom …"),
    )
    note = limited_text_field(_("Anmerkung"), max_length=NOTE_MAX_LENGTH, blank=True)
    to_confirm = confirmation_field()

    objects = MembershipQuerySet.as_manager()
    history = PortalHistoricalRecords()

    class Meta:
        verbose_name = _("Mitgliedschaft")
        verbose_name_plural = _("Mitgliedschaften")
        ordering = ["network__name", "-start_date", "actor__name"]
        # The members of a network, read from the index alone (related actors, the
        # network pictures); the index on the network alone would fetch every row.
        indexes = [models.Index(fields=["network", "actor"], name="membership_network_actor")]
        constraints = [
            models.UniqueConstraint(
                fields=["actor", "network", "role", "start_date"],
                nulls_distinct=False,
                name="membership_unique_role_per_term",
                violation_error_message=_(
                    "Dieser Akteur hat in diesem Netzwerk bereits diese Rolle ab diesem Datum."
                ),
            ),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="membership_end_not_before_start",
                violation_error_message=_("Das Ende darf nicht vor dem Beginn liegen."),
            ),
            text_length_constraint(
                "note",
                max_length=NOTE_MAX_LENGTH,
                label=_("Anmerkung"),
                name="membership_note_length",
            ),
            models.CheckConstraint(
                condition=Q(publish_holder=False) | ~Q(mandate_holder=""),
                name="membership_published_holder_named",
                violation_error_message=_(
                    "Ein Name kann nur veröffentlicht werden, wenn er eingetragen ist."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.actor} – {self.get_role_display()} – {self.network}"

    @property
    def public_mandate_holder(self) -> str | None:
        """The mandate holder's name where the public may see it (the membership's switch
        "Name … veröffentlichen"), else None: pages, API, JSON-LD and published reports."""
        return self.mandate_holder if self.publish_holder and self.mandate_holder else None

    @property
    def is_current(self) -> bool:
        return self.end_date is None or self.end_date >= timezone.localdate()


class ExpertExchange(models.Model):
    """A recorded exchange of an actor (usually the office) with a named office holder."""

    actor = models.ForeignKey(
        "actors.Actor",
        verbose_name=_("Akteur"),
        on_delete=models.CASCADE,
        related_name="expert_exchanges",
    )
    expert_name = models.CharField(_("Name der Expertin / des Experten"), max_length=200)
    expert_function = models.CharField(_("Funktion"), max_length=300)
    topic = models.CharField(_("Thema"), max_length=300, blank=True)
    date = models.DateField(_("Datum"), null=True, blank=True)
    note = limited_text_field(_("Anmerkung"), max_length=NOTE_MAX_LENGTH, blank=True)

    history = PortalHistoricalRecords()

    class Meta:
        verbose_name = _("Austausch mit Expert*innen")
        verbose_name_plural = _("Austausch mit Expert*innen")
        ordering = ["expert_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["actor", "expert_name", "expert_function"],
                name="expert_exchange_unique_person",
                violation_error_message=_("Dieser Austausch ist bereits erfasst."),
            ),
            text_length_constraint(
                "note",
                max_length=NOTE_MAX_LENGTH,
                label=_("Anmerkung"),
                name="expert_exchange_note_length",
            ),
        ]

    def __str__(self):
        return f"{self.expert_name} ({self.expert_function})"
