"""Pagination that never fails: ``?page=abc`` shows the first page, ``?page=99999`` the last."""

from django.core.paginator import Paginator
from django.utils.functional import cached_property


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


class CappedCountPaginator(Paginator):
    """Counts at most ``cap`` results (a search matching thousands need not count them all).

    ``count`` is then ``cap`` and ``capped`` is True; the pages cover the best ``cap``
    results, which for a relevance-sorted search is all anyone reads. PostgreSQL stops
    after ``cap + 1`` matches instead of visiting every one of them.
    """

    cap = 1000

    @cached_property
    def count(self):
        matches = self.object_list.order_by().values("pk")[: self.cap + 1].count()
        self.capped = matches > self.cap
        return min(matches, self.cap)

    capped = False
