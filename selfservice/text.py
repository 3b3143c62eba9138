"""What editors type is stored as plain text (a small Markdown subset, rendered by
:func:`ludwigsburg_portal.markup.render_markdown`); any HTML is removed on the way in."""

import html
import re

import nh3

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
