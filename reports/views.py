"""Report views: the builder and saved reports in the admin, published reports on the site.

Admin views are wrapped in ``admin.site.admin_view`` (see ``urls.py``): whoever is not
active staff is sent to the admin login. Staff also need ``reports.view_report``
(the Koordinationsstelle group has it, superusers have every permission); others get
403. Every format of a report comes from the same data and the same blocks.
"""

from django.contrib import admin, messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.views.decorators.http import require_POST, require_safe

from .annex import render_csv
from .compute import compute_report
from .forms import PeriodForm, SaveReportForm
from .layout import blocks
from .models import FundingPeriod, Report
from .pdf import render_pdf
from .period import Period, presets
from .services import report_save
from .word import render_docx

FORMATS = {
    "pdf": ("application/pdf", "pdf"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    "csv": ("text/csv; charset=utf-8", "csv"),
}
# Published PDFs never change (only when staff edit a report's texts): cache them a day.
PUBLIC_PDF_SECONDS = 24 * 3600


def default_title(period: Period, language: str) -> str:
    with translation.override(language):
        return gettext(
            "Bericht der Koordinationsstelle kommunale Entwicklungspolitik %(period)s"
        ) % {"period": period.label()}


def _require_report_permission(request) -> None:
    if not request.user.has_perm("reports.view_report"):
        raise PermissionDenied


def _file_name(period: Period, extension: str) -> str:
    if period.is_calendar_year:
        return f"bericht-{period.start.year}.{extension}"
    return f"bericht-{period.start.isoformat()}-{period.end.isoformat()}.{extension}"


def _download(content: bytes, *, format: str, period: Period) -> HttpResponse:
    content_type, extension = FORMATS[format]
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{_file_name(period, extension)}"'
    return response


def _render_file(format: str, *, data, title, introduction="", outlook="", public=False) -> bytes:
    if format == "csv":
        return render_csv(data)
    renderer = render_pdf if format == "pdf" else render_docx
    return renderer(
        data=data, title=title, introduction=introduction, outlook=outlook, public=public
    )


def _admin_context(request, **context) -> dict:
    return {**admin.site.each_context(request), **context}


def _report_language(request, form: PeriodForm) -> str:
    """``?sprache=`` if given, else the admin's language (``/en/verwaltung/…``)."""
    if form.is_bound and form.is_valid() and form.cleaned_data.get("sprache"):
        return form.cleaned_data["sprache"]
    return "en" if (translation.get_language() or "de").startswith("en") else "de"


def report_builder(request):
    """``/verwaltung/berichte/?von=JJJJ-MM-TT&bis=JJJJ-MM-TT[&format=pdf|docx|csv]``."""
    _require_report_permission(request)
    form = PeriodForm(request.GET if {"von", "bis"} & set(request.GET) else None)
    context = _admin_context(
        request,
        title=gettext("Bericht erstellen"),
        form=form,
        presets=[
            {"label": item["label"], "query": urlencode(item["period"].as_query())}
            for item in presets(funding_periods=FundingPeriod.objects.all())
        ],
    )
    template = "reports/report_builder.html"
    if not form.is_bound:
        return TemplateResponse(request, template, context)
    if not form.is_valid():
        messages.error(request, gettext("Bitte prüfen Sie den Zeitraum."))
        return TemplateResponse(request, template, context)
    format = request.GET.get("format", "html")
    if format != "html" and format not in FORMATS:
        messages.error(
            request,
            gettext("Das Format „%(format)s“ gibt es nicht. Möglich sind PDF, DOCX und CSV.")
            % {"format": format[:20]},
        )
        return TemplateResponse(request, template, context)

    period, language = form.period, _report_language(request, form)
    data = compute_report(period=period, language=language, annex=format == "csv")
    title = default_title(period, language)
    if format != "html":
        return _download(_render_file(format, data=data, title=title), format=format, period=period)
    query = {**period.as_query(), "sprache": language}
    save_form = None
    if request.user.has_perm("reports.add_report"):
        save_form = SaveReportForm(initial={**query, "title": title})
    return TemplateResponse(
        request,
        template,
        {
            **context,
            "data": data,
            "report_title": title,
            "blocks": blocks(data),
            "download_base": "?" + urlencode(query) + "&",
            "save_form": save_form,
        },
    )


@require_POST
def report_save_view(request):
    if not request.user.has_perm("reports.add_report"):
        raise PermissionDenied
    form = SaveReportForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        back = {k: request.POST.get(k, "") for k in ("von", "bis", "sprache")}
        return redirect(reverse("reports:builder") + "?" + urlencode(back))
    data = form.cleaned_data
    try:
        report = report_save(
            period=form.period,
            language=data["sprache"] or "de",
            title=data["title"],
            introduction=data["introduction"],
            outlook=data["outlook"],
            is_public=data["is_public"],
            public_year=data["public_year"],
            by=request.user,
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        back = {**form.period.as_query(), "sprache": data["sprache"]}
        return redirect(reverse("reports:builder") + "?" + urlencode(back))
    messages.success(
        request, gettext("Der Bericht „%(title)s“ ist gespeichert.") % {"title": report}
    )
    return redirect(report.get_admin_url())


@require_safe
def report_saved(request, pk: int):
    """A saved report in the admin, rendered from its snapshot (``?format=`` for files)."""
    _require_report_permission(request)
    format = request.GET.get("format", "html")
    reports = Report.objects.all() if format == "csv" else Report.objects.without_annex()
    report = get_object_or_404(reports, pk=pk)
    period = Period(report.period_start, report.period_end)
    if format in FORMATS:
        content = _render_file(
            format,
            data={**report.snapshot, "annex": report.annex} if format == "csv" else report.snapshot,
            title=report.title,
            introduction=report.introduction,
            outlook=report.outlook,
        )
        return _download(content, format=format, period=period)
    return TemplateResponse(
        request,
        "reports/report_saved.html",
        _admin_context(
            request,
            title=report.title,
            report=report,
            data=report.snapshot,
            blocks=blocks(
                report.snapshot, introduction=report.introduction, outlook=report.outlook
            ),
            download_base="?",
            rebuild_query=urlencode({**period.as_query(), "sprache": report.language}),
        ),
    )


# --- Published reports ----------------------------------------------------------------


@require_safe
def public_list(request):
    reports = Report.objects.public().without_annex().order_by("-public_year", "language")
    return TemplateResponse(request, "reports/report_list.html", {"reports": reports})


def _public_report(year: int) -> tuple[Report, list[Report]]:
    """The published report of ``year`` in the page's language if there is one."""
    reports = list(
        Report.objects.public().without_annex().filter(public_year=year).order_by("language")
    )
    if not reports:
        raise Http404
    language = translation.get_language() or "de"
    chosen = next((r for r in reports if language.startswith(r.language)), reports[0])
    return chosen, [r for r in reports if r is not chosen]


@require_safe
def public_detail(request, year: int):
    """``/berichte/<jahr>/`` (``?format=pdf``: the same report as PDF)."""
    report, others = _public_report(year)
    if request.GET.get("format") == "pdf":
        return _public_pdf(report)
    other_languages = []
    for other in others:
        with translation.override(other.language):
            other_languages.append(
                {
                    "language": other.language,
                    "url": reverse("reports:detail", kwargs={"year": year}),
                    "label": other.get_language_display(),
                }
            )
    return TemplateResponse(
        request,
        "reports/report_detail.html",
        {
            "report": report,
            "data": report.snapshot,
            "blocks": blocks(
                report.snapshot,
                introduction=report.introduction,
                outlook=report.outlook,
                public=True,
            ),
            "download_base": "?",
            "public": True,
            "other_languages": other_languages,
        },
    )


def _public_pdf(report: Report) -> HttpResponse:
    key = f"reports:pdf:{report.pk}:{report.updated.timestamp()}"
    content = cache.get(key)
    if content is None:
        content = render_pdf(
            data=report.snapshot,
            title=report.title,
            introduction=report.introduction,
            outlook=report.outlook,
            public=True,
        )
        cache.set(key, content, PUBLIC_PDF_SECONDS)
    return _download(content, format="pdf", period=Period(report.period_start, report.period_end))


def admin_view(view):
    """The admin's login, staff check and no-cache headers around ``view``."""
    return admin.site.admin_view(view)
