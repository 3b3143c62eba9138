"""Read-only API views. Published records only; lookups by slug."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import OuterRef, Prefetch, Value
from django.db.models.functions import JSONObject, NullIf
from django.utils.decorators import method_decorator
from django.views.decorators.cache import cache_control
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework import serializers, viewsets
from rest_framework.response import Response
from taggit.models import TaggedItem

from actors.models import Actor
from events.models import Event, Participation
from ludwigsburg_portal import versioned
from ludwigsburg_portal.http import conditional_get
from networks.models import Membership, Network

from .filters import (
    IGNORED_FILTERS_HEADER,
    ActorFilter,
    EventFilter,
    LenientFilterBackend,
    NetworkFilter,
)
from .serializers import ActorSerializer, EventSerializer, NetworkSerializer


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(required=False)


ERRORS = {
    404: OpenApiResponse(ErrorSerializer, description="Not found or not published."),
}
# A filter value that is not understood is no error: it is left out (the other filters
# apply, as on the portal's pages) and named here.
IGNORED_FILTERS = OpenApiParameter(
    IGNORED_FILTERS_HEADER,
    location=OpenApiParameter.HEADER,
    response=[200],
    description="Comma-separated query parameters whose values were not understood and so "
    "were not applied, e.g. `topic, sdg`. Absent when every parameter was applied.",
)


def list_responses(serializer):
    return {200: serializer, 404: ERRORS[404]}


def detail_responses(serializer):
    return {200: serializer, 404: ERRORS[404]}


def topic_names():
    """The actor's topic names as a sorted array, in the actor query itself.

    Cheaper than taggit's prefetch, which builds a queryset per actor: a full
    export serialises every published actor.
    """
    return ArraySubquery(
        TaggedItem.objects.filter(
            content_type=ContentType.objects.get_for_model(Actor), object_id=OuterRef("pk")
        )
        .order_by("tag__name")
        .values("tag__name")
    )


def topics():
    """The actor's topics as a sorted array of ``{slug, name, name_en}``, in the actor
    query itself like :func:`topic_names` (``name_en`` null where none is given)."""
    return ArraySubquery(
        TaggedItem.objects.filter(
            content_type=ContentType.objects.get_for_model(Actor), object_id=OuterRef("pk")
        )
        .order_by("tag__name")
        .values(
            json=JSONObject(
                slug="tag__slug",
                name="tag__name",
                name_en=NullIf("tag__translation__name_en", Value("")),
            )
        )
    )


def public_memberships(*, for_actor: bool):
    """Memberships for nesting: both ends published (``Membership.objects.public()``)."""
    queryset = Membership.objects.public()
    if for_actor:
        queryset = queryset.select_related("network").order_by("network__name", "-start_date", "pk")
    else:
        queryset = queryset.select_related("actor").order_by("actor__name", "pk")
    return Prefetch("memberships", queryset=queryset, to_attr="public_memberships")


def public_participations(*, for_actor: bool):
    """Participations for nesting: both ends published (``Participation.objects.public()``)."""
    queryset = Participation.objects.public()
    if for_actor:
        queryset = queryset.select_related("event").order_by("event__start", "event__title", "pk")
    else:
        queryset = queryset.select_related("actor").order_by("role", "actor__name", "pk")
    return Prefetch("participations", queryset=queryset, to_attr="public_participations")


@method_decorator(conditional_get, name="dispatch")
# "no-cache": clients (and the shared page cache, which ignores Vary: Origin and
# Accept-Language) must revalidate; with the ETag that costs a 304 without a body.
@method_decorator(cache_control(public=True, no_cache=True), name="dispatch")
class ReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    lookup_field = "slug"
    lookup_value_regex = "[-a-zA-Z0-9_]+"
    filter_backends = [LenientFilterBackend]

    def list(self, request, *args, **kwargs):
        """A page of a list, worked out once per data version, language, address and
        minute (upcoming events change with the clock); the same for every client."""
        key = versioned.language_key("api-list", request.build_absolute_uri(), versioned.minute())

        def page():
            response = super(ReadOnlyViewSet, self).list(request, *args, **kwargs)
            return response.data, getattr(request, "ignored_filters", None)

        data, ignored = versioned.remember(key, page)
        if ignored:
            request.ignored_filters = ignored
        return Response(data)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Link"] = f'<{settings.OPEN_DATA_LICENSE_URL}>; rel="license"'
        if ignored := getattr(request, "ignored_filters", None):
            response[IGNORED_FILTERS_HEADER] = ", ".join(ignored)
        return response


@extend_schema_view(
    list=extend_schema(
        summary="Published actors",
        responses=list_responses(ActorSerializer),
        parameters=[IGNORED_FILTERS],
    ),
    retrieve=extend_schema(
        summary="One published actor", responses=detail_responses(ActorSerializer)
    ),
)
class ActorViewSet(ReadOnlyViewSet):
    """Actors of the directory, ordered by name (by relevance when searching with ``q``)."""

    serializer_class = ActorSerializer
    filterset_class = ActorFilter

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            # Schema generation (also run by `check`) must not need a migrated database;
            # topic_names() looks up the content type.
            return Actor.objects.none()
        return (
            Actor.objects.published()
            .annotate(topic_names=topic_names(), topic_list=topics())
            .prefetch_related(
                Prefetch("sdgs", to_attr="sdg_list"),
                Prefetch("regions", to_attr="region_list"),
                public_memberships(for_actor=True),
                public_participations(for_actor=True),
            )
        )


@extend_schema_view(
    list=extend_schema(
        summary="Published networks",
        responses=list_responses(NetworkSerializer),
        parameters=[IGNORED_FILTERS],
    ),
    retrieve=extend_schema(
        summary="One published network", responses=detail_responses(NetworkSerializer)
    ),
)
class NetworkViewSet(ReadOnlyViewSet):
    """Networks, ordered by name, with their members (current and past)."""

    serializer_class = NetworkSerializer
    filterset_class = NetworkFilter

    def get_queryset(self):
        return Network.objects.published().prefetch_related(public_memberships(for_actor=False))


@extend_schema_view(
    list=extend_schema(
        summary="Published events",
        responses=list_responses(EventSerializer),
        parameters=[IGNORED_FILTERS],
    ),
    retrieve=extend_schema(
        summary="One published event", responses=detail_responses(EventSerializer)
    ),
)
class EventViewSet(ReadOnlyViewSet):
    """Events, soonest first (latest first with ``when=past``), with participants."""

    serializer_class = EventSerializer
    filterset_class = EventFilter

    def get_queryset(self):
        return Event.objects.published().prefetch_related(public_participations(for_actor=False))


class DocsView(SpectacularSwaggerSplitView):
    """Swagger UI from drf-spectacular-sidecar, without inline script or style (strict CSP)."""

    template_name = "opendata/swagger_ui.html"
    url_name = "api:schema"
