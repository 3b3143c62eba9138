from django.views.generic import TemplateView

from actors.models import Actor


class HomeView(TemplateView):
    template_name = "pages/home.html"


class OfficeView(TemplateView):
    template_name = "pages/office.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(departments=Actor.objects.published().municipal(), **kwargs)


class PageView(TemplateView):
    pass
