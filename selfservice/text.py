"""Descriptions: plain text with a small Markdown subset, sanitised with nh3."""

import markdown
import nh3

ALLOWED_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a"}


def strip_html(text: str) -> str:
    """What editors submit: any HTML is removed (its script/style content too);
    Markdown stays as the plain text it is."""
    cleaned = nh3.clean(text, tags=set(), attributes={})
    # nh3 escapes the characters it keeps; the stored text is plain, not HTML.
    return cleaned.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").strip()


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
