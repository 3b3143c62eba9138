"""Publication status shared by every public record (actors, networks, events).

"Published only" lives here, in one QuerySet method, so no view repeats the filter,
and every status change goes through :func:`set_status`.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext
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


def example_field():
    """Fictional records (demo data): every public view shows them with the badge
    "Beispiel" (``templates/includes/example_badge.html``), the API as ``is_example``."""
    return models.BooleanField(
        _("Beispiel"),
        default=False,
        help_text=_(
            "Fiktiver Eintrag (load_ludwigsburg --demo): erscheint überall mit dem "
            "Abzeichen „Beispiel“."
        ),
    )


def confirmation_field():
    """What staff still have to confirm about a record: a seeded value its source does
    not state. Empty means nothing to confirm; the admin lists show "bitte bestätigen"."""
    return models.CharField(
        _("bitte bestätigen"),
        max_length=300,
        blank=True,
        help_text=_(
            "Angaben, die die Quelle nicht belegt. Leeren, sobald sie bestätigt oder "
            "korrigiert sind."
        ),
    )


# --- The one owner of status changes -------------------------------------------------

# Feature apps have a say before a record changes status (a pending moderation):
# ``guard(obj, *, status, by)`` runs with the row locked, inside the change's
# transaction. It refuses by raising ``ValidationError``, carries the change out
# itself through its own service (which calls :func:`set_status` again), or does
# nothing. The ground knows no app; the apps register here from ``ready()``.
_status_guards: dict[str, list[Callable[..., None]]] = {}
_REASON_LENGTH = 100  # simple-history's change-reason column


def register_status_guard(model: type[models.Model], guard: Callable[..., None]) -> None:
    guards = _status_guards.setdefault(model._meta.label_lower, [])
    if guard not in guards:
        guards.append(guard)


@dataclass
class StatusChange:
    """What :func:`set_status` did: rows changed, rows already in the status, rows a
    guard refused (with its message)."""

    changed: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    refused: list[tuple[models.Model, str]] = field(default_factory=list)


def set_status(*, obj_or_queryset, status: str, by, reason: str = "") -> StatusChange:
    """Change the publication status of one record or of every record in a queryset.

    Every row is locked, asked of the registered guards and saved on its own, so
    simple-history records who changed it (``by``) and why (``reason``, by default
    "Status: old → new"), and ``post_save`` makes cached pages stale.

    One record (a service deciding something): a guard's refusal is raised, and
    the record is saved as given, so fields the caller set go into the same history
    row. A queryset (a bulk action): rows already in ``status`` are left alone, each
    row changes in its own savepoint, and refused rows are reported, not raised.
    """
    status = PublicationStatus(status)
    result = StatusChange()
    with transaction.atomic():
        if isinstance(obj_or_queryset, models.Model):
            _change_one(obj_or_queryset, status=status, by=by, reason=reason, result=result)
            return result
        model = obj_or_queryset.model
        pks = set(obj_or_queryset.values_list("pk", flat=True))
        # Plain locked rows in key order: no DISTINCT or outer join of the admin's
        # queryset (FOR UPDATE forbids them), and one lock order for every caller.
        for obj in model._default_manager.select_for_update().filter(pk__in=pks).order_by("pk"):
            if obj.status == status:
                result.unchanged.append(obj)
                continue
            try:
                with transaction.atomic():
                    _change_one(obj, status=status, by=by, reason=reason, result=result)
            except ValidationError as error:
                result.refused.append((obj, " ".join(error.messages)))
    return result


def _change_one(obj, *, status, by, reason, result: StatusChange) -> None:
    manager = type(obj)._default_manager
    current = manager.select_for_update().values_list("status", flat=True).get(pk=obj.pk)
    if current != status:
        for guard in _status_guards.get(obj._meta.label_lower, ()):
            guard(obj, status=status, by=by)
        if manager.filter(pk=obj.pk, status=status).exists():
            # A guard made the change through its own service (and its history row).
            obj.refresh_from_db()
            result.changed.append(obj)
            return
    old_label = PublicationStatus(current).label if current in PublicationStatus else current
    obj.status = status
    obj._history_user = by
    obj._change_reason = (
        reason or gettext("Status: %(old)s → %(new)s") % {"old": old_label, "new": status.label}
    )[:_REASON_LENGTH]
    obj.save()
    del obj._change_reason  # a later, unrelated save must not carry this reason
    (result.changed if current != status else result.unchanged).append(obj)
