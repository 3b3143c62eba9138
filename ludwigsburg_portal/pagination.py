"""Pagination that never fails: ``?page=abc`` shows the first page, ``?page=99999`` the last."""

from django.core.paginator import Paginator
from django.utils.functional import cached_property

from . import versioned


class ForgivingPaginationMixin:
    """For ListView: a bad page number is answered with a real page, not a 404 or 500.

    Bookmarked links to pages that no longer exist (the list shrank) still lead
    somewhere useful; the template can tell from ``page_obj.number`` where it is.
    """

    page_kwarg = "page"

    def get_page_query(self):
        """The GET parameters page links keep (a QueryDict). Views may clean it first."""
        return getattr(self, "page_query", self.request.GET)

    def get_context_data(self, **kwargs):
        return super().get_context_data(page_query=self.get_page_query(), **kwargs)

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        # Templates cannot call methods with arguments: "1 2 … 7 8 9 … 40".
        page.elided_page_range = list(
            paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
        )
        return paginator, page, page.object_list, page.has_other_pages()


class RememberedCountPaginator(Paginator):
    """Counts once per data version: ``count_key`` names the list and its filters.

    The count of a list changes only on writes, so it is kept in memory until the
    next one (``versioned``); the unfiltered directory then pays no ``COUNT(*)``.
    ``counter`` counts instead of ``COUNT(*)`` over the list (a count the database
    keeps, see ``tallies``).
    """

    def __init__(self, object_list, per_page, *, count_key=None, counter=None, **kwargs):
        self.count_key = count_key
        self.counter = counter or (lambda: Paginator.count.func(self))
        super().__init__(object_list, per_page, **kwargs)

    @cached_property
    def count(self):
        if self.count_key is None:
            return self.counter()
        return versioned.remember(("count", *self.count_key), self.counter)


class CountedPaginator(Paginator):
    """Told its count: for a list whose count comes with other figures (the archive's
    count is the sum of its counts per year)."""

    def __init__(self, object_list, per_page, *, count: int, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.count = count  # instead of the cached property's COUNT(*)


class CappedCountPaginator(RememberedCountPaginator):
    """Counts at most ``cap`` results (a search matching thousands need not count them all).

    ``count`` is then ``cap`` and ``capped`` is True; the pages cover the best ``cap``
    results, which for a relevance-sorted search is all anyone reads. PostgreSQL stops
    after ``cap + 1`` matches instead of visiting every one of them. With a
    ``count_key`` the count is kept until the next write, like the plain one's.
    """

    cap = 1000

    @cached_property
    def count(self):
        def capped_count():
            matches = self.object_list.order_by().values("pk")[: self.cap + 1].count()
            return min(matches, self.cap), matches > self.cap

        if self.count_key is None:
            count, self.capped = capped_count()
        else:
            key = ("capped-count", self.cap, *self.count_key)
            count, self.capped = versioned.remember(key, capped_count)
        return count

    capped = False


class DeferredQuerySet:
    """A list's queryset, built only when its rows or its count are needed.

    Building a search's queryset (the ranked full-text query, the filters) costs more
    than rendering a remembered page; with a remembered count and page nothing reads
    it. ``build`` returns the queryset of ``model``, which must be ordered. A slice
    (what a paginator takes for a page) stays deferred too; anything else is passed on.
    """

    ordered = True  # for the Paginator's check, without building

    def __init__(self, build, model, part: slice = slice(None)):
        self._build = build
        self.model = model  # for the list view's template names
        self._part = part
        self._queryset = None

    def queryset(self):
        if self._queryset is None:
            queryset = self._build()
            self._queryset = queryset if self._part == slice(None) else queryset[self._part]
        return self._queryset

    def __getitem__(self, key):
        if isinstance(key, slice) and self._part == slice(None):
            return DeferredQuerySet(self._build, self.model, key)
        return self.queryset()[key]

    def __iter__(self):
        return iter(self.queryset())

    def __len__(self):
        return len(self.queryset())

    def count(self):
        return self.queryset().count()

    def __getattr__(self, name):
        return getattr(self.queryset(), name)
