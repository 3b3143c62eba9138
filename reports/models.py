"""Saved reports and the programme goals the office reports against.

A :class:`Report` keeps the numbers exactly as they were computed when staff saved it
(``snapshot``, the JSON tree of :func:`reports.compute.compute_report`, and ``annex``,
the rows behind every number, kept apart because only the CSV download reads them),
together with the texts staff wrote for it, so it renders the same way years later,
whatever happened to the data since.

Programme goals follow the funder's logic: a goal (Ziel) has sub-goals (Teilziele),
each measured by indicators with a planned (Soll) and an achieved (Ist) value per
period, and pursued by measures (Maßnahmen) that link to events and actors.
"""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def _period_constraint(name: str, *, nullable: bool = False) -> models.CheckConstraint:
    condition = Q(period_end__gte=F("period_start"))
    if nullable:
        condition |= Q(period_start__isnull=True) | Q(period_end__isnull=True)
    return models.CheckConstraint(
        condition=condition,
        name=name,
        violation_error_message=_("Das Ende des Zeitraums darf nicht vor seinem Beginn liegen."),
    )


class FundingPeriod(models.Model):
    """A funding period of the coordinator's position, offered as a report period."""

    name = models.CharField(
        _("Bezeichnung"),
        max_length=200,
        help_text=_("z. B. „Förderphase 2 (Koordination kommunaler Entwicklungspolitik)“"),
    )
    period_start = models.DateField(_("Beginn"))
    period_end = models.DateField(_("Ende"))

    class Meta:
        verbose_name = _("Förderzeitraum")
        verbose_name_plural = _("Förderzeiträume")
        ordering = ["-period_start"]
        constraints = [_period_constraint("fundingperiod_end_not_before_start")]

    def __str__(self):
        return f"{self.name} ({self.period_start:%d.%m.%Y} – {self.period_end:%d.%m.%Y})"


class ReportQuerySet(models.QuerySet):
    def public(self):
        """Reports staff published on the website."""
        return self.filter(is_public=True)

    def without_annex(self):
        """Everything but the annex rows (megabytes at 10,000 actors; only CSV needs them)."""
        return self.defer("annex")


class Report(models.Model):
    """A report as staff saved it: period, texts and the numbers computed then."""

    title = models.CharField(_("Titel"), max_length=250)
    period_start = models.DateField(_("von"))
    period_end = models.DateField(_("bis"))
    language = models.CharField(
        _("Sprache"), max_length=5, choices=settings.LANGUAGES, default="de"
    )
    introduction = models.TextField(
        _("Einleitung"),
        blank=True,
        help_text=_("Erscheint am Anfang des Berichts. Absätze durch eine Leerzeile trennen."),
    )
    outlook = models.TextField(
        _("Ausblick"),
        blank=True,
        help_text=_("Erscheint am Ende des Berichts. Absätze durch eine Leerzeile trennen."),
    )
    snapshot = models.JSONField(
        _("Zahlen und Datensätze"),
        encoder=DjangoJSONEncoder,
        help_text=_("So berechnet, wie der Bericht gespeichert wurde; ändert sich nie."),
    )
    annex = models.JSONField(
        _("CSV-Anhang"),
        encoder=DjangoJSONEncoder,
        default=dict,
        help_text=_("Die Datensätze hinter jeder Zahl, so wie beim Speichern berechnet."),
    )
    is_public = models.BooleanField(
        _("öffentlich"),
        default=False,
        help_text=_("Der Bericht erscheint auf der Website unter /berichte/<Jahr>/."),
    )
    public_year = models.PositiveSmallIntegerField(
        _("Jahr der öffentlichen Adresse"),
        help_text=_("Die Jahreszahl in der Adresse /berichte/<Jahr>/."),
    )
    created = models.DateTimeField(_("gespeichert am"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gespeichert von"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated = models.DateTimeField(_("geändert"), auto_now=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("Bericht")
        verbose_name_plural = _("Berichte")
        ordering = ["-period_end", "-created"]
        constraints = [
            _period_constraint("report_end_not_before_start"),
            models.UniqueConstraint(
                fields=["public_year", "language"],
                condition=Q(is_public=True),
                name="report_one_public_per_year_and_language",
                violation_error_message=_(
                    "Für dieses Jahr ist in dieser Sprache schon ein Bericht öffentlich."
                ),
            ),
            models.CheckConstraint(
                condition=Q(public_year__gte=1900, public_year__lte=2100),
                name="report_public_year_plausible",
                violation_error_message=_("Das Jahr muss zwischen 1900 und 2100 liegen."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("reports:detail", kwargs={"year": self.public_year})

    def get_admin_url(self):
        return reverse("reports:saved", kwargs={"pk": self.pk})


class Goal(models.Model):
    title = models.CharField(_("Ziel"), max_length=300)
    description = models.TextField(_("Beschreibung"), blank=True)
    order = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    class Meta:
        verbose_name = _("Programmziel")
        verbose_name_plural = _("Programmziele")
        ordering = ["order", "title"]

    def __str__(self):
        return self.title


class SubGoal(models.Model):
    goal = models.ForeignKey(
        Goal, verbose_name=_("Ziel"), on_delete=models.CASCADE, related_name="subgoals"
    )
    title = models.CharField(_("Teilziel"), max_length=300)
    description = models.TextField(_("Beschreibung"), blank=True)
    order = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    class Meta:
        verbose_name = _("Teilziel")
        verbose_name_plural = _("Teilziele")
        ordering = ["goal__order", "goal__title", "order", "title"]

    def __str__(self):
        return f"{self.goal} › {self.title}"


class Indicator(models.Model):
    subgoal = models.ForeignKey(
        SubGoal, verbose_name=_("Teilziel"), on_delete=models.CASCADE, related_name="indicators"
    )
    name = models.CharField(_("Indikator"), max_length=300)
    unit = models.CharField(
        _("Einheit"), max_length=50, blank=True, help_text=_("z. B. „Veranstaltungen“, „%“")
    )
    description = models.TextField(_("Beschreibung"), blank=True)
    order = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    class Meta:
        verbose_name = _("Indikator")
        verbose_name_plural = _("Indikatoren")
        ordering = ["subgoal__goal__order", "subgoal__order", "order", "name"]

    def __str__(self):
        return self.name


class IndicatorValue(models.Model):
    """Planned (Soll) and achieved (Ist) value of an indicator for one period."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("Indikator"), on_delete=models.CASCADE, related_name="values"
    )
    period_start = models.DateField(_("von"))
    period_end = models.DateField(_("bis"))
    target = models.DecimalField(_("Soll (geplant)"), max_digits=12, decimal_places=2)
    actual = models.DecimalField(
        _("Ist (erreicht)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Leer lassen, solange der Wert noch nicht feststeht."),
    )
    note = models.CharField(_("Anmerkung"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("Soll-/Ist-Wert")
        verbose_name_plural = _("Soll-/Ist-Werte")
        ordering = ["indicator", "period_start"]
        constraints = [
            _period_constraint("indicatorvalue_end_not_before_start"),
            models.UniqueConstraint(
                fields=["indicator", "period_start", "period_end"],
                name="indicatorvalue_unique_period",
                violation_error_message=_("Für diesen Zeitraum gibt es schon einen Wert."),
            ),
        ]

    def __str__(self):
        return f"{self.indicator}: {self.period_start:%d.%m.%Y} – {self.period_end:%d.%m.%Y}"


class Measure(models.Model):
    """A measure (Maßnahme) pursuing a sub-goal, with what was planned and achieved."""

    subgoal = models.ForeignKey(
        SubGoal, verbose_name=_("Teilziel"), on_delete=models.CASCADE, related_name="measures"
    )
    title = models.CharField(_("Maßnahme"), max_length=300)
    planned = models.TextField(_("geplant"), blank=True)
    achieved = models.TextField(_("erreicht"), blank=True)
    period_start = models.DateField(_("von"), null=True, blank=True)
    period_end = models.DateField(
        _("bis"), null=True, blank=True, help_text=_("Leer lassen, solange die Maßnahme läuft.")
    )
    events = models.ManyToManyField(
        "events.Event", verbose_name=_("Veranstaltungen"), blank=True, related_name="+"
    )
    actors = models.ManyToManyField(
        "actors.Actor", verbose_name=_("Akteure"), blank=True, related_name="+"
    )
    order = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    class Meta:
        verbose_name = _("Maßnahme")
        verbose_name_plural = _("Maßnahmen")
        ordering = ["subgoal__goal__order", "subgoal__order", "order", "title"]
        constraints = [_period_constraint("measure_end_not_before_start", nullable=True)]

    def __str__(self):
        return self.title
