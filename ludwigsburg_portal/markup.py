"""Markdown for texts people write, rendered by one function and cleaned by nh3.

Two subsets: :data:`DESCRIPTION` for what associations write about themselves
(paragraphs, line breaks, bold, italics, lists, links that get
``rel="noopener nofollow"``) and :data:`PAGE` for the page texts staff edit (also
headings, quotes, link titles and ``tel:`` links). Raw HTML in the source is
removed, never trusted. Templates use the ``markdown`` filter
(``{% load markup %}{{ actor.description|markdown }}``).
"""

import re
from functools import lru_cache
from html import unescape
from pathlib import Path
from typing import NamedTuple

import markdown
import nh3
from django.conf import settings
from django.templatetags.static import static
from django.utils.html import escape


class Subset(NamedTuple):
    tags: frozenset[str]
    attributes: tuple[tuple[str, frozenset[str]], ...]
    url_schemes: frozenset[str]
    link_rel: str
    extensions: tuple[str, ...]
    pictures: bool = False


DESCRIPTION = Subset(
    tags=frozenset({"p", "br", "strong", "em", "ul", "ol", "li", "a"}),
    attributes=(("a", frozenset({"href"})),),
    url_schemes=frozenset({"http", "https", "mailto"}),
    link_rel="noopener nofollow",
    # nl2br: a single line break stays a line break, as in the plain-text rendering.
    extensions=("nl2br", "sane_lists"),
)
PAGE = Subset(
    tags=frozenset({"p", "h2", "h3", "ul", "ol", "li", "a", "strong", "em", "br", "blockquote"}),
    attributes=(("a", frozenset({"href", "title"})),),
    url_schemes=frozenset({"http", "https", "mailto", "tel"}),
    link_rel="noopener noreferrer",
    extensions=("sane_lists",),
    # ![Beschreibung](/static/img/leichte-sprache/menue-knopf.svg): the portal's own
    # pictograms only (the Leichte-Sprache page), never an image from elsewhere.
    pictures=True,
)
SUBSETS = {"description": DESCRIPTION, "page": PAGE}

# Pictures a page text may show: the portal's own SVG pictograms, each at the size of
# its viewBox, so a text can never load anything from elsewhere or track its readers.
PICTURE_DIR = "img/leichte-sprache/"
VIEW_BOX = re.compile(r'viewBox="0 0 (\d+) (\d+)"')
IMG_TAG = re.compile(r"<img\b([^>]*)>")
IMG_ATTRIBUTE = re.compile(r'([a-z]+)="([^"]*)"')


@lru_cache(maxsize=1)
def own_pictures() -> dict[str, tuple[str, str]]:
    pictures = {}
    for path in sorted((Path(settings.BASE_DIR) / "static" / PICTURE_DIR).glob("*.svg")):
        if size := VIEW_BOX.search(path.read_text()):
            pictures[settings.STATIC_URL + PICTURE_DIR + path.name] = size.groups()
    return pictures


def _own_picture(match: re.Match) -> str:
    """An allowed picture with its static URL, size and alt text (alt="" when none is
    given: decorative); any other image becomes its alt text."""
    attributes = {name: unescape(value) for name, value in IMG_ATTRIBUTE.findall(match[1])}
    alt = attributes.get("alt", "")
    if "src" not in attributes:
        return escape(alt)
    width, height = own_pictures()[attributes["src"]]
    src = static(attributes["src"].removeprefix(settings.STATIC_URL))
    return f'<img src="{escape(src)}" alt="{escape(alt)}" width="{width}" height="{height}">'


@lru_cache(maxsize=256)
def render_markdown(text: str, subset: Subset = DESCRIPTION) -> str:
    """Markdown → sanitised HTML in ``subset``.

    Cached by the text itself (a pure function): converting the long legal texts costs
    about 20 ms, and they change only when staff edit them.
    """
    html = markdown.markdown(text or "", extensions=list(subset.extensions), output_format="html")
    tags = set(subset.tags)
    attributes = {tag: set(names) for tag, names in subset.attributes}
    values = {}
    if subset.pictures:
        tags.add("img")
        attributes["img"] = {"alt"}
        values = {"img": {"src": set(own_pictures())}}
    html = nh3.clean(
        html,
        tags=tags,
        attributes=attributes,
        tag_attribute_values=values,
        url_schemes=set(subset.url_schemes),
        link_rel=subset.link_rel,
    )
    return IMG_TAG.sub(_own_picture, html) if subset.pictures else html
