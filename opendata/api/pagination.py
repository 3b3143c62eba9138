from django.utils import timezone
from rest_framework.pagination import PageNumberPagination

from ludwigsburg_portal.pagination import RememberedCountPaginator

# Parameters that choose the page, not the list.
PAGE_PARAMETERS = {"page", "page_size"}


class Pagination(PageNumberPagination):
    """``?page=N`` and ``?page_size=N`` (at most 200); responses carry count, next, previous.

    The count of a list is taken once per data version and minute, per path and
    parameters (``versioned``): the lists of upcoming events change with the clock.
    """

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200

    def paginate_queryset(self, queryset, request, view=None):
        parameters = tuple(
            sorted(
                (name, tuple(values))
                for name, values in request.query_params.lists()
                if name not in PAGE_PARAMETERS
            )
        )
        minute = timezone.now().replace(second=0, microsecond=0)
        self.count_key = ("api", request.path, parameters, minute)
        return super().paginate_queryset(queryset, request, view)

    def django_paginator_class(self, object_list, per_page):
        return RememberedCountPaginator(object_list, per_page, count_key=self.count_key)
