"""Publication status shared by every public record (actors, networks, events).

"Published only" lives here, in one QuerySet method, so no view repeats the filter.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", _("Entwurf")
    PENDING = "pending", _("Zur Prüfung")
    PUBLISHED = "published", _("Veröffentlicht")
    ARCHIVED = "archived", _("Archiviert")


class Level(models.TextChoices):
    """Political level of a network or event."""

    CITY = "city", _("Stadt")
    STATE = "state", _("Land Baden-Württemberg")
    FEDERAL = "federal", _("Bund")
    INTERNATIONAL = "international", _("International")


class PublishableQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=PublicationStatus.PUBLISHED)


def status_field():
    return models.CharField(
        _("Status"),
        max_length=20,
        choices=PublicationStatus.choices,
        default=PublicationStatus.DRAFT,
        db_index=True,
        help_text=_("Nur veröffentlichte Einträge sind öffentlich sichtbar."),
    )
