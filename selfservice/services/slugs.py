"""Slugs for records created from a form (new profiles, proposed events)."""

from django.utils.text import slugify


def unique_slug(model, text: str, *, fallback: str) -> str:
    base = slugify(text)[:180].strip("-") or fallback
    slug, number = base, 2
    while model.objects.filter(slug=slug).exists():
        slug = f"{base}-{number}"
        number += 1
    return slug
