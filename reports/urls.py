"""Report routes: the builder and saved reports inside the admin's ``/verwaltung/``,
published reports under ``/berichte/``. Included once from the project's URLs, before
the admin's own routes (which would otherwise answer every ``/verwaltung/…`` path)."""

from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("verwaltung/berichte/", views.admin_view(views.report_builder), name="builder"),
    path(
        "verwaltung/berichte/speichern/",
        views.admin_view(views.report_save_view),
        name="save",
    ),
    path(
        "verwaltung/berichte/gespeichert/<int:pk>/",
        views.admin_view(views.report_saved),
        name="saved",
    ),
    path("berichte/", views.public_list, name="list"),
    path("berichte/<int:year>/", views.public_detail, name="detail"),
]
