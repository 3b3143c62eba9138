"""Every connection the filters match, page by page: the table when no picture is drawn."""

from django.db.models import F
from django.urls import reverse

from events.models import ParticipationRole
from networks.models import MembershipRole

from .graph import EVENT, NETWORK, memberships_of, participations_of
from .pictures import choice_label, kind_label


class AllConnections:
    """Memberships, then participations, as one sliceable sequence (for ``Paginator``).

    A page costs one count per link table (once) and one query per table it touches.
    """

    def __init__(self, actors, *, level: str = ""):
        actors = actors.order_by().values("pk")
        self.memberships = (
            memberships_of(actors, level=level)
            .select_related("actor", "network")
            .only("role", "actor__name", "actor__slug", "network__name", "network__slug")
            .order_by("network__name", "network_id", "actor__name", "actor_id", "role", "pk")
        )
        self.participations = (
            participations_of(actors, level=level)
            .select_related("actor", "event")
            .only("role", "actor__name", "actor__slug", "event__title", "event__slug")
            .order_by(
                F("event__start").desc(nulls_last=True), "event_id", "actor__name", "actor_id", "pk"
            )
        )
        self._membership_count = None

    def membership_count(self) -> int:
        if self._membership_count is None:
            self._membership_count = self.memberships.count()
        return self._membership_count

    def count(self) -> int:
        return self.membership_count() + self.participations.count()

    def __getitem__(self, window: slice) -> list[dict]:
        start, stop = window.start or 0, window.stop
        split = self.membership_count()
        rows = []
        if start < split:
            rows += [_membership_row(m) for m in self.memberships[start : min(stop, split)]]
        if stop > split:
            rows += [
                _participation_row(p)
                for p in self.participations[max(start - split, 0) : stop - split]
            ]
        return rows

    def csv_rows(self):
        for row in [
            *map(_membership_row, self.memberships.iterator(chunk_size=2000)),
            *map(_participation_row, self.participations.iterator(chunk_size=2000)),
        ]:
            yield (
                row["actor"]["name"],
                row["actor"]["url"],
                row["roles"],
                kind_label(row["place"]["kind"]),
                row["place"]["name"],
                row["place"]["url"],
            )


def _membership_row(membership) -> dict:
    return {
        "actor": _actor(membership.actor),
        "roles": choice_label(MembershipRole, membership.role),
        "place": {
            "kind": NETWORK,
            "name": membership.network.name,
            "url": reverse("networks:detail", kwargs={"slug": membership.network.slug}),
        },
        "kind": "membership",
    }


def _participation_row(participation) -> dict:
    return {
        "actor": _actor(participation.actor),
        "roles": choice_label(ParticipationRole, participation.role),
        "place": {
            "kind": EVENT,
            "name": participation.event.title,
            "url": reverse("events:detail", kwargs={"slug": participation.event.slug}),
        },
        "kind": "participation",
    }


def _actor(actor) -> dict:
    return {"name": actor.name, "url": reverse("actors:detail", kwargs={"slug": actor.slug})}
