"""Markdown for texts people write, rendered by one function and cleaned by nh3.

Two subsets: :data:`DESCRIPTION` for what associations write about themselves
(paragraphs, line breaks, bold, italics, lists, links that get
``rel="noopener nofollow"``) and :data:`PAGE` for the page texts staff edit (also
headings, quotes, link titles and ``tel:`` links). Raw HTML in the source is
removed, never trusted. Templates use the ``markdown`` filter
(``{% load markup %}{{ actor.description|markdown }}``).
"""

from functools import lru_cache
from typing import NamedTuple

import markdown
import nh3


class Subset(NamedTuple):
    tags: frozenset[str]
    attributes: tuple[tuple[str, frozenset[str]], ...]
    url_schemes: frozenset[str]
    link_rel: str
    extensions: tuple[str, ...]


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
)
SUBSETS = {"description": DESCRIPTION, "page": PAGE}


@lru_cache(maxsize=256)
def render_markdown(text: str, subset: Subset = DESCRIPTION) -> str:
    """Markdown → sanitised HTML in ``subset``.

    Cached by the text itself (a pure function): converting the long legal texts costs
    about 20 ms, and they change only when staff edit them.
    """
    html = markdown.markdown(text or "", extensions=list(subset.extensions), output_format="html")
    return nh3.clean(
        html,
        tags=set(subset.tags),
        attributes={tag: set(names) for tag, names in subset.attributes},
        url_schemes=set(subset.url_schemes),
        link_rel=subset.link_rel,
    )
