from django.conf import settings
from django.utils import translation
from django.utils.formats import number_format
from django.views.generic import TemplateView

from .api_reference import api_reference
from .exports import DATASETS, FORMATS


class OpenDataView(TemplateView):
    """/offene-daten/: every feed, calendar, download and API endpoint, and the licence."""

    template_name = "opendata/index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["datasets"] = [(dataset, FORMATS) for dataset in DATASETS]
        context["license_name"] = settings.OPEN_DATA_LICENSE_NAME
        context["license_url"] = settings.OPEN_DATA_LICENSE_URL
        context["prepared_from"] = number_format(
            settings.DOWNLOADS_PREPARED_FROM, force_grouping=True
        )
        return context


class ApiReferenceView(TemplateView):
    """/offene-daten/api/: the API reference as a portal page, built from the OpenAPI
    document (every endpoint, parameter and response field), for every reader and
    screen reader; Swagger UI stays as an interactive extra."""

    template_name = "opendata/api_reference.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            reference=api_reference(translation.get_language()),
            license_name=settings.OPEN_DATA_LICENSE_NAME,
            license_url=settings.OPEN_DATA_LICENSE_URL,
            **kwargs,
        )
