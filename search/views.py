from django.core.paginator import Paginator
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.views.generic import TemplateView

from ludwigsburg_portal import versioned
from ludwigsburg_portal.filtering import MAX_QUERY_LENGTH
from ludwigsburg_portal.pagination import CappedCountPaginator

from . import portal
from .forms import SearchForm

# Queries that find something on the portal, offered on the empty and the "nothing
# found" page (in the visitor's language; English words find German records through
# the search synonyms).
EXAMPLES = {
    "de": ["Eine Welt", "Städtepartnerschaft", "Afrika", "Migration"],
    "en": ["one world", "partnership", "Africa", "migration"],
}


def examples() -> list[tuple[str, str]]:
    """(query, link) of the examples in the current language."""
    language = "en" if (get_language() or "de").startswith("en") else "de"
    return [(text, "?" + urlencode({"q": text})) for text in EXAMPLES[language]]


class SearchView(TemplateView):
    """``/suche/``: every kind with its best results and counts, or one kind paginated.

    A search with no or few hits looks for a corrected spelling that finds more; when the
    correction is obvious and the text as typed finds nothing, its results are shown at
    once ("Ergebnisse für …"), with a link back to the text as typed.
    """

    template_name = "search/search_results.html"

    def get(self, request, *args, **kwargs):
        data = request.GET.copy()
        if "q" in data:
            # NUL cannot be searched (or stored); a pasted 10 kB text is cut.
            data["q"] = data["q"].replace("\x00", "")[:MAX_QUERY_LENGTH]
        self.form = SearchForm(data)
        self.form.is_valid()  # every field is optional; a bad "bereich" means all kinds
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        cleaned = self.form.cleaned_data
        text = cleaned.get("q") or ""
        kind = cleaned.get("bereich") or ""
        context = {"form": self.form, "search_text": text, "examples": examples(), **kwargs}
        if not text:
            return super().get_context_data(**context)
        if kind:
            return super().get_context_data(**context, **self.kind_page(kind, text))
        outcome = portal.search_everything(text, exact=bool(cleaned.get("exakt")))
        groups, suggestion = outcome.groups, outcome.suggestion
        corrected_from = outcome.corrected_from
        text = outcome.text
        return super().get_context_data(
            **{
                **context,
                "search_text": text,
                "corrected_from": corrected_from,
                "exact_url": "?" + urlencode({"q": corrected_from, "exakt": 1})
                if corrected_from
                else "",
                "suggestion": suggestion,
                "suggestion_url": "?" + urlencode({"q": suggestion.text}) if suggestion else "",
                "groups": [group for group in groups if group.count],
                "empty_groups": [group for group in groups if not group.count],
                "total": outcome.total,
                "kind_urls": {
                    group.key: "?" + urlencode({"q": text, "bereich": group.key})
                    for group in groups
                },
            }
        )

    def kind_page(self, kind: str, text: str) -> dict:
        page_query = self.request.GET.copy()
        page_query["q"] = text
        number = self.request.GET.get("page") or ""
        # One kind's page of results changes only on writes: searched once per data
        # version, language, text and page.
        found = versioned.remember(
            versioned.language_key("search-kind", kind, text, number[:20]),
            lambda: self.kind_results(kind, text, number),
        )
        url, label = portal.list_link(kind, text)
        return {
            **found,
            "kind": kind,
            "kind_label": portal.KINDS[kind],
            "page_query": page_query,
            "all_url": "?" + urlencode({"q": text}),
            "list_url": url,
            "list_label": label,
        }

    @staticmethod
    def kind_results(kind: str, text: str, number: str) -> dict:
        results = portal.search_kind(kind, text)
        paginator_class = Paginator if isinstance(results, list) else CappedCountPaginator
        paginator = paginator_class(results, portal.PER_PAGE)
        page = paginator.get_page(number[:20] or None)
        page.object_list = list(page.object_list)
        page.elided_page_range = list(
            paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
        )
        return {
            "page_obj": page,
            "results": portal.prepared(kind, page.object_list),
            "result_count": paginator.count,
            "result_count_capped": getattr(paginator, "capped", False),
        }
