"""Iframe embeds for partner websites and the page that writes the snippet.

Only the views wrapped in :func:`embeddable` may be framed. They drop
``X-Frame-Options`` and allow the ancestors from ``EMBED_FRAME_ANCESTORS`` via
CSP ``frame-ancestors``; every other page keeps ``X-Frame-Options: DENY``.
"""

from functools import wraps
from urllib.parse import urlencode

from csp.decorators import csp_replace
from django import forms
from django.conf import settings
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe
from django.views.generic import FormView

from actors.filters import ActorFilterSet
from actors.models import Actor, ActorKind, District, SustainableDevelopmentGoal
from events.filters import UPCOMING, EventFilterSet
from events.models import Event
from ludwigsburg_portal import versioned
from ludwigsburg_portal.pagination import RememberedCountPaginator
from ludwigsburg_portal.publication import Level
from ludwigsburg_portal.site import absolute
from networks.models import Network

CSP_MIDDLEWARE = "csp.middleware.CSPMiddleware"
EMBED_PAGE_SIZE = 20


def frame_ancestors() -> list[str]:
    return list(settings.EMBED_FRAME_ANCESTORS)


def embeddable(view):
    """Allow framing by EMBED_FRAME_ANCESTORS (and nothing else changes)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        ancestors = frame_ancestors()
        # With django-csp active, replace only frame-ancestors in its policy.
        response = csp_replace({"frame-ancestors": ancestors})(view)(request, *args, **kwargs)
        if CSP_MIDDLEWARE not in settings.MIDDLEWARE:
            response["Content-Security-Policy"] = "frame-ancestors " + " ".join(ancestors)
        return response

    return xframe_options_exempt(wrapped)


def _embed_list(request, *, filterset, template):
    """A page of the directory's own filtering: the same URL parameters as its pages."""
    # Values that are not understood are left out and explained, as in the directory.
    # Counted once per data version and minute (the events are the upcoming ones).
    form = filterset.form
    count_key = ("embed", template, form.search_text, form.filter_key(), versioned.minute())
    paginator = RememberedCountPaginator(
        filterset.qs, EMBED_PAGE_SIZE, count_key=count_key, counter=filterset.count
    )
    page = paginator.get_page(request.GET.get("page"))
    context = {
        "page_obj": page,
        "records": page.object_list,
        "errors": filterset.form.filter_errors(),
    }
    return render(request, template, context)


@require_safe
@embeddable
def actor_embed(request):
    """/einbetten/akteure/?art=…&thema=…&sdg=…&stadtteil=…&land=…&netzwerk=…&q=…"""
    return _embed_list(
        request,
        filterset=ActorFilterSet(
            request.GET, queryset=Actor.objects.published().prefetch_related("tags")
        ),
        template="opendata/embed_actors.html",
    )


@require_safe
@embeddable
def event_embed(request):
    """/einbetten/veranstaltungen/?ebene=…&thema=…&akteur=…&rolle=… (upcoming events)."""
    return _embed_list(
        request,
        filterset=EventFilterSet(
            request.GET, queryset=Event.objects.published(), timeframe=UPCOMING
        ),
        template="opendata/embed_events.html",
    )


ALL = _("alle")


def _choices(pairs):
    return [("", ALL), *pairs]


class SnippetForm(forms.Form):
    what = forms.ChoiceField(
        label=_("Was soll eingebettet werden?"),
        choices=[("actors", _("Akteursverzeichnis")), ("events", _("Veranstaltungen"))],
        initial="actors",
    )
    kind = forms.ChoiceField(
        label=_("Art des Akteurs"), choices=_choices(ActorKind.choices), required=False
    )
    district = forms.ChoiceField(
        label=_("Stadtteil"), choices=_choices(District.choices), required=False
    )
    sdg = forms.TypedChoiceField(
        label=_("Nachhaltigkeitsziel (SDG)"), coerce=int, empty_value=None, required=False
    )
    level = forms.ChoiceField(
        label=_("Ebene (Veranstaltungen)"), choices=_choices(Level.choices), required=False
    )
    network = forms.ChoiceField(label=_("Netzwerk (Akteure)"), required=False)
    actor = forms.ChoiceField(label=_("Beteiligter Akteur (Veranstaltungen)"), required=False)
    height = forms.IntegerField(
        label=_("Höhe in Pixeln"), min_value=200, max_value=3000, initial=600
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sdg"].choices = _choices(
            (sdg.number, str(sdg)) for sdg in SustainableDevelopmentGoal.objects.all()
        )
        self.fields["network"].choices = _choices(
            Network.objects.published().values_list("slug", "name")
        )
        self.fields["actor"].choices = _choices(
            Actor.objects.published().values_list("slug", "name")
        )

    def embed_url(self) -> str:
        data = self.cleaned_data
        if data["what"] == "actors":
            route = "opendata:embed_actors"
            keys = {"art": "kind", "stadtteil": "district", "sdg": "sdg", "netzwerk": "network"}
        else:
            route = "opendata:embed_events"
            keys = {"ebene": "level", "akteur": "actor"}
        # The embeds take the directory's own URL parameters (German names).
        params = {param: data[field] for param, field in keys.items() if data.get(field)}
        query = f"?{urlencode(params)}" if params else ""
        return absolute(reverse(route) + query)


class SnippetView(FormView):
    """A GET form: choose what to show, get the iframe code (works without JavaScript)."""

    form_class = SnippetForm
    template_name = "opendata/embed_snippet.html"

    def get_form_kwargs(self):
        kwargs = {"initial": self.get_initial(), "prefix": None}
        if "what" in self.request.GET:
            kwargs["data"] = self.request.GET
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        if form.is_bound and form.is_valid():
            context["embed_url"] = form.embed_url()
            context["height"] = form.cleaned_data["height"]
            context["iframe_title"] = (
                _("Akteure der Eine-Welt-Arbeit in Ludwigsburg")
                if form.cleaned_data["what"] == "actors"
                else _("Veranstaltungen der Eine-Welt-Arbeit in Ludwigsburg")
            )
        return context
