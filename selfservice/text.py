"""Descriptions: plain text with a small Markdown subset, sanitised with nh3."""

import html
import re

import markdown
import nh3

ALLOWED_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a"}
# Where an HTML parser would start a tag, comment or declaration.
_MARKUP_START = re.compile(r"<[A-Za-z/!?]")


def _strip_once(text: str) -> str:
    # nh3 escapes the characters it keeps; the stored text is plain, not HTML.
    return html.unescape(nh3.clean(text, tags=set(), attributes={}))


def strip_html(text: str) -> str:
    """What editors submit: any HTML is removed (its script/style content too);
    Markdown and characters such as "a < b" stay as the plain text they are.

    Markup that arrives entity-encoded (``&lt;img onerror=…&gt;``) is removed too:
    decoding it once would turn it into a real element, so the stored text would
    be markup for anything that forgets to escape it.
    """
    cleaned = _strip_once(text)
    while _MARKUP_START.search(cleaned):
        again = _strip_once(cleaned)
        if again == cleaned:
            break
        cleaned = again
    return cleaned.strip()


def render_markdown(text: str) -> str:
    """Safe HTML for a description: Markdown subset, links get rel=noopener nofollow."""
    # nl2br: a single line break stays a line break, as in the plain-text rendering.
    html = markdown.markdown(text or "", extensions=["nl2br", "sane_lists"], output_format="html")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes={"a": {"href"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener nofollow",
    )
