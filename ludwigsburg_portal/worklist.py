"""The office's open work, shown at the top of the admin start page ("Zu tun").

Each app registers what waits for staff in its ``AppConfig.ready()``: a label, the
queryset of the waiting rows, the admin changelist with the filter that shows exactly
those rows, and the permission needed to see them. The ground knows no app; it only
counts, in one query however many items are registered and however many rows wait.

    worklist.register(
        key="submissions",
        order=10,
        label=_("Neueinträge zur Prüfung"),
        empty_label=_("Keine offenen Neueinträge"),
        queryset=lambda: Submission.objects.pending(),
        url_name="admin:selfservice_submission_changelist",
        query={"state__exact": "pending"},
        permission="selfservice.view_submission",
    )
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from django.db.models import Count, IntegerField, QuerySet, Value
from django.urls import reverse
from django.utils.http import urlencode


@dataclass(frozen=True)
class WorkItem:
    key: str
    order: int
    label: str
    empty_label: str
    queryset: Callable[[], QuerySet]
    url_name: str
    permission: str
    query: Mapping[str, str] = field(default_factory=dict)

    @property
    def url(self) -> str:
        """The changelist filtered to exactly the rows :attr:`queryset` counts."""
        url = reverse(self.url_name)
        return f"{url}?{urlencode(self.query)}" if self.query else url


@dataclass(frozen=True)
class OpenWork:
    item: WorkItem
    count: int

    @property
    def label(self) -> str:
        return self.item.label if self.count else self.item.empty_label

    @property
    def url(self) -> str:
        return self.item.url


_registry: dict[str, WorkItem] = {}


def register(**kwargs) -> WorkItem:
    """Add (or, with the same ``key``, replace) one kind of open work."""
    item = WorkItem(**kwargs)
    _registry[item.key] = item
    return item


def registered() -> list[WorkItem]:
    return sorted(_registry.values(), key=lambda item: (item.order, item.key))


def _counted(queryset: QuerySet, index: int) -> QuerySet:
    """``SELECT <index>, COUNT(*) FROM … WHERE …``: one row, zero included (a constant
    is no grouping column, so the count runs over the whole filtered queryset)."""
    return (
        queryset.order_by()
        .annotate(worklist_index=Value(index, output_field=IntegerField()))
        .values("worklist_index")
        .annotate(worklist_count=Count("pk"))
        .values_list("worklist_index", "worklist_count")
    )


def open_work(user) -> list[OpenWork]:
    """The registered items ``user`` may see, each with its count (one query)."""
    items = [item for item in registered() if user.has_perm(item.permission)]
    if not items:
        return []
    counts = [_counted(item.queryset(), index) for index, item in enumerate(items)]
    rows = dict(counts[0].union(*counts[1:], all=True)) if len(counts) > 1 else dict(counts[0])
    return [OpenWork(item=item, count=rows.get(index, 0)) for index, item in enumerate(items)]
