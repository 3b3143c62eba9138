"""Public CSV and JSON downloads of the published directory under dl-de/by-2-0.

The JSON download uses the API serializers, so both say the same about a record
(including the personal-data rule); the CSV flattens the same data into columns.
The query parameters of the API filter the downloads too. CSV cells that a
spreadsheet program would run as a formula are written as text (``safe_cell``).
The ``…_en`` columns hold the English versions of the German texts (empty where
none is given); ``tags_en`` and ``regions_en`` list the English names that exist.
"""

import csv
import hashlib
import io
import json
from collections.abc import Iterator
from operator import itemgetter

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.http import Http404, HttpResponse, QueryDict
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.formats import number_format
from django.views.decorators.http import require_safe
from django_tasks import task

from ludwigsburg_portal import prepared_files, versioned
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


def dataset_filterset(dataset: str, params):
    """The dataset's records filtered by ``params`` as in the API (``.qs``); the
    parameters that were not understood are in ``.ignored`` (left out, as in the API)."""
    queryset, filterset_class, _serializer_class, _columns = DATASETS[dataset]
    return filterset_class(params, queryset=queryset())


def serialized(dataset: str, queryset) -> Iterator[dict]:
    """The records of ``queryset`` as the API serialises them, read in batches of
    ``BATCH`` (with their prefetched links), so a whole dataset never sits in memory."""
    serializer_class = DATASETS[dataset][2]
    batch = []
    for record in queryset.iterator(chunk_size=BATCH):
        batch.append(record)
        if len(batch) == BATCH:
            yield from serializer_class(batch, many=True).data
            batch = []
    if batch:
        yield from serializer_class(batch, many=True).data


BATCH = 2_000


def text(dataset: str, fmt: str, queryset) -> Iterator[str]:
    """The file of ``queryset``'s records in ``fmt``, in pieces: one owner of the format
    for the downloads built per request and those written ahead (``prepared_files``). Read
    inside one transaction, the count and the records agree."""
    if fmt == "json":
        head = json.dumps(
            {
                "license": settings.OPEN_DATA_LICENSE_NAME,
                "license_url": settings.OPEN_DATA_LICENSE_URL,
                "attribution": "Stadt Ludwigsburg, Eine-Welt-Portal",
                "count": queryset.count(),
            },
            ensure_ascii=False,
        )
        # The same text as json.dumps() of the whole payload with "results" last.
        yield head[:-1] + ', "results": ['
        for index, row in enumerate(serialized(dataset, queryset)):
            yield (", " if index else "") + json.dumps(
                row, cls=DjangoJSONEncoder, ensure_ascii=False
            )
        yield "]}"
        return
    columns = DATASETS[dataset][3]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    # UTF-8 with byte-order mark: spreadsheet programs then read umlauts correctly.
    buffer.write("\ufeff")
    writer.writerow(columns)
    for index, row in enumerate(serialized(dataset, queryset), start=1):
        # Opened in a spreadsheet program, no cell may run as a formula.
        writer.writerow([safe_cell(column(row)) for column in columns.values()])
        if index % BATCH == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "json": "application/json"}


def filename(dataset: str, fmt: str) -> str:
    return f"eine-welt-ludwigsburg-{dataset}.{fmt}"


# --- Large selections, written ahead ---------------------------------------------------
# Built per request, a whole dataset of a state-wide portal takes longer than a request
# may (45 s for 100,000 actors). From DOWNLOADS_PREPARED_FROM records on, a download (the
# whole dataset, or what its filters select) is a file the worker writes for the data
# version (``ludwigsburg_portal.prepared_files``), one per dataset, format, language and
# understood filters: a request after a write gets the newest file there is, which may lag
# the write by the time one build takes, and says when it was written (``Last-Modified``).
# A search is free text, so its selections are not written ahead: one of that many
# matches gets a clear answer instead of a request that would outrun its time.


def prepared_name(dataset: str, fmt: str, language: str, parameters: dict | None = None) -> str:
    """``akteure-de.csv``; with filters ``akteure-de-<digest of the filters>.csv``."""
    if not parameters:
        return f"{dataset}-{language}.{fmt}"
    digest = hashlib.sha256(json.dumps(sorted(parameters.items())).encode()).hexdigest()
    return f"{dataset}-{language}-{digest[:16]}.{fmt}"


def prepare(dataset: str, fmt: str, language: str, parameters: dict | None = None):
    """Write the file of ``dataset`` as ``parameters`` (understood filters) select it for
    the current data version (unless it exists, or another process is writing it)."""
    query = QueryDict(mutable=True)
    query.update(parameters or {})
    with translation.override(language):
        return prepared_files.build(
            prepared_name(dataset, fmt, language, parameters),
            lambda: text(dataset, fmt, dataset_filterset(dataset, query).qs),
        )


@task()
def prepare_download(
    *, dataset: str, fmt: str, language: str, parameters: dict | None = None
) -> int | None:
    file = prepare(dataset, fmt, language, parameters)
    return file.version if file else None


def _size(dataset: str, filterset) -> int:
    """How many records the download holds (remembered per data version and filters)."""
    form = filterset.form
    form.is_valid()  # cleans what was understood; a value that was not is ignored
    key = ("download-size", dataset, form.search_text, form.filter_key())
    return versioned.remember(key, filterset.count)  # a whole dataset: the kept count


def _prepared_response(request, dataset: str, fmt: str, parameters: dict):
    language = (translation.get_language() or "de")[:2]
    name = prepared_name(dataset, fmt, language, parameters)
    file = prepared_files.newest(name)
    if not prepared_files.is_current(file):
        # Once per data version and process; the task itself skips a file that exists.
        versioned.remember(
            ("prepare-download", name),
            lambda: bool(
                prepare_download.enqueue(
                    dataset=dataset, fmt=fmt, language=language, parameters=parameters
                )
            ),
        )
        file = prepared_files.newest(name)  # written meanwhile (or at once, in tests)
    answer = None
    if file is not None:
        answer = prepared_files.response(request, file, content_type=CONTENT_TYPES[fmt])
        if answer is None:  # removed by a newer build just now
            file = prepared_files.newest(name)
            answer = file and prepared_files.response(
                request, file, content_type=CONTENT_TYPES[fmt]
            )
    if answer is None:  # never built yet: the worker is at it
        answer = _page(request, "opendata/download_preparing.html", 503)
        answer["Retry-After"] = str(RETRY_AFTER)
    return answer


def _page(request, template: str, status: int, **context):
    answer = HttpResponse(
        render_to_string(template, {"retry_after": RETRY_AFTER, **context}, request),
        status=status,
    )
    answer["Cache-Control"] = "no-store"
    return answer


RETRY_AFTER = 60


@require_safe
@conditional_get
def download(request, dataset: str, fmt: str):
    if dataset not in DATASETS or fmt not in FORMATS:
        raise Http404
    filterset = dataset_filterset(dataset, request.GET)
    size = _size(dataset, filterset)
    if size >= settings.DOWNLOADS_PREPARED_FROM and filterset.form.search_text:
        return _page(
            request,
            "opendata/download_too_large.html",
            400,
            size=number_format(size, force_grouping=True),
            limit=number_format(settings.DOWNLOADS_PREPARED_FROM, force_grouping=True),
            whole=reverse("opendata:download", args=[dataset, fmt]),
        )
    if size >= settings.DOWNLOADS_PREPARED_FROM:
        parameters = filterset.form.active_parameters()
        response = _prepared_response(request, dataset, fmt, parameters)
        if response.status_code != 200:
            return response
    else:
        with transaction.atomic():  # the count and the records from one state
            content = "".join(text(dataset, fmt, filterset.qs))
        response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename(dataset, fmt)}"'
    if filterset.ignored:
        response[IGNORED_FILTERS_HEADER] = ", ".join(filterset.ignored)
    return _license_link(response)
