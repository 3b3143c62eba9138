import copy

from django.db.models import F
from django.utils import timezone
from django.views.generic import DetailView, ListView

from events.models import Participation, is_upcoming
from ludwigsburg_portal import versioned
from ludwigsburg_portal.content_language import json_ld_text, localized
from ludwigsburg_portal.filtering import MAX_QUERY_LENGTH
from ludwigsburg_portal.pagination import (
    CappedCountPaginator,
    DeferredQuerySet,
    ForgivingPaginationMixin,
    RememberedCountPaginator,
)
from ludwigsburg_portal.site import absolute
from networks.models import Membership

from .filters import ActorFilterSet
from .models import Actor
from .search import prepare_cards, related_actors


class ActorListView(ForgivingPaginationMixin, ListView):
    """The directory: search, filters and pages, all in the URL (GET only)."""

    template_name = "actors/actor_list.html"
    context_object_name = "actors"
    paginate_by = 20

    def get(self, request, *args, **kwargs):
        data = request.GET.copy()
        if "q" in data:
            # A pasted 10 kB text is searched by its beginning; the form shows what was used.
            data["q"] = data["q"][:MAX_QUERY_LENGTH]
        self.filterset = ActorFilterSet(data, queryset=Actor.objects.published())
        self.form = self.filterset.form
        # Filters that are not understood are left out and explained, never fatal.
        for name in self.filterset.ignored:
            data.pop(name, None)  # page links carry only what was understood
        self.page_query = data
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        # Built only when the count or the page is not remembered yet.
        return DeferredQuerySet(lambda: self.filterset.qs.for_cards(), Actor)

    def get_paginator(self, queryset, per_page, **kwargs):
        # A search counts its matches, so cap it; the filters count their own way (the
        # whole directory from the count the database keeps). Either is counted once
        # until the next write, per search and filters.
        if self.form.search_text:
            return CappedCountPaginator(queryset, per_page, count_key=self.list_key(), **kwargs)
        return RememberedCountPaginator(
            queryset, per_page, count_key=self.list_key(), counter=self.filterset.count, **kwargs
        )

    def list_key(self) -> tuple:
        """What the results depend on besides the data: the search text and the filters."""
        form = self.form
        return ("actors:list", form.search_text, form.filter_key())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = self.form
        page = context["page_obj"]
        # The same page of the same search and filters lists the same actors until the
        # next write: the ranked query runs once per data version.
        actors = versioned.remember(
            ("page", *self.list_key(), page.number), lambda: list(page.object_list)
        )
        # Copies: prepare_cards sets the labels of the page's language on them.
        cards = versioned.remember(
            versioned.language_key("page-cards", *self.list_key(), page.number),
            lambda: prepare_cards([copy.copy(actor) for actor in actors]),
        )
        return {
            **context,
            "actors": cards,
            "form": form,
            "search_text": form.search_text,
            "filter_errors": form.filter_errors(),
            "is_filtered": bool(form.search_text or form.active_filters()),
            "result_count": context["paginator"].count,
            "result_count_capped": getattr(context["paginator"], "capped", False),
        }


class ActorDetailView(DetailView):
    template_name = "actors/actor_detail.html"
    context_object_name = "actor"

    def get_queryset(self):
        return Actor.objects.published()

    def get_object(self, queryset=None):
        # The same record until the next write (a missing one is not remembered: 404).
        return versioned.remember(
            ("actor", self.kwargs.get(self.slug_url_kwarg)), super().get_object
        )

    def get_context_data(self, **kwargs):
        actor = self.object
        # What the page lists changes only on writes: read once per data version.
        lists = versioned.remember(("actor-page", actor.pk), lambda: _actor_page_lists(actor))
        memberships, participations = lists["memberships"], lists["participations"]
        now = timezone.now()
        current = [m for m in memberships if m.is_current]
        json_ld = versioned.remember(
            versioned.language_key("actor-json-ld", actor.pk, tuple(m.pk for m in current)),
            lambda: organization_json_ld(actor, topics=lists["topics"], memberships=memberships),
        )
        return super().get_context_data(
            current_memberships=current,
            past_memberships=[m for m in memberships if not m.is_current],
            upcoming_participations=[p for p in participations if is_upcoming(p.event, now)],
            past_participations=[p for p in participations if not is_upcoming(p.event, now)],
            topics=lists["topics"],
            sdgs=lists["sdgs"],
            regions=lists["regions"],
            related_actors=lists["related_actors"],
            json_ld=json_ld,
            **kwargs,
        )


def _actor_page_lists(actor) -> dict[str, list]:
    """Its memberships, participations, topics, goals, regions and related actors.

    Plain lists, each one query: cheaper than prefetch_related on a single object,
    and the JSON-LD reuses them."""
    return {
        "memberships": list(
            Membership.objects.public()
            .filter(actor=actor)
            .select_related("network")
            .order_by("network__name", F("start_date").desc(nulls_last=True))
        ),
        "participations": list(
            Participation.objects.public()
            .filter(actor=actor)
            .select_related("event")
            .order_by(F("event__start").desc(nulls_last=True), "event__title", "role")
        ),
        "topics": list(actor.tags.select_related("translation")),
        "sdgs": list(actor.sdgs.all()),
        "regions": list(actor.regions.all()),
        "related_actors": related_actors(actor),
    }


def organization_json_ld(actor, *, topics, memberships=()) -> dict:
    """schema.org Organization; contact details only where the actor allows publishing.

    Its networks are ``memberOf`` schema.org ``Role``s (the role pattern: the Role
    carries ``roleName``, ``startDate``, ``endDate`` and the network as its own
    ``memberOf``); the function is the Role's description. A mandate holder whose name
    the membership publishes is a ``member`` of the actor in an ``OrganizationRole``
    named after the function (``Membership.public_mandate_holder``).

    Texts are in the page's language where given; a German one on an English page is a
    language-tagged value (``{"@value": …, "@language": "de"}``): schema.org gives
    Organization no ``inLanguage``.
    """
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": actor.name,
        "url": absolute(actor.get_absolute_url()),
    }
    if actor.teaser:
        data["description"] = json_ld_text(localized(actor, "teaser"))
    if actor.website:
        data["sameAs"] = [actor.website]
    if actor.logo:
        data["logo"] = absolute(actor.logo.url)
    if actor.founded_year:
        data["foundingDate"] = str(actor.founded_year)
    if actor.street or actor.postal_code or actor.city:
        data["address"] = {
            "@type": "PostalAddress",
            **({"streetAddress": actor.street} if actor.street else {}),
            **({"postalCode": actor.postal_code} if actor.postal_code else {}),
            **({"addressLocality": actor.city} if actor.city else {}),
        }
    contact = actor.public_contact
    if contact:
        if contact.email:
            data["email"] = contact.email
        if contact.phone:
            data["telephone"] = contact.phone
    if topics:
        data["knowsAbout"] = [json_ld_text(localized(tag, "name")) for tag in topics]
    if memberships:
        data["memberOf"] = [membership_role_json_ld(m) for m in memberships]
    holders = [
        {
            "@type": "OrganizationRole",
            "roleName": json_ld_text(localized(m, "mandate_function")) or m.get_role_display(),
            "member": {"@type": "Person", "name": m.public_mandate_holder},
            **_term(m),
        }
        for m in memberships
        if m.public_mandate_holder
    ]
    if holders:
        data["member"] = holders
    return data


def _term(membership) -> dict:
    return {
        **({"startDate": membership.start_date.isoformat()} if membership.start_date else {}),
        **({"endDate": membership.end_date.isoformat()} if membership.end_date else {}),
    }


def membership_role_json_ld(membership) -> dict:
    """schema.org Role: the actor's seat in a network (role, term, function)."""
    network = membership.network
    role = {
        "@type": "Role",
        "roleName": membership.get_role_display(),
        **_term(membership),
        "memberOf": {
            "@type": "Organization",
            "name": json_ld_text(localized(network, "name")),
            "url": absolute(network.get_absolute_url()),
        },
    }
    if membership.mandate_function:
        role["description"] = json_ld_text(localized(membership, "mandate_function"))
    return role
