from django.urls import path

from . import views
from .models import PageKey

app_name = "pages"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("koordinationsstelle/", views.OfficeView.as_view(), name="office"),
    path(
        "impressum/",
        views.PageView.as_view(page_key=PageKey.IMPRINT),
        name="imprint",
    ),
    path(
        "datenschutz/",
        views.PageView.as_view(page_key=PageKey.PRIVACY),
        name="privacy",
    ),
    path(
        "barrierefreiheit/",
        views.AccessibilityView.as_view(),
        name="accessibility",
    ),
    path(
        "leichte-sprache/",
        views.PageView.as_view(page_key=PageKey.EASY_LANGUAGE),
        name="easy_language",
    ),
]
