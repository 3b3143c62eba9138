"""/api/v1/: outside i18n_patterns, so the paths are the same in every language."""

from django.urls import include, path
from django.utils.decorators import method_decorator
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import SimpleRouter

from ludwigsburg_portal.http import conditional_get

from . import views

app_name = "api"

router = SimpleRouter()
router.register("actors", views.ActorViewSet, basename="actor")
router.register("networks", views.NetworkViewSet, basename="network")
router.register("events", views.EventViewSet, basename="event")

SchemaView = method_decorator(conditional_get, name="dispatch")(SpectacularAPIView)

urlpatterns = [
    path("openapi.json", SchemaView.as_view(), {"format": "json"}, name="schema"),
    path("docs/", views.DocsView.as_view(), name="docs"),
    path("", include(router.urls)),
]
