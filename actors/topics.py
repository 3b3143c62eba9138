"""Topics (django-taggit tags) that stay tidy: the one rule for how a topic is written.

"Fairer Handel", "fairer handel", " Fairer  Handel " and "Fairer-Handel" are one topic:
case, runs of white space, hyphens and underscores do not tell topics apart
(:func:`topic_key`). Whatever writes topics (the admin form, the self-service forms,
the spreadsheet import, the seed) passes the typed names through
:func:`resolve_topics`, which reuses the spelling of an existing topic with the same
key, so no second spelling is ever created. Staff merge topics that exist twice with
:func:`merge_topics` (the topic admin's action); a data migration merged the
duplicates that existed before this rule.
"""

import re
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Count
from taggit.models import Tag, TaggedItem

_SPACE = re.compile(r"\s+")
_SEPARATORS = re.compile(r"[\s\-_‐‑–]+")


def normalise_topic(name: str) -> str:
    """The name as stored for a new topic: trimmed, white space collapsed to one
    space, underscores read as spaces (hyphens stay: "Eine-Welt-Arbeit")."""
    return _SPACE.sub(" ", str(name).replace("_", " ")).strip()


def topic_key(name: str) -> str:
    """What makes two names one topic: letters and digits, ignoring case and whether
    words are joined by spaces, hyphens or underscores."""
    return _SEPARATORS.sub(" ", str(name)).strip().casefold()


def resolve_topics(names: Iterable[str]) -> list[str]:
    """The topic names to store for ``names`` (as typed or imported).

    Each name is normalised; where a topic with the same key exists, its spelling is
    used. Names that are empty after normalising are dropped, repeats are removed
    (first one wins), the order is kept."""
    wanted = [normalise_topic(name) for name in names]
    wanted = [name for name in wanted if name]
    if not wanted:
        return []
    keys = {topic_key(name) for name in wanted}
    existing = {}
    # A small table (a few hundred rows); comparing in Python keeps the rule in one place.
    for name in Tag.objects.order_by("pk").values_list("name", flat=True):
        key = topic_key(name)
        if key in keys:
            existing.setdefault(key, name)
    result, seen = [], set()
    for name in wanted:
        key = topic_key(name)
        if key not in seen:
            seen.add(key)
            result.append(existing.get(key, name))
    return result


def published_topic_names(model) -> list[str]:
    """Names of the topics at least one published record of ``model`` carries, sorted."""
    published = model._default_manager.published().values("pk")
    return sorted(
        Tag.objects.filter(
            taggit_taggeditem_items__content_type=ContentType.objects.get_for_model(model),
            taggit_taggeditem_items__object_id__in=published,
        )
        .distinct()
        .values_list("name", flat=True),
        key=str.casefold,
    )


def usage_counts(tags) -> dict[int, int]:
    """How many records carry each of ``tags`` (tag pk → count)."""
    return dict(
        Tag.objects.filter(pk__in=[tag.pk for tag in tags])
        .annotate(uses=Count("taggit_taggeditem_items"))
        .values_list("pk", "uses")
    )


@transaction.atomic
def merge_topics(*, keep: Tag, others: Iterable[Tag], by, reason: str = "") -> int:
    """Give every record tagged with one of ``others`` the topic ``keep`` instead, then
    delete ``others``. Goes through each record's tag manager, so its history records
    who merged (``by``) and the topics before and after. Returns how many records changed.
    """
    others = [tag for tag in others if tag.pk != keep.pk]
    if not others:
        return 0
    changed = 0
    items = (
        TaggedItem.objects.filter(tag__in=others)
        .order_by("content_type_id", "object_id")
        .values_list("content_type_id", "object_id")
        .distinct()
    )
    for content_type_id, object_id in items:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        record = model._default_manager.filter(pk=object_id).first() if model else None
        if record is None:  # a dangling generic row: nothing to tell history about
            continue
        record._history_user = by
        if reason:
            record._change_reason = reason
        manager = _tag_manager(record)
        manager.remove(*others)
        manager.add(keep)
        changed += 1
    _keep_english_name(keep, others)
    Tag.objects.filter(pk__in=[tag.pk for tag in others]).delete()
    return changed


def _keep_english_name(keep: Tag, others: list[Tag]) -> None:
    """The kept topic takes an English name of a merged one if it has none."""
    from .models import TopicTranslation

    current = TopicTranslation.objects.filter(tag=keep).first()
    if current is not None and current.name_en:
        return
    moved = TopicTranslation.objects.filter(tag__in=others).exclude(name_en="").first()
    if moved is not None:
        TopicTranslation.objects.update_or_create(tag=keep, defaults={"name_en": moved.name_en})


def _tag_manager(record):
    from taggit.managers import TaggableManager

    for field in record._meta.get_fields():
        if isinstance(field, TaggableManager):
            return getattr(record, field.name)
    raise LookupError(f"{type(record).__name__} has no tags")  # pragma: no cover


# --- Reading and writing the comma-separated topic field ------------------------------
# django-taggit's own parser splits a text without commas at its spaces, so
# "Fairer Handel" typed alone became the topics "Fairer" and "Handel". Ours splits
# at commas only (settings: TAGGIT_TAGS_FROM_STRING / TAGGIT_STRING_FROM_TAGS).

_QUOTES = "\"'„“”‚‘’«»"


def topics_from_string(text: str) -> list[str]:
    """Comma-separated (or one per line) topic names, normalised, repeats removed.
    Quotes around a name (taggit's old way of writing "Fairer Handel") are dropped."""
    names = (normalise_topic(part).strip(_QUOTES) for part in re.split(r"[,\n]", text or ""))
    result, seen = [], set()
    for name in names:
        name = normalise_topic(name)
        if name and topic_key(name) not in seen:
            seen.add(topic_key(name))
            result.append(name)
    return sorted(result, key=str.casefold)


def string_from_topics(tags) -> str:
    return ", ".join(sorted((tag.name for tag in tags), key=str.casefold))
