"""The network pictures as the pages show them: built, laid out, drawn and cached.

A picture is cached under the data version (``ludwigsburg_portal.versioned``, read from
the database, so the same in every process with or without Redis; advanced
after every change a visitor could see, such as a membership, a participation or a
publication), the understood filter parameters and the language, so it is recomputed
after such a change and served from the cache until then. The layout is cached on its
own under the graph's structure (see ``layout``), the drawn SVG and table with the
picture, so a warm page renders neither.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext, ngettext

from actors.models import ActorKind
from events.models import ParticipationRole
from ludwigsburg_portal.publication import Level
from ludwigsburg_portal.versioned import data_version
from networks.models import MembershipRole

from . import graph as graphs
from .layout import NEIGHBOURHOOD_SIZE, apply_force_layout, apply_radial_layout, canvas_size

LABEL_LENGTH = 30
# Up to this many nodes every label is written; above it only networks and the most
# connected nodes, the others appear while a node has focus or the pointer.
ALL_LABELS_UP_TO = 40
MAJOR_LABELS = 16
LEAD_ROLES = {
    MembershipRole.CHAIR,
    MembershipRole.JURY_CHAIR,
    MembershipRole.COORDINATOR,
    ParticipationRole.ORGANISER,
}
_DETAIL_ROUTES = {
    graphs.ACTOR: "actors:detail",
    graphs.NETWORK: "networks:detail",
    graphs.EVENT: "events:detail",
}


def cache_seconds() -> int:
    return settings.NETWORK_PICTURE_CACHE_SECONDS


def cache_key(kind: str, parameters: dict) -> str:
    """``kind`` + data version + language + the understood parameters (sorted)."""
    text = "&".join(f"{name}={parameters[name]}" for name in sorted(parameters))
    digest = hashlib.sha256(text.encode()).hexdigest()[:32]
    return f"atlas:{kind}:{data_version()}:{get_language() or 'de'}:{digest}"


@dataclass
class Picture:
    graph: graphs.Graph
    html: str  # the <figure> with its SVG and the table of the drawn connections
    layout_seconds: float = 0.0


def network_picture(actors, *, level: str, parameters: dict) -> Picture:
    """The picture of ``actors`` (published, filtered) at ``level``, from the cache if fresh.

    Without any parameter the default view may be an overview (see ``graph``).
    """
    key = cache_key("network", {**parameters, "ebene": level})
    picture = cache.get(key)
    if picture is None:
        graph = graphs.filtered_graph(actors, level=level, overview_allowed=not parameters)
        seconds = apply_force_layout(graph) if graph.nodes else 0.0
        html = render_graph(graph) if graph.nodes else ""
        picture = Picture(graph=graph, html=html, layout_seconds=seconds)
        cache.set(key, picture, cache_seconds())
    return picture


def neighbourhood_html(actor) -> str:
    """The small picture of ``actor``'s neighbourhood with its text, from the cache if fresh."""
    key = cache_key("neighbourhood", {"actor": actor.pk})
    html = cache.get(key)
    if html is None:
        hood = graphs.neighbourhood(actor)
        html = ""
        if hood.graph.nodes:
            apply_radial_layout(hood)
            width, height = NEIGHBOURHOOD_SIZE
            html = render_to_string(
                "atlas/includes/neighbourhood.html",
                {
                    "actor": actor,
                    "hood": hood,
                    "scene": scene(
                        hood.graph, width=width, height=height, labels="all", label_length=24
                    ),
                    "partners": [
                        {"node": _display(node), "places": [_display(p) for p in places]}
                        for node, places in hood.partners
                    ],
                    "networks": [_display(n) for n in hood.graph.of_kind(graphs.NETWORK)],
                },
            )
        cache.set(key, html, cache_seconds())
    return html


def render_graph(graph: graphs.Graph) -> str:
    width, height = canvas_size(len(graph.nodes))
    labels = "all" if len(graph.nodes) <= ALL_LABELS_UP_TO else "major"
    return render_to_string(
        "atlas/includes/network_figure.html",
        {
            "graph": graph,
            "scene": scene(graph, width=width, height=height, labels=labels),
            "rows": edge_rows(graph),
        },
    )


# --- What the templates draw ----------------------------------------------------------


def kind_label(kind: str) -> str:
    return {
        graphs.ACTOR: gettext("Akteur"),
        graphs.NETWORK: gettext("Netzwerk"),
        graphs.EVENT: gettext("Veranstaltung"),
    }[kind]


def category_label(node: graphs.Node) -> str:
    if node.kind == graphs.ACTOR:
        return choice_label(ActorKind, node.category)
    level = choice_label(Level, node.category)
    if node.kind == graphs.EVENT and node.start:
        return f"{level}, {timezone.localtime(node.start).year}"
    return level


def choice_label(choices, value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def role_labels(edge: graphs.Edge) -> str:
    choices = MembershipRole if edge.kind == graphs.MEMBERSHIP else ParticipationRole
    return ", ".join(choice_label(choices, role) for role in edge.roles)


def _display(node: graphs.Node, *, label_length: int = LABEL_LENGTH) -> dict:
    name = node.name
    return {
        "key": node.key,
        "kind": node.kind,
        "name": name,
        "slug": node.slug,
        "url": reverse(_DETAIL_ROUTES[node.kind], kwargs={"slug": node.slug}),
        "kind_label": kind_label(node.kind),
        "category": category_label(node),
        "short": name if len(name) <= label_length else name[: label_length - 1].rstrip() + "…",
    }


def scene(
    graph: graphs.Graph, *, width: int, height: int, labels: str, label_length: int = LABEL_LENGTH
) -> dict:
    """Everything the SVG template writes, computed once: shapes, labels, lines."""
    major = set()
    if labels == "major":
        ranked = sorted(
            (n for n in graph.nodes.values() if n.kind != graphs.NETWORK),
            key=lambda n: (-n.degree, *n.sort_key),
        )
        major = {n.key for n in ranked[:MAJOR_LABELS]}
    nodes = []
    for node in graph.nodes.values():
        item = _display(node, label_length=label_length)
        connections = ngettext(
            "%(count)d Verbindung im Bild", "%(count)d Verbindungen im Bild", node.degree
        ) % {"count": node.degree}
        item["description"] = (
            f"{node.name} – {item['kind_label']} ({item['category']}), {connections}"
        )
        item["x"], item["y"] = node.x, node.y
        item["label_shown"] = labels == "all" or node.kind == graphs.NETWORK or node.key in major
        right = node.x >= width / 2
        item["label_anchor"] = "start" if right else "end"
        size = _size(node)
        item["label_x"] = round(node.x + (size + 4 if right else -size - 4), 1)
        item["label_y"] = round(node.y + 4, 1)
        item["size"] = size
        if node.kind == graphs.NETWORK:
            item["rect"] = (round(node.x - size, 1), round(node.y - size, 1), 2 * size)
        elif node.kind == graphs.EVENT:
            x, y = node.x, node.y
            item["points"] = (
                f"{x:.1f},{y - size:.1f} {x + size:.1f},{y:.1f} "
                f"{x:.1f},{y + size:.1f} {x - size:.1f},{y:.1f}"
            )
        nodes.append(item)
    _hide_overlapping_labels(nodes, graph)
    edges = []
    for edge in graph.edges:
        a, b = graph.nodes[edge.actor], graph.nodes[edge.place]
        edges.append(
            {
                "x1": a.x,
                "y1": a.y,
                "x2": b.x,
                "y2": b.y,
                "kind": edge.kind,
                "lead": any(role in LEAD_ROLES for role in edge.roles),
                "actor": edge.actor,
                "place": edge.place,
            }
        )
    return {"width": width, "height": height, "nodes": nodes, "edges": edges}


# Label boxes are estimated: 13 px system font, about 0.55 em per character.
_CHAR_WIDTH, _LABEL_HEIGHT = 7.2, 15.0


def _hide_overlapping_labels(items: list[dict], graph: graphs.Graph) -> None:
    """A label that would overlap one already placed shows only on focus or hover.

    Networks go first, then the most connected nodes, so the labels that stay are
    the ones that orient the reader.
    """
    order = sorted(
        (item for item in items if item["label_shown"]),
        key=lambda item: (
            item["kind"] != graphs.NETWORK,
            -graph.nodes[item["key"]].degree,
            item["name"].casefold(),
        ),
    )
    placed: list[tuple[float, float, float, float]] = []
    for item in order:
        width = _CHAR_WIDTH * len(item["short"])
        left = item["label_x"] if item["label_anchor"] == "start" else item["label_x"] - width
        box = (left, item["label_y"] - _LABEL_HEIGHT + 3, left + width, item["label_y"] + 3)
        if any(
            box[0] < other[2] and other[0] < box[2] and box[1] < other[3] and other[1] < box[3]
            for other in placed
        ):
            item["label_shown"] = False
        else:
            placed.append(box)


def _size(node: graphs.Node) -> float:
    if node.kind == graphs.NETWORK:
        return 9.0
    if node.kind == graphs.EVENT:
        return 8.0
    return round(5.5 + min(node.degree, 12) * 0.45, 1)


def edge_rows(graph: graphs.Graph) -> list[dict]:
    """One row per drawn line: who – role(s) – network or event."""
    return [
        {
            "actor": _display(graph.nodes[edge.actor]),
            "roles": role_labels(edge),
            "place": _display(graph.nodes[edge.place]),
            "kind": edge.kind,
        }
        for edge in graph.edges
    ]


def timed(function, *args, **kwargs) -> tuple[object, float]:
    """``function(*args, **kwargs)`` and the seconds it took (for the benchmark)."""
    started = time.perf_counter()
    result = function(*args, **kwargs)
    return result, time.perf_counter() - started
