from django.conf import settings
from django.views.generic import TemplateView

from .exports import DATASETS, FORMATS


class OpenDataView(TemplateView):
    """/offene-daten/: every feed, calendar, download and API endpoint, and the licence."""

    template_name = "opendata/index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["datasets"] = [(dataset, FORMATS) for dataset in DATASETS]
        context["license_name"] = settings.OPEN_DATA_LICENSE_NAME
        context["license_url"] = settings.OPEN_DATA_LICENSE_URL
        return context
