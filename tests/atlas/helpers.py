"""Reading the drawn pictures back out of a page (stdlib HTML parser only)."""

import re
from html.parser import HTMLParser


class Svg(HTMLParser):
    """Nodes (links in an <svg>), lines and table rows of a network page."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.nodes: dict[str, dict] = {}  # data-node key -> {href, label, title}
        self.lines: list[tuple[str, str]] = []
        self.rows: list[list[str]] = []  # hrefs per table row
        self._in_svg = self._in_title = False
        self._node = None
        self._row = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "svg" and "data-graph" in attrs:
            self._in_svg = True
        elif self._in_svg and tag == "a":
            self._node = {"href": attrs.get("href"), "label": attrs.get("aria-label"), "title": ""}
            self.nodes[attrs.get("data-node")] = self._node
        elif self._in_svg and tag == "title":
            self._in_title = True
        elif self._in_svg and tag == "line":
            self.lines.append((attrs["data-from"], attrs["data-to"]))
        elif tag == "tr":
            self._row = []
        elif tag == "a" and self._row is not None:
            self._row.append(attrs.get("href"))

    def handle_endtag(self, tag):
        if tag == "svg":
            self._in_svg = False
        elif tag == "title":
            self._in_title = False
        elif tag == "a":
            self._node = None
        elif tag == "tr" and self._row is not None:
            if self._row:
                self.rows.append(self._row)
            self._row = None

    def handle_data(self, data):
        if self._in_title and self._node is not None:
            self._node["title"] += data

    def drawn_connections(self) -> set[tuple[str, str]]:
        """(actor href, place href) of every line in the picture."""
        return {(self.nodes[a]["href"], self.nodes[b]["href"]) for a, b in self.lines}


def main_html(response) -> str:
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())
