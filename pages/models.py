"""Staff-editable texts (Impressum, Datenschutz, …) and accessibility feedback."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from ludwigsburg_portal.history import PortalHistoricalRecords
from ludwigsburg_portal.markup import PAGE, render_markdown
from ludwigsburg_portal.text_limits import (
    MESSAGE_MAX_LENGTH,
    NOTE_MAX_LENGTH,
    PAGE_BODY_MAX_LENGTH,
    limited_text_field,
    text_length_constraint,
)


def validate_video_size(file):
    limit = settings.SIGN_LANGUAGE_VIDEO_MAX_SIZE
    if file.size > limit:
        raise ValidationError(
            _("Das Video ist zu groß (höchstens %(mb)s MB)."),
            params={"mb": limit // (1024 * 1024)},
            code="file_too_large",
        )


def validate_caption_size(file):
    if file.size > 512 * 1024:
        raise ValidationError(_("Die Untertiteldatei ist zu groß (höchstens 512 KB)."))


class PageKey(models.TextChoices):
    HOME_INTRO = "home_intro", _("Startseite: Einleitung")
    OFFICE = "office", _("Koordinationsstelle")
    IMPRINT = "imprint", _("Impressum")
    PRIVACY = "privacy", _("Datenschutzerklärung")
    ACCESSIBILITY = "accessibility", _("Erklärung zur Barrierefreiheit")
    EASY_LANGUAGE = "easy_language", _("Leichte Sprache")


# Where each text is shown publicly (the home intro is part of the home page).
PAGE_URL_NAMES = {
    PageKey.HOME_INTRO: "pages:home",
    PageKey.OFFICE: "pages:office",
    PageKey.IMPRINT: "pages:imprint",
    PageKey.PRIVACY: "pages:privacy",
    PageKey.ACCESSIBILITY: "pages:accessibility",
    PageKey.EASY_LANGUAGE: "pages:easy_language",
}


class Page(models.Model):
    """One text of the portal. Each key exists once; the rows are created by a migration."""

    key = models.CharField(_("Seite"), max_length=30, choices=PageKey.choices, unique=True)
    title = models.CharField(_("Überschrift"), max_length=200)
    # English next to German: the German fields are the source; English pages show the
    # English text, or else the German one marked lang="de" (legal texts stay German
    # until staff give an English version).
    title_en = models.CharField(
        _("Überschrift (englisch)"),
        max_length=200,
        blank=True,
        help_text=_("Leer lassen: Die englische Seite zeigt dann den deutschen Text."),
    )
    description = models.CharField(
        _("Kurzbeschreibung für Suchmaschinen"),
        max_length=300,
        blank=True,
        help_text=_("Ein Satz; erscheint in Suchergebnissen und beim Teilen (meta description)."),
    )
    description_en = models.CharField(
        _("Kurzbeschreibung für Suchmaschinen (englisch)"),
        max_length=300,
        blank=True,
        help_text=_("Leer lassen: Die englische Seite zeigt dann den deutschen Text."),
    )
    body = limited_text_field(
        _("Text"),
        max_length=PAGE_BODY_MAX_LENGTH,
        help_text=_(
            "Absätze durch eine Leerzeile trennen. Erlaubt: ## Zwischenüberschrift, "
            "**fett**, *kursiv*, Listen mit „- “, Links als [Text](https://…) und die "
            "Bilder des Portals als ![Beschreibung](/static/img/leichte-sprache/….svg)."
        ),
    )
    body_en = limited_text_field(
        _("Text (englisch)"),
        max_length=PAGE_BODY_MAX_LENGTH,
        blank=True,
        help_text=_(
            "Wie der deutsche Text. Leer lassen: Die englische Seite zeigt dann den deutschen Text."
        ),
    )
    sign_language_video = models.FileField(
        _("Video in Gebärdensprache"),
        upload_to="gebaerdensprache/",
        blank=True,
        validators=[FileExtensionValidator(["mp4", "webm"]), validate_video_size],
        help_text=_("MP4 oder WebM. Wird nur angezeigt, wenn eine Datei hochgeladen ist."),
    )
    sign_language_captions = models.FileField(
        _("Untertitel zum Video (WebVTT)"),
        upload_to="gebaerdensprache/",
        blank=True,
        validators=[FileExtensionValidator(["vtt"]), validate_caption_size],
        help_text=_("Optional: Untertitel im Format .vtt für Menschen, die nicht gebärden."),
    )
    sign_language_description = limited_text_field(
        _("Beschreibung des Videos"),
        max_length=NOTE_MAX_LENGTH,
        blank=True,
        help_text=_("Was im Video gesagt wird, in ein bis drei Sätzen. Steht unter dem Video."),
    )
    reviewed_on = models.DateField(
        _("Zuletzt überprüft am"),
        null=True,
        blank=True,
        help_text=_(
            "Tag, an dem der Inhalt zuletzt fachlich überprüft wurde (z. B. die Selbstbewertung "
            "der Barrierefreiheit). Erscheint auf der Seite als „Stand“; ohne Datum gilt die "
            "letzte Änderung."
        ),
    )
    updated = models.DateTimeField(_("zuletzt geändert"), auto_now=True)

    history = PortalHistoricalRecords()

    class Meta:
        verbose_name = _("Seitentext")
        verbose_name_plural = _("Seitentexte")
        ordering = ["key"]
        constraints = [
            text_length_constraint(
                "body", max_length=PAGE_BODY_MAX_LENGTH, label=_("Text"), name="page_body_length"
            ),
            text_length_constraint(
                "body_en",
                max_length=PAGE_BODY_MAX_LENGTH,
                label=_("Text (englisch)"),
                name="page_body_en_length",
            ),
            text_length_constraint(
                "sign_language_description",
                max_length=NOTE_MAX_LENGTH,
                label=_("Beschreibung des Videos"),
                name="page_sign_language_description_length",
            ),
        ]

    def __str__(self):
        return self.get_key_display()

    def get_absolute_url(self):
        return reverse(PAGE_URL_NAMES[self.key])

    @property
    def stand(self) -> datetime.date:
        """The date the page shows as "Stand": the last review, else the last change.

        A typo fixed in a reviewed text must not make the review look newer than it is."""
        return self.reviewed_on or timezone.localdate(self.updated)

    @property
    def body_html(self) -> str:
        return mark_safe(render_markdown(self.body, PAGE))  # sanitised by nh3

    @property
    def body_en_html(self) -> str:
        return mark_safe(render_markdown(self.body_en, PAGE))  # sanitised by nh3


class AccessibilityFeedback(models.Model):
    """A message sent through the feedback form of the accessibility statement."""

    name = models.CharField(_("Name"), max_length=200, blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    page_url = models.CharField(
        _("Betroffene Seite"),
        max_length=500,
        blank=True,
        help_text=_("Adresse oder Name der Seite, auf der die Barriere auftrat."),
    )
    message = limited_text_field(_("Nachricht"), max_length=MESSAGE_MAX_LENGTH)
    created = models.DateTimeField(_("eingegangen"), auto_now_add=True)
    handled = models.BooleanField(_("erledigt"), default=False, db_index=True)

    class Meta:
        verbose_name = _("Rückmeldung zur Barrierefreiheit")
        verbose_name_plural = _("Rückmeldungen zur Barrierefreiheit")
        ordering = ["handled", "-created"]
        constraints = [
            text_length_constraint(
                "message",
                max_length=MESSAGE_MAX_LENGTH,
                label=_("Nachricht"),
                name="accessibility_feedback_message_length",
            ),
        ]

    def __str__(self):
        return f"{self.created:%d.%m.%Y %H:%M} – {self.name or _('ohne Namen')}"
