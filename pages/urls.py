from django.urls import path

from . import views

app_name = "pages"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("koordinationsstelle/", views.OfficeView.as_view(), name="office"),
    path("impressum/", views.PageView.as_view(template_name="pages/imprint.html"), name="imprint"),
    path(
        "datenschutz/", views.PageView.as_view(template_name="pages/privacy.html"), name="privacy"
    ),
    path(
        "barrierefreiheit/",
        views.PageView.as_view(template_name="pages/accessibility.html"),
        name="accessibility",
    ),
    path(
        "leichte-sprache/",
        views.PageView.as_view(template_name="pages/easy_language.html"),
        name="easy_language",
    ),
]
