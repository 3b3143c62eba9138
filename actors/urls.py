from django.urls import path

from . import views

app_name = "actors"

urlpatterns = [
    path("", views.ActorListView.as_view(), name="list"),
    path("<slug:slug>/", views.ActorDetailView.as_view(), name="detail"),
]
