from django.urls import path

from . import views

app_name = "atlas"

urlpatterns = [
    path("vernetzung/", views.NetworkPictureView.as_view(), name="network"),
    path(
        "vernetzung/verbindungen.csv",
        views.NetworkConnectionsCsvView.as_view(),
        name="network_csv",
    ),
    path("partnerlaender/", views.WorldMapView.as_view(), name="world_map"),
]
