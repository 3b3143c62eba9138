"""Tiny HTML inspection helpers for the portal guard tests (stdlib parser only)."""

from html.parser import HTMLParser
from urllib.parse import urlsplit

# Attributes that make the browser fetch something (or navigate, for <a>/<form>).
URL_ATTRIBUTES = {"src", "href", "srcset", "action", "poster", "data", "formaction"}


class Page(HTMLParser):
    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text_by_tag: dict[str, list[str]] = {}
        self._open: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._open.append(tag)

    def handle_endtag(self, tag):
        if tag in self._open:
            while self._open and self._open.pop() != tag:
                pass

    def handle_data(self, data):
        if self._open:
            self.text_by_tag.setdefault(self._open[-1], []).append(data)

    def find_all(self, tag, **attrs):
        return [
            a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in attrs.items())
        ]

    def meta(self, *, name=None, prop=None):
        key, value = ("name", name) if name else ("property", prop)
        found = self.find_all("meta", **{key: value})
        return found[0]["content"] if found else None

    def urls(self):
        """(tag, attribute, url) for every URL-carrying attribute on the page."""
        for tag, attrs in self.tags:
            for attribute, value in attrs.items():
                if attribute in URL_ATTRIBUTES and value:
                    if attribute == "srcset":
                        for candidate in value.split(","):
                            yield tag, attribute, candidate.strip().split(" ")[0]
                    else:
                        yield tag, attribute, value


def third_party_resources(html: str, *, own_hosts=("testserver",)) -> list[str]:
    """Every URL on the page that the browser would LOAD from another host.

    Hyperlinks (<a href>) to an actor's own website are navigation the visitor
    chooses, not a request made by the page, so they are allowed; everything
    else (scripts, styles, images, media, frames, form targets, <link>) must be ours.
    """
    offending = []
    for tag, attribute, url in Page(html).urls():
        if tag == "a" and attribute == "href":
            continue
        host = urlsplit(url).hostname if url.startswith(("http:", "https:", "//")) else None
        if host and host not in own_hosts:
            offending.append(f"<{tag} {attribute}={url}>")
    return offending
