from django.conf import settings
from django.contrib import messages
from django.db.models import F
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView
from django.views.generic.edit import FormMixin

from actors.models import Actor
from events.models import Event, Participation
from ludwigsburg_portal import ratelimit, versioned
from ludwigsburg_portal.middleware import client_ip
from ludwigsburg_portal.publication import Level
from ludwigsburg_portal.site import absolute
from networks.models import Membership, Network

from .forms import AccessibilityFeedbackForm
from .models import Page, PageKey
from .services import feedback_submit

EVENT_CARD_FIELDS = (
    "title",
    "title_en",
    "slug",
    "start",
    "end",
    "date_precision",
    "location",
    "online",
    "level",
    "is_example",
)


class PageTextMixin:
    """Adds the staff-edited text ``page`` for ``page_key`` to the context."""

    page_key: str = ""

    def get_page(self):
        try:
            return Page.objects.get(key=self.page_key)
        except Page.DoesNotExist:
            raise Http404(_("Diese Seite gibt es nicht.")) from None

    def get_context_data(self, **kwargs):
        return super().get_context_data(page=self.get_page(), **kwargs)


class PageView(PageTextMixin, TemplateView):
    template_name = "pages/page.html"


class HomeView(PageTextMixin, TemplateView):
    template_name = "pages/home.html"
    page_key = PageKey.HOME_INTRO

    def get_context_data(self, **kwargs):
        # Counts and lists change only on writes: read once per data version. The next
        # events depend on the clock too, and are one index scan.
        known = versioned.remember(("home",), self.home_data)
        return super().get_context_data(
            **known,
            next_events=Event.objects.published().upcoming().only(*EVENT_CARD_FIELDS)[:3],
            website_json_ld=website_json_ld(),
            **kwargs,
        )

    def get_page(self):
        return versioned.remember(("page", self.page_key), super().get_page)

    @staticmethod
    def home_data() -> dict:
        networks = list(Network.objects.published())
        return {
            "actor_count": Actor.objects.published_count(),
            "network_count": len(networks),
            "event_count": Event.objects.published_count(),
            # Newest by primary key: an index scan, where "-created" sorts every row.
            "newest_actors": list(
                Actor.objects.published()
                .only("name", "slug", "kind", "teaser", "teaser_en", "is_example")
                .order_by("-pk")[:4]
            ),
            "networks_by_level": group_by_level(networks),
        }


class OfficeView(PageTextMixin, TemplateView):
    """The office's own text plus its partner departments (the other municipal actors),
    the networks it works in (role, since when, function, mandate holder where
    published), the published events it took part in and its exchanges with experts.

    Without a published office (``PORTAL_OFFICE_SLUG`` names none) the page shows its
    text and the departments, and leaves the office's own lists empty."""

    template_name = "pages/office.html"
    page_key = PageKey.OFFICE

    def get_context_data(self, **kwargs):
        office = Actor.objects.office().first()
        if office is None:
            memberships = participations = exchanges = []
        else:
            memberships = (
                Membership.objects.public()
                .filter(actor=office)
                .select_related("network")
                .order_by("network__name", F("start_date").desc(nulls_last=True))
            )
            participations = (
                Participation.objects.public()
                .filter(actor=office)
                .select_related("event")
                .order_by(F("event__start").desc(nulls_last=True), "event__title", "role")
            )
            exchanges = office.expert_exchanges.order_by(
                F("date").desc(nulls_last=True), "expert_name"
            )
        return super().get_context_data(
            office=office,
            departments=Actor.objects.published().municipal().without_office(),
            memberships=memberships,
            participations=participations,
            exchanges=exchanges,
            **kwargs,
        )


class AccessibilityView(PageTextMixin, FormMixin, TemplateView):
    """The accessibility statement with its feedback form (POST, redirect, GET)."""

    template_name = "pages/accessibility.html"
    page_key = PageKey.ACCESSIBILITY
    form_class = AccessibilityFeedbackForm

    def get_initial(self):
        return {"page_url": self.request.GET.get("seite", "")[:500]}

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        # Counted like the other public forms: per client address, and per e-mail
        # address when one is given.
        limited = ratelimit.hit(scope="feedback-ip", value=client_ip(request))
        if form.is_valid():
            email = form.cleaned_data["email"]
            limited = ratelimit.hit(scope="feedback-email", value=email) or limited
        if limited:
            ratelimit.add_rate_limit_error(form)
            return self.render_to_response(self.get_context_data(form=form), status=429)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        data = form.cleaned_data
        feedback_submit(
            message=data["message"],
            name=data["name"],
            email=data["email"],
            page_url=data["page_url"],
        )
        messages.success(
            request,
            _(
                "Vielen Dank! Ihre Nachricht ist bei uns angekommen. Wir melden uns, wenn Sie "
                "eine E-Mail-Adresse angegeben haben."
            ),
        )
        # MessageFragmentMiddleware sends the reader on to the message (#meldung).
        return redirect("pages:accessibility")


class RobotsTxtView(View):
    def get(self, request):
        lines = ["User-agent: *", "Allow: /"]
        lines += [f"Disallow: {path}" for path in admin_paths()]
        lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}")
        return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def admin_paths() -> list[str]:
    paths = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            paths.append(reverse("admin:index"))
    return paths


def group_by_level(networks) -> list[tuple[str, list]]:
    """[(level label, networks)] in the order Stadt, Land, Bund, International; empty left out."""
    groups = [(label, [n for n in networks if n.level == value]) for value, label in Level.choices]
    return [(label, items) for label, items in groups if items]


def website_json_ld() -> dict:
    """schema.org WebSite with its publisher and the directory search, for search engines."""
    search_url = absolute(reverse("actors:list") + "?q={search_term_string}")
    return {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": _("Eine-Welt-Portal Ludwigsburg"),
        "url": absolute(reverse("pages:home")),
        "inLanguage": translation.get_language(),
        "publisher": {
            "@type": "GovernmentOrganization",
            "name": "Stadt Ludwigsburg",
            "address": {
                "@type": "PostalAddress",
                "streetAddress": "Wilhelmstraße 11",
                "postalCode": "71638",
                "addressLocality": "Ludwigsburg",
                "addressCountry": "DE",
            },
        },
        "potentialAction": {
            "@type": "SearchAction",
            "target": search_url,
            "query-input": "required name=search_term_string",
        },
    }
