"""Who changed what, with the values before and after (django-simple-history).

:class:`PortalHistoricalRecords` is simple-history's ``HistoricalRecords`` with three
additions every record of the portal needs:

- **one history row per change.** Saving a record and then its many-to-many
  relations (the admin's form, a service's ``_apply_profile``) would write a row for
  the save and one per ``add``/``remove``; here a relation change made on the same
  Python object as the last save updates that save's row (its relation snapshot), so
  the history shows one change with all its values. A relation changed on its own
  (another object, the reverse side) writes a row of its own.
- **snapshots of tags.** django-taggit's manager is no plain many-to-many field
  (generic rows, no through model of its own), so ``m2m_fields`` cannot track it.
  ``tag_snapshots={"topics": (label, "tags")}`` adds a text column to the history
  table holding the sorted names of the tags at that moment; a tag change writes (or
  updates) a row like any other relation.
- **no row for nothing**: ``add()``/``remove()`` of nothing (taggit sends its
  signals even then) write nothing.

:func:`describe_changes` turns consecutive rows into what the admin's history page
shows: per field its verbose name, the old and the new value as people read them
(choice labels, names of related records, "ja"/"nein", German dates, "–" for empty).
"""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.db import models
from django.db.models.signals import m2m_changed
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history import utils
from simple_history.models import HistoricalRecords
from simple_history.signals import post_create_historical_record, pre_create_historical_record

from .people import display_name

EMPTY = "–"
_LONG = 160  # longer values are shown around their first difference


class PortalHistoricalRecords(HistoricalRecords):
    def __init__(self, *args, tag_snapshots=None, **kwargs):
        super().__init__(*args, **kwargs)
        # {history column: (verbose name, name of the taggit manager)}
        self.tag_snapshots = dict(tag_snapshots or {})

    # --- the history model --------------------------------------------------------

    def get_extra_fields(self, model, fields):
        extra = super().get_extra_fields(model, fields)
        for column, (label, _manager) in self.tag_snapshots.items():
            extra[column] = models.TextField(label, blank=True, default="")
        extra["portal_snapshots"] = {
            column: label for column, (label, _manager) in self.tag_snapshots.items()
        }
        return extra

    def finalize(self, sender, **kwargs):
        if self.cls is not sender:
            return super().finalize(sender, **kwargs)
        super().finalize(sender, **kwargs)
        history_model = getattr(sender, self.manager_name).model
        pre_create_historical_record.connect(self._fill_snapshots, sender=history_model, weak=False)
        post_create_historical_record.connect(
            self._remember_record, sender=history_model, weak=False
        )
        if self.tag_snapshots:
            m2m_changed.connect(self._tags_changed, weak=False)

    # --- writing rows -------------------------------------------------------------

    def _marker(self) -> str:
        return f"_portal_{self.manager_name}_record"

    def _fill_snapshots(self, sender, instance, history_instance, **kwargs):
        if history_instance.history_type == "-":
            return  # the tags went with the record
        for column, (_label, manager) in self.tag_snapshots.items():
            setattr(history_instance, column, _tag_names(instance, manager))

    def _remember_record(self, sender, instance, history_instance, **kwargs):
        instance.__dict__[self._marker()] = history_instance

    def _record_relation_change(self, instance):
        record = instance.__dict__.get(self._marker())
        if record is None or record.history_type == "-":
            self.create_historical_record(instance, "~")
            return
        # The same object's last save: its row gets the relations as they are now.
        for field in record._history_m2m_fields:
            self.m2m_models[field].objects.filter(history=record).delete()
        self.create_historical_record_m2ms(record, instance)
        if self.tag_snapshots:
            self._fill_snapshots(None, instance, record)
            record.save(update_fields=list(self.tag_snapshots))

    def m2m_changed(self, instance, action, attr, pk_set, reverse, model=None, **kwargs):
        from django.conf import settings

        if not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
            return
        if action in ("pre_add", "pre_remove") or (action == "pre_clear" and not reverse):
            return
        if action == "pre_clear":
            # The reverse side (user.edited_actors.clear()): which records lose the link.
            through = getattr(self.cls, attr).through
            source = utils.get_m2m_field_name(getattr(self.cls, attr).field)
            target = utils.get_m2m_reverse_field_name(getattr(self.cls, attr).field)
            instance.__dict__["_portal_cleared"] = list(
                through.objects.filter(**{target: instance.pk}).values_list(
                    f"{source}_id", flat=True
                )
            )
            return
        if action in ("post_add", "post_remove") and not pk_set:
            return
        if not reverse:
            if hasattr(instance, "skip_history_when_saving"):
                return
            self._record_relation_change(instance)
            return
        pks = pk_set if action != "post_clear" else instance.__dict__.pop("_portal_cleared", [])
        for record in self.cls._default_manager.filter(pk__in=pks):
            if hasattr(instance, "_history_user"):  # else the request's user, as for a save
                record._history_user = instance._history_user
            self._record_relation_change(record)

    def _tags_changed(self, sender, instance, action, pk_set, **kwargs):
        if not isinstance(instance, self.cls) or action not in (
            "post_add",
            "post_remove",
            "post_clear",
        ):
            return
        managers = {manager for _label, manager in self.tag_snapshots.values()}
        if not any(sender is getattr(type(instance), name).through for name in managers):
            return
        if action != "post_clear" and not pk_set:
            return  # taggit's add() of nothing
        self._record_relation_change(instance)


def _tag_names(instance, manager: str) -> str:
    if instance.pk is None:
        return ""
    names = getattr(instance, manager).values_list("name", flat=True)
    return ", ".join(sorted(names, key=str.casefold))


# --- Reading: the changes between two rows, as people read them ----------------------


@dataclass(frozen=True)
class Change:
    field: str
    old: str
    new: str


ACTIONS = {"+": _("angelegt"), "~": _("geändert"), "-": _("gelöscht")}


def describe_changes(records: list) -> None:
    """Set ``changes`` (a list of :class:`Change`), ``action`` and ``changed_by`` on each
    of ``records`` (rows of one object, newest first). The oldest row is compared with
    the row before it, which is looked up."""
    if not records:
        return
    older = records[-1].prev_record if records[-1].history_type != "+" else None
    rows = [*records, older] if older is not None else list(records)
    m2m = _m2m_values(rows)
    people = {}  # each person named once, however many rows they wrote
    for index, record in enumerate(records):
        record.action = ACTIONS.get(record.history_type, record.history_type)
        if record.history_user_id and record.history_user_id not in people:
            people[record.history_user_id] = display_name(record.history_user)
        record.changed_by = people.get(record.history_user_id, "")
        previous = rows[index + 1] if index + 1 < len(rows) else None
        if record.history_type != "~" or previous is None or _is_baseline(record):
            record.changes = []
            continue
        record.changes = _changes(previous, record, m2m)


def _is_baseline(record) -> bool:
    return record.history_change_reason == BASELINE_REASON


def _changes(old, new, m2m) -> list[Change]:
    changes = []
    for field in new.tracked_fields:
        if not field.editable or isinstance(field, models.ManyToManyField):
            continue
        before, after = getattr(old, field.attname), getattr(new, field.attname)
        if before != after:
            changes.append(Change(capfirst(field.verbose_name), *_pair(field, before, after)))
    for column, label in getattr(type(new), "portal_snapshots", {}).items():
        before, after = getattr(old, column), getattr(new, column)
        if before != after:
            changes.append(Change(capfirst(label), before or EMPTY, after or EMPTY))
    for field in new._history_m2m_fields:
        before, after = m2m.get((old.pk, field.name), ()), m2m.get((new.pk, field.name), ())
        if before != after:
            changes.append(Change(capfirst(field.verbose_name), _names(before), _names(after)))
    return changes


def _m2m_values(rows) -> dict:
    """``(history row pk, field name) → tuple of related names, sorted``, in one query
    per relation (and one per related model for the names)."""
    if not rows:
        return {}
    values = {}
    for field in rows[0]._history_m2m_fields:
        m2m_model = HistoricalRecords.m2m_models[field]
        target = utils.get_m2m_reverse_field_name(field)
        pairs = list(
            m2m_model.objects.filter(history__in=[row.pk for row in rows]).values_list(
                "history_id", f"{target}_id"
            )
        )
        related = field.related_model
        objects = related._base_manager.in_bulk({pk for _history, pk in pairs})
        grouped = {}
        for history_id, pk in pairs:
            grouped.setdefault(history_id, []).append(_related_name(objects.get(pk), pk))
        for row in rows:
            values[(row.pk, field.name)] = tuple(sorted(grouped.get(row.pk, []), key=str.casefold))
    return values


def _names(names) -> str:
    return ", ".join(names) if names else EMPTY


def _related_name(obj, pk) -> str:
    if obj is None:
        return gettext("gelöscht (Nr. %(pk)s)") % {"pk": pk}
    if hasattr(obj, "get_full_name") and hasattr(obj, "get_username"):
        return display_name(obj)
    return str(obj)


def _pair(field, before, after) -> tuple[str, str]:
    old, new = _display(field, before), _display(field, after)
    if max(len(old), len(new)) > _LONG:
        old, new = _around_difference(old, new)
    return old, new


def _display(field, value) -> str:
    if value is None or value == "":
        return EMPTY
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return gettext("ja") if value else gettext("nein")
    if isinstance(field, models.ForeignKey):
        obj = field.related_model._base_manager.filter(pk=value).first()
        return _related_name(obj, value)
    if isinstance(value, datetime):
        return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
    if isinstance(value, date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(value, Decimal | float | int) and not isinstance(value, bool):
        return formats.localize(value)
    return str(value)


def _around_difference(old: str, new: str) -> tuple[str, str]:
    """Both texts from a little before their first difference, cut to a readable length."""
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    start = max(0, start - 40)

    def cut(text):
        part = text[start : start + _LONG]
        return ("…" if start else "") + part + ("…" if start + _LONG < len(text) else "")

    return cut(old), cut(new)


# --- Deleting history (data protection) -------------------------------------------------

# The reason of the row a migration wrote for every record that existed when its
# history began (stored data, hence not translated): a starting point, no change.
BASELINE_REASON = "Stand bei Beginn der Historie"


def delete_history(rows) -> int:
    """Delete history rows (a QuerySet of one history model) with their relation
    snapshots, which simple-history links without a database constraint and would
    leave behind. Returns how many history rows went."""
    for m2m_model in HistoricalRecords.m2m_models.values():
        if m2m_model._meta.get_field("history").related_model is rows.model:
            m2m_model.objects.filter(history__in=rows.values("pk")).delete()
    return rows.delete()[0]
