"""Who works with whom: published actors, networks and events as a graph.

Nodes are actors, networks and events; an edge joins an actor to a network it is a
current member of (``Membership.objects.public().current()``) or to an event it takes
part in (``Participation.objects.public()``), with the role(s). Both ends of every
edge are published: the link tables' ``public()`` says so, in one place.

Each picture is built from one query per link table (values only, no per-node
queries) and stays within NODE_BUDGET nodes:

- *complete*: everything the filters match, when it fits;
- *overview*: without any filter and too much for one picture, the networks and the
  most connected actors with the events that bring at least two of them together;
- *too_large*: filters that still match too much draw nothing; the page says so and
  lists the connections as a table;
- *empty*: the filters match no connection.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef

from actors.models import Actor
from events.models import Participation
from ludwigsburg_portal.publication import Level
from networks.models import Membership

NODE_BUDGET = 300
# Rows fetched per link table before a filtered picture counts as too large: a picture of
# at most NODE_BUDGET nodes has far fewer connections than this.
EDGE_LIMIT = 1500
OVERVIEW_ACTORS = 60
OVERVIEW_NETWORKS = 40
OVERVIEW_EVENTS = 80

ACTOR, NETWORK, EVENT = "actor", "network", "event"
MEMBERSHIP, PARTICIPATION = "membership", "participation"
LEVEL_ORDER = {level: index for index, level in enumerate(Level.values)}

COMPLETE, OVERVIEW, TOO_LARGE, EMPTY = "complete", "overview", "too_large", "empty"

_MEMBERSHIP_COLUMNS = (
    "actor_id",
    "actor__name",
    "actor__slug",
    "actor__kind",
    "network_id",
    "network__name",
    "network__slug",
    "network__level",
    "role",
)
_PARTICIPATION_COLUMNS = (
    "actor_id",
    "actor__name",
    "actor__slug",
    "actor__kind",
    "event_id",
    "event__title",
    "event__slug",
    "event__level",
    "event__start",
    "role",
)


@dataclass
class Node:
    key: str  # "a12", "n3", "e45": unique across kinds
    kind: str
    pk: int
    name: str
    slug: str
    category: str = ""  # actor kind, or the level of a network or event
    start: object = None  # events: their start (for the label), else None
    degree: int = 0
    x: float = 0.0
    y: float = 0.0

    @property
    def sort_key(self):
        return (self.name.casefold(), self.pk)


@dataclass
class Edge:
    """One line in the picture: an actor and a network or event, with every current role."""

    actor: str
    place: str
    kind: str
    roles: tuple[str, ...]


@dataclass
class Graph:
    mode: str
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)
    # How many actors the selection had before the overview picked the most connected.
    candidates: int = 0

    def of_kind(self, kind: str) -> list[Node]:
        return [node for node in self.nodes.values() if node.kind == kind]

    def structure(self) -> tuple:
        """What the layout depends on (and nothing else): nodes with kind and level, edges."""
        return (
            tuple(
                (n.key, n.kind, n.category if n.kind == NETWORK else "")
                for n in self.nodes.values()
            ),
            tuple((e.actor, e.place) for e in self.edges),
        )


def _add_rows(nodes, edges, rows, *, place_kind):
    """Nodes and edges from value rows of memberships or participations."""
    prefix = "n" if place_kind == NETWORK else "e"
    for row in rows:
        actor_key, place_key = f"a{row[0]}", f"{prefix}{row[4]}"
        if actor_key not in nodes:
            nodes[actor_key] = Node(actor_key, ACTOR, row[0], row[1], row[2], row[3])
        if place_key not in nodes:
            nodes[place_key] = Node(
                place_key,
                place_kind,
                row[4],
                row[5],
                row[6],
                row[7],
                start=row[8] if place_kind == EVENT else None,
            )
        edges[(actor_key, place_key)].add(row[-1])


def _assemble(nodes, roles_by_pair, *, mode, candidates=0) -> Graph:
    """A Graph in a stable order: places by level and name, actors by name; edges by place."""
    edge_kind = {NETWORK: MEMBERSHIP, EVENT: PARTICIPATION}
    degree = Counter()
    for actor, place in roles_by_pair:
        degree[actor] += 1
        degree[place] += 1
    for key, node in nodes.items():
        node.degree = degree[key]

    def order(node):
        kind_rank = {NETWORK: 0, ACTOR: 1, EVENT: 2}[node.kind]
        level = LEVEL_ORDER.get(node.category, 9) if node.kind == NETWORK else 0
        return (kind_rank, level, *node.sort_key)

    ordered = {node.key: node for node in sorted(nodes.values(), key=order)}
    position = {key: index for index, key in enumerate(ordered)}
    edges = [
        Edge(actor, place, edge_kind[nodes[place].kind], tuple(sorted(roles)))
        for (actor, place), roles in sorted(
            roles_by_pair.items(), key=lambda item: (position[item[0][1]], position[item[0][0]])
        )
    ]
    return Graph(mode=mode, nodes=ordered, edges=edges, candidates=candidates)


def memberships_of(actors, *, level: str = ""):
    """The current public memberships of ``actors`` (a queryset), in networks at ``level``."""
    memberships = Membership.objects.public().current().filter(actor__in=actors)
    return memberships.filter(network__level=level) if level else memberships


def participations_of(actors, *, level: str = ""):
    """The public participations of ``actors`` (a queryset), in events at ``level``."""
    participations = Participation.objects.public().filter(actor__in=actors)
    return participations.filter(event__level=level) if level else participations


def filtered_graph(actors, *, level: str = "", overview_allowed: bool = False) -> Graph:
    """The picture of ``actors`` (a queryset of published actors) and their connections."""
    actors = actors.order_by().values("pk")
    memberships = list(
        memberships_of(actors, level=level)
        .order_by()
        .values_list(*_MEMBERSHIP_COLUMNS)[: EDGE_LIMIT + 1]
    )
    participations = list(
        participations_of(actors, level=level)
        .order_by()
        .values_list(*_PARTICIPATION_COLUMNS)[: EDGE_LIMIT + 1]
    )
    if not memberships and not participations:
        return Graph(mode=EMPTY)
    too_many = len(memberships) > EDGE_LIMIT or len(participations) > EDGE_LIMIT
    if not too_many:
        nodes: dict[str, Node] = {}
        pairs: dict[tuple[str, str], set] = defaultdict(set)
        # Membership rows lack the event start column: pad them to the same shape.
        _add_rows(nodes, pairs, ((*r[:8], None, r[8]) for r in memberships), place_kind=NETWORK)
        _add_rows(nodes, pairs, participations, place_kind=EVENT)
        if len(nodes) <= NODE_BUDGET:
            return _assemble(nodes, pairs, mode=COMPLETE)
    return overview_graph() if overview_allowed else Graph(mode=TOO_LARGE)


def overview_graph() -> Graph:
    """The networks and the most connected actors, with the events that join two of them.

    "Connected" counts an actor's current networks and its events with at least one
    other published participant (an event with one participant joins nobody). The
    coordination office, the city's own actor, is always among them.
    """
    # Whether another published actor takes part in the same (published) event, asked
    # per public participation (the index on event and actor) of the events the database
    # keeps as having two actors or more, instead of reading every participation.
    someone_else = (
        Participation.objects.of_published_actors()
        .filter(event_id=OuterRef("event_id"))
        .exclude(actor_id=OuterRef("actor_id"))
    )
    score = Counter()
    for actor_id, n in (
        Membership.objects.public()
        .current()
        .order_by()
        .values("actor_id")
        .annotate(n=Count("network_id", distinct=True))
        .values_list("actor_id", "n")
    ):
        score[actor_id] += n
    for actor_id, n in (
        Participation.objects.public()
        .in_shared_events()
        .filter(Exists(someone_else))
        .order_by()
        .values("actor_id")
        .annotate(n=Count("event_id", distinct=True))
        .values_list("actor_id", "n")
    ):
        score[actor_id] += n
    ranked = sorted(score, key=lambda pk: (-score[pk], pk))
    chosen = set(ranked[:OVERVIEW_ACTORS])
    chosen.update(Actor.objects.office().values_list("pk", flat=True))

    nodes: dict[str, Node] = {}
    pairs: dict[tuple[str, str], set] = defaultdict(set)
    memberships = (
        Membership.objects.public()
        .current()
        .filter(actor_id__in=chosen)
        .order_by()
        .values_list(*_MEMBERSHIP_COLUMNS)
    )
    member_counts = Counter(row[4] for row in memberships)
    networks = set(
        sorted(member_counts, key=lambda pk: (-member_counts[pk], pk))[:OVERVIEW_NETWORKS]
    )
    _add_rows(
        nodes,
        pairs,
        ((*r[:8], None, r[8]) for r in memberships if r[4] in networks),
        place_kind=NETWORK,
    )
    # The chosen actors' shared events, asked the same way.
    participations = list(
        Participation.objects.public()
        .in_shared_events()
        .filter(actor_id__in=chosen)
        .filter(Exists(someone_else))
        .order_by()
        .values_list(*_PARTICIPATION_COLUMNS)
    )
    participants = Counter()
    for row in {(r[0], r[4]) for r in participations}:
        participants[row[1]] += 1
    joining = [pk for pk, n in participants.items() if n >= 2]
    joining.sort(key=lambda pk: (-participants[pk], -pk))
    events = set(joining[:OVERVIEW_EVENTS])
    _add_rows(nodes, pairs, (r for r in participations if r[4] in events), place_kind=EVENT)
    return _assemble(nodes, pairs, mode=OVERVIEW, candidates=len(score))


# The small picture on an actor's page: the actor, its places, the actors it meets there.
NEIGHBOURHOOD_PLACES = 12
NEIGHBOURHOOD_ACTORS = 20


@dataclass
class Neighbourhood:
    graph: Graph
    centre: str  # the actor's node key
    # Actors met in the picture's places, most shared places first: (node, [place nodes]).
    partners: list[tuple[Node, list[Node]]]
    more_partners: int  # met, but left out of the picture
    more_places: int  # the actor's places left out of the picture


def neighbourhood(actor) -> Neighbourhood:
    """``actor``'s current networks and its events, with everyone it meets there.

    Two queries: the current public memberships in the actor's current networks, and
    the public participations in its events (the actor's own rows among them).
    """
    own_networks = Membership.objects.public().current().filter(actor=actor).values("network_id")
    own_events = Participation.objects.public().filter(actor=actor).values("event_id")
    nodes: dict[str, Node] = {}
    pairs: dict[tuple[str, str], set] = defaultdict(set)
    memberships = (
        Membership.objects.public()
        .current()
        .filter(network_id__in=own_networks)
        .order_by()
        .values_list(*_MEMBERSHIP_COLUMNS)
    )
    _add_rows(nodes, pairs, ((*r[:8], None, r[8]) for r in memberships), place_kind=NETWORK)
    _add_rows(
        nodes,
        pairs,
        Participation.objects.public()
        .filter(event_id__in=own_events)
        .order_by()
        .values_list(*_PARTICIPATION_COLUMNS),
        place_kind=EVENT,
    )
    centre = f"a{actor.pk}"
    if centre not in nodes:
        return Neighbourhood(Graph(mode=EMPTY), centre, [], 0, 0)

    others_at = defaultdict(set)  # place -> other actors there
    for actor_key, place in pairs:
        if actor_key != centre:
            others_at[place].add(actor_key)
    places = [key for (actor_key, key) in pairs if actor_key == centre]

    def place_rank(key):
        node = nodes[key]
        if node.kind == NETWORK:
            return (0, LEVEL_ORDER.get(node.category, 9), -len(others_at[key]), *node.sort_key)
        start = node.start.timestamp() if node.start else float("-inf")
        return (1, -len(others_at[key]), -start, *node.sort_key)

    places.sort(key=place_rank)
    shown_places = places[:NEIGHBOURHOOD_PLACES]
    shared = defaultdict(list)
    for place in shown_places:
        for other in others_at[place]:
            shared[other].append(place)
    partners = sorted(shared, key=lambda key: (-len(shared[key]), *nodes[key].sort_key))
    shown_partners = partners[:NEIGHBOURHOOD_ACTORS]
    keep = {centre, *shown_places, *shown_partners}
    graph = _assemble(
        {key: node for key, node in nodes.items() if key in keep},
        {pair: roles for pair, roles in pairs.items() if pair[0] in keep and pair[1] in keep},
        mode=COMPLETE,
    )
    return Neighbourhood(
        graph=graph,
        centre=centre,
        partners=[
            (graph.nodes[key], [graph.nodes[place] for place in shared[key]])
            for key in shown_partners
        ],
        more_partners=len(partners) - len(shown_partners),
        more_places=len(places) - len(shown_places),
    )
