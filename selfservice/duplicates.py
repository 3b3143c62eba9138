"""Does a new submission look like an actor we already have?

The embedded PostgreSQL has no pg_trgm, so names are compared in Python after
normalising them (case, umlauts, punctuation, legal-form words), which is cheap
for the few thousand actors a city lists.
"""

import difflib
import re
import unicodedata
from urllib.parse import urlsplit

from actors.models import Actor
from ludwigsburg_portal.publication import PublicationStatus

SIMILARITY = 0.85
_FILLER = {"ev", "e", "v", "verein", "der", "die", "das", "und", "fuer", "ludwigsburg", "gruppe"}


def normalise_name(name: str) -> str:
    text = name.lower()
    for umlaut, plain in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(umlaut, plain)
    text = re.sub(r"[\W_]+", " ", text)  # dashes of every kind separate words
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", text)
    return " ".join(word for word in words if word not in _FILLER) or " ".join(words)


def website_domain(url: str) -> str:
    if not url:
        return ""
    host = urlsplit(url if "//" in url else f"//{url}").hostname or ""
    return host.removeprefix("www.")


def similar_actors(*, name: str, website: str = "", email: str = "", exclude_pk=None):
    """Existing (not draft) actors with a similar name, the same website domain or e-mail."""
    wanted_name = normalise_name(name)
    wanted_domain = website_domain(website)
    wanted_email = email.strip().lower()
    candidates = (
        Actor.objects.exclude(status=PublicationStatus.DRAFT)
        .exclude(pk=exclude_pk)
        .values_list("pk", "name", "website", "email")
    )
    hits = []
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(wanted_name)  # difflib caches details about the second sequence
    for pk, other_name, other_website, other_email in candidates:
        other = normalise_name(other_name)
        matcher.set_seq1(other)
        # The cheap upper bounds rule out almost every name before the real ratio.
        same_name = bool(wanted_name) and (
            other == wanted_name
            or (
                matcher.real_quick_ratio() >= SIMILARITY
                and matcher.quick_ratio() >= SIMILARITY
                and matcher.ratio() >= SIMILARITY
            )
        )
        same_site = bool(wanted_domain) and website_domain(other_website) == wanted_domain
        same_mail = bool(wanted_email) and other_email.strip().lower() == wanted_email
        if same_name or same_site or same_mail:
            hits.append(pk)
    return Actor.objects.filter(pk__in=hits).order_by("name")
