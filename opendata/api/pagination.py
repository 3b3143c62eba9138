import functools

from rest_framework.pagination import PageNumberPagination

from ludwigsburg_portal.pagination import RememberedCountPaginator


class Pagination(PageNumberPagination):
    """``?page=N`` and ``?page_size=N`` (at most 200); responses carry count, next, previous.

    The count is the list's FilterSet's (``LenientFilterBackend`` leaves it on the
    request): a whole list from the count the database keeps, not ``COUNT(*)``."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200

    def paginate_queryset(self, queryset, request, view=None):
        filterset = getattr(request, "filterset", None)
        counter = filterset.count if filterset is not None else None
        self.django_paginator_class = functools.partial(RememberedCountPaginator, counter=counter)
        return super().paginate_queryset(queryset, request, view)
