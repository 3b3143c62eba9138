"""Where each node goes: deterministic layouts in SVG user units.

The network picture uses networkx's force-directed layout (Fruchterman–Reingold) with the
networks held on a circle, grouped by level (city, state, federal, international), so the
picture reads the same way every time: the levels sit in the same sectors, and actors
settle between the networks they belong to. A fixed seed and a fixed node order make the
result depend on the data alone; it is cached under a hash of the graph's structure, so a
change that leaves the structure alone (a renamed actor, the other language) reuses it.

The neighbourhood on an actor's page is radial and needs no library: the actor in the
middle, its networks and events on an inner ring, the actors it meets there outside,
each near the places it shares.
"""

from __future__ import annotations

import hashlib
import math
import time

from django.core.cache import cache

from .graph import ACTOR, LEVEL_ORDER, NETWORK, Graph, Neighbourhood

SEED = 2026
ITERATIONS = 120
LAYOUT_CACHE_SECONDS = 7 * 24 * 3600  # keyed by content: never stale, only evicted
_CENTRE = "__centre__"


def canvas_size(node_count: int) -> tuple[int, int]:
    """Width and height of the picture: more room for more nodes, so labels stay legible."""
    if node_count <= 40:
        return 960, 620
    if node_count <= 120:
        return 1120, 760
    return 1400, 960


def _structure_key(graph: Graph) -> str:
    digest = hashlib.sha256(repr(graph.structure()).encode()).hexdigest()
    return f"atlas:layout:v1:{digest}"


def force_positions(graph: Graph) -> dict[str, tuple[float, float]]:
    """Unit-scale positions from networkx (uncached): networks fixed on a circle by level."""
    import networkx as nx

    g = nx.Graph()
    g.add_nodes_from(graph.nodes)
    for edge in graph.edges:
        g.add_edge(edge.actor, edge.place, weight=1.0)
    networks = sorted(
        (node for node in graph.nodes.values() if node.kind == NETWORK),
        key=lambda node: (LEVEL_ORDER.get(node.category, 9), *node.sort_key),
    )
    fixed: dict[str, tuple[float, float]] = {_CENTRE: (0.0, 0.0)}
    if len(networks) == 1:
        fixed[networks[0].key] = (0.0, 0.0)
    elif networks:
        # One slot per network plus a gap between two levels, so each level is a sector.
        slots, previous = [], None
        for node in networks:
            if previous is not None and node.category != previous:
                slots.append(None)
            slots.append(node.key)
            previous = node.category
        for index, key in enumerate(slots):
            if key is not None:
                angle = -math.pi / 2 + 2 * math.pi * index / len(slots)
                fixed[key] = (math.cos(angle), math.sin(angle))
    # A weak pull towards the centre keeps parts without a network near the others.
    g.add_node(_CENTRE)
    for key, node in graph.nodes.items():
        if node.kind != NETWORK:
            g.add_edge(_CENTRE, key, weight=0.04)
    n = max(len(graph.nodes), 1)
    positions = nx.spring_layout(
        g,
        pos=fixed,
        fixed=list(fixed),
        k=1.4 / math.sqrt(n),
        iterations=ITERATIONS,
        seed=SEED,
        weight="weight",
    )
    return {key: (float(x), float(y)) for key, (x, y) in positions.items() if key != _CENTRE}


def apply_force_layout(graph: Graph) -> float:
    """Place ``graph``'s nodes (cached by structure); returns the seconds spent computing."""
    if not graph.nodes:
        return 0.0
    key = _structure_key(graph)
    positions = cache.get(key)
    spent = 0.0
    if positions is None:
        started = time.perf_counter()
        positions = force_positions(graph)
        spent = time.perf_counter() - started
        cache.set(key, positions, LAYOUT_CACHE_SECONDS)
    width, height = canvas_size(len(graph.nodes))
    _fit(graph, positions, width=width, height=height, margin_x=150, margin_y=40)
    return spent


def _fit(graph, positions, *, width, height, margin_x, margin_y) -> None:
    """Scale unit positions into the canvas, keeping proportions, centred."""
    xs = [positions[key][0] for key in graph.nodes]
    ys = [positions[key][1] for key in graph.nodes]
    span_x = (max(xs) - min(xs)) or 1.0
    span_y = (max(ys) - min(ys)) or 1.0
    scale = min((width - 2 * margin_x) / span_x, (height - 2 * margin_y) / span_y)
    offset_x = (width - scale * (max(xs) + min(xs))) / 2
    offset_y = (height - scale * (max(ys) + min(ys))) / 2
    for key, node in graph.nodes.items():
        x, y = positions[key]
        node.x = round(offset_x + scale * x, 1)
        node.y = round(offset_y + scale * y, 1)


NEIGHBOURHOOD_SIZE = (960, 600)


def apply_radial_layout(hood: Neighbourhood) -> None:
    """The actor in the middle, its places on an inner ring, its partners outside."""
    graph = hood.graph
    width, height = NEIGHBOURHOOD_SIZE
    cx, cy = width / 2, height / 2
    centre = graph.nodes[hood.centre]
    centre.x, centre.y = cx, cy
    places = [
        node for node in graph.nodes.values() if node.key != hood.centre and node.kind != ACTOR
    ]
    places.sort(key=lambda node: (node.kind != NETWORK, LEVEL_ORDER.get(node.category, 9)))
    angle_of = {}
    for index, node in enumerate(places):
        angle = -math.pi / 2 + 2 * math.pi * index / max(len(places), 1)
        angle_of[node.key] = angle
        node.x = round(cx + 150 * math.cos(angle), 1)
        node.y = round(cy + 125 * math.sin(angle), 1)

    def mean_angle(places_of_partner):
        sx = sum(math.cos(angle_of[p.key]) for p in places_of_partner)
        sy = sum(math.sin(angle_of[p.key]) for p in places_of_partner)
        return math.atan2(sy, sx) % (2 * math.pi)

    partners = sorted(hood.partners, key=lambda item: (mean_angle(item[1]), *item[0].sort_key))
    if partners:
        # Evenly spread in the order of their places' directions, starting near the first.
        start = mean_angle(partners[0][1])
        for index, (node, _places) in enumerate(partners):
            angle = start + 2 * math.pi * index / len(partners)
            node.x = round(cx + 290 * math.cos(angle), 1)
            node.y = round(cy + 255 * math.sin(angle), 1)
