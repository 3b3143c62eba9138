"""Public CSV and JSON downloads of the published directory under dl-de/by-2-0.

The JSON download uses the API serializers, so both say the same about a record
(including the personal-data rule); the CSV flattens the same data into columns.
The query parameters of the API filter the downloads too. CSV cells that a
spreadsheet program would run as a formula are written as text (``safe_cell``).
The ``…_en`` columns hold the English versions of the German texts (empty where
none is given); ``tags_en`` and ``regions_en`` list the English names that exist.
"""

import csv
import io
from operator import itemgetter

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse, JsonResponse
from django.views.decorators.http import require_safe

from ludwigsburg_portal.http import conditional_get
from ludwigsburg_portal.spreadsheet import safe_cell

from .api import views as api
from .api.filters import IGNORED_FILTERS_HEADER, ActorFilter, EventFilter, NetworkFilter
from .api.serializers import ActorSerializer, EventSerializer, NetworkSerializer


def _join(values) -> str:
    return "; ".join(str(value) for value in values if value not in (None, ""))


def _contact(row, key):
    return (row["contact"] or {}).get(key, "")


def _roles(items, who: str) -> str:
    return _join(f"{item[who]} ({item['role']})" for item in items)


def columns(spec) -> dict:
    """CSV columns in order: a plain name copies that field of the serialized record,
    a ``(name, function)`` pair computes the cell."""
    result = {}
    for item in spec:
        name, cell = (item, itemgetter(item)) if isinstance(item, str) else item
        result[name] = cell
    return result


ACTOR_COLUMNS = columns(
    [
        "slug",
        "name",
        "kind",
        "teaser",
        "teaser_en",
        "description",
        "description_en",
        ("tags", lambda r: _join(r["tags"])),
        ("tags_en", lambda r: _join(topic["name_en"] for topic in r["topics"])),
        ("sdgs", lambda r: _join(sdg["number"] for sdg in r["sdgs"])),
        ("regions", lambda r: _join(region["name"] for region in r["regions"])),
        ("regions_en", lambda r: _join(region["name_en"] for region in r["regions"])),
        "district",
        "street",
        "postal_code",
        "city",
        "latitude",
        "longitude",
        "website",
        "founded_year",
        ("contact_person", lambda r: _contact(r, "person")),
        ("email", lambda r: _contact(r, "email")),
        ("phone", lambda r: _contact(r, "phone")),
        ("networks", lambda r: _roles(r["memberships"], "network")),
        "is_example",
        "page_url",
        "updated",
    ]
)
NETWORK_COLUMNS = columns(
    [
        "slug",
        "name",
        "name_en",
        "level",
        "kind",
        "host",
        "description",
        "description_en",
        "website",
        ("members", lambda r: _roles(r["memberships"], "actor")),
        "is_example",
        "page_url",
        "updated",
    ]
)
EVENT_COLUMNS = columns(
    [
        "slug",
        "title",
        "title_en",
        "start",
        "end",
        "date_precision",
        "location",
        "online",
        "level",
        "organiser",
        "description",
        "description_en",
        "website",
        ("participants", lambda r: _roles(r["participations"], "actor")),
        "is_example",
        "page_url",
        "updated",
    ]
)

# URL slug → (queryset, FilterSet, serializer, CSV columns)
DATASETS = {
    "akteure": (
        lambda: api.ActorViewSet().get_queryset(),
        ActorFilter,
        ActorSerializer,
        ACTOR_COLUMNS,
    ),
    "netzwerke": (
        lambda: api.NetworkViewSet().get_queryset(),
        NetworkFilter,
        NetworkSerializer,
        NETWORK_COLUMNS,
    ),
    "veranstaltungen": (
        lambda: api.EventViewSet().get_queryset(),
        EventFilter,
        EventSerializer,
        EVENT_COLUMNS,
    ),
}
FORMATS = ("csv", "json")


def _license_link(response):
    response["Link"] = f'<{settings.OPEN_DATA_LICENSE_URL}>; rel="license"'
    return response


def dataset_rows(dataset: str, params) -> tuple[list[dict], list[str]]:
    """Serialised records of a dataset filtered by ``params`` as in the API, and the
    parameters that were not understood (left out, as in the API)."""
    queryset, filterset_class, serializer_class, _columns = DATASETS[dataset]
    filterset = filterset_class(params, queryset=queryset())
    return serializer_class(filterset.qs, many=True).data, filterset.ignored


@require_safe
@conditional_get
def download(request, dataset: str, fmt: str):
    if dataset not in DATASETS or fmt not in FORMATS:
        raise Http404
    rows, ignored = dataset_rows(dataset, request.GET)
    filename = f"eine-welt-ludwigsburg-{dataset}.{fmt}"
    if fmt == "json":
        payload = {
            "license": settings.OPEN_DATA_LICENSE_NAME,
            "license_url": settings.OPEN_DATA_LICENSE_URL,
            "attribution": "Stadt Ludwigsburg, Eine-Welt-Portal",
            "count": len(rows),
            "results": rows,
        }
        response = JsonResponse(
            payload, encoder=DjangoJSONEncoder, json_dumps_params={"ensure_ascii": False}
        )
    else:
        columns = DATASETS[dataset][3]
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(columns)
        for row in rows:
            # Opened in a spreadsheet program, no cell may run as a formula.
            writer.writerow([safe_cell(column(row)) for column in columns.values()])
        # UTF-8 with byte-order mark: spreadsheet programs then read umlauts correctly.
        response = HttpResponse(
            "\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8"
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    if ignored:
        response[IGNORED_FILTERS_HEADER] = ", ".join(ignored)
    return _license_link(response)
