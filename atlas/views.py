import csv
import io

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.views.generic import TemplateView, View

from actors.filters import ActorFilterSet
from actors.models import Actor
from ludwigsburg_portal.spreadsheet import safe_cell

from . import graph as graphs
from .filters import NetworkPictureFilterSet, map_parameters
from .partners import world_map_html
from .pictures import kind_label, network_picture
from .tables import AllConnections

TABLE_PAGE_SIZE = 100


class PictureFiltersMixin:
    """Reads the picture's filters from the URL; values not understood are named, not fatal."""

    def read_filters(self):
        self.filterset = NetworkPictureFilterSet(
            self.request.GET, queryset=Actor.objects.published()
        )
        level = self.filterset.level  # validates
        self.parameters = self.filterset.form.active_parameters()
        actor_parameters = {k: v for k, v in self.parameters.items() if k != "ebene"}
        return level, actor_parameters

    def picture(self):
        level, _actor_parameters = self.read_filters()
        return network_picture(self.filterset.qs, level=level, parameters=self.parameters)


class NetworkPictureView(PictureFiltersMixin, TemplateView):
    """``/vernetzung/``: the network as a picture, with the same connections as a table."""

    template_name = "atlas/network.html"

    def get_context_data(self, **kwargs):
        picture = self.picture()
        graph = picture.graph
        form = self.filterset.form
        context = {
            "form": form,
            "filter_errors": form.filter_errors(),
            "is_filtered": bool(self.parameters),
            "mode": graph.mode,
            "picture": picture,
            "graph": graph,
            "counts": {
                kind: len(graph.of_kind(kind))
                for kind in (graphs.ACTOR, graphs.NETWORK, graphs.EVENT)
            },
            "node_budget": graphs.NODE_BUDGET,
            "query": urlencode(self.parameters),
            "directory_url": _with_query(reverse("actors:list"), self.parameters, drop="ebene"),
            "map_url": _with_query(reverse("atlas:world_map"), self.parameters, drop="ebene"),
        }
        if graph.mode == graphs.TOO_LARGE:
            paginator = Paginator(
                AllConnections(self.filterset.qs, level=self.filterset.level), TABLE_PAGE_SIZE
            )
            page = paginator.get_page(self.request.GET.get("page"))
            page.elided_page_range = list(
                paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
            )
            page_query = self.request.GET.copy()
            for name in self.filterset.ignored:
                page_query.pop(name, None)
            context.update(page_obj=page, page_query=page_query)
        elif graph.mode == graphs.EMPTY:
            context["matching_actors"] = self.filterset.qs.count() if self.parameters else 0
        return super().get_context_data(**context, **kwargs)


class NetworkConnectionsCsvView(PictureFiltersMixin, View):
    """The connections of the picture as CSV (all matching ones when it is too large)."""

    def get(self, request):
        picture = self.picture()
        graph = picture.graph
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(
            [
                gettext("Akteur"),
                gettext("Akteur (Adresse)"),
                gettext("Rolle"),
                gettext("Art"),
                gettext("Netzwerk / Veranstaltung"),
                gettext("Netzwerk / Veranstaltung (Adresse)"),
            ]
        )
        site = request.build_absolute_uri("/")[:-1]
        if graph.mode == graphs.TOO_LARGE:
            rows = AllConnections(self.filterset.qs, level=self.filterset.level).csv_rows()
        else:
            rows = csv_rows_of(graph)
        for actor, actor_url, roles, kind, place, place_url in rows:
            writer.writerow(
                [
                    safe_cell(v)
                    for v in (actor, site + actor_url, roles, kind, place, site + place_url)
                ]
            )
        response = HttpResponse(
            "\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = 'attachment; filename="vernetzung.csv"'
        return response


def csv_rows_of(graph):
    from .pictures import edge_rows

    for row in edge_rows(graph):
        yield (
            row["actor"]["name"],
            row["actor"]["url"],
            row["roles"],
            kind_label(graphs.NETWORK if row["kind"] == graphs.MEMBERSHIP else graphs.EVENT),
            row["place"]["name"],
            row["place"]["url"],
        )


def _with_query(url: str, parameters: dict, *, drop: str = "") -> str:
    kept = {k: v for k, v in parameters.items() if k != drop}
    return f"{url}?{urlencode(kept)}" if kept else url


class WorldMapView(TemplateView):
    """``/partnerlaender/``: where in the world the actors' partners are."""

    template_name = "atlas/world_map.html"

    def get_context_data(self, **kwargs):
        data = self.request.GET.copy()
        data.pop("land", None)  # every country is on the map
        data.pop("q", None)
        filterset = ActorFilterSet(data, queryset=Actor.objects.published())
        filterset.errors  # noqa: B018 - validates, so the notice can name what was ignored
        parameters = map_parameters(filterset)
        html, found = world_map_html(filterset.qs, parameters=parameters)
        form = filterset.form
        form.fields.pop("land", None)
        form.fields.pop("q", None)
        return super().get_context_data(
            form=form,
            filter_errors=form.filter_errors(),
            is_filtered=bool(parameters),
            map_html=html,
            partners=found,
            country_count=sum(1 for p in found if p.region.iso_code),
            region_count=sum(1 for p in found if not p.region.iso_code),
            directory_url=_with_query(reverse("actors:list"), parameters),
            network_url=_with_query(reverse("atlas:network"), parameters),
            **kwargs,
        )
