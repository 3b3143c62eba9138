from django.urls import path, register_converter

from ludwigsburg_portal.converters import TokenConverter

from . import views

register_converter(TokenConverter, "token")

app_name = "selfservice"

urlpatterns = [
    path("mitmachen/", views.SubmitView.as_view(), name="submit"),
    path("mitmachen/danke/", views.SubmitThanksView.as_view(), name="submit_thanks"),
    path("mitmachen/bestaetigen/<token:token>/", views.ConfirmView.as_view(), name="confirm"),
    path("mitmachen/uebernehmen/<slug:slug>/", views.ClaimView.as_view(), name="claim"),
    path("meine-profile/", views.MyProfilesView.as_view(), name="my_profiles"),
    path("meine-profile/<slug:slug>/bearbeiten/", views.ActorEditView.as_view(), name="edit"),
    path(
        "meine-profile/<slug:slug>/veranstaltungen/",
        views.ActorEventsView.as_view(),
        name="events",
    ),
    path(
        "meine-profile/<slug:slug>/veranstaltungen/<int:pk>/bearbeiten/",
        views.EventProposalEditView.as_view(),
        name="event_edit",
    ),
    path("meine-profile/<slug:slug>/redaktion/", views.ActorEditorsView.as_view(), name="editors"),
    path("einladung/<token:token>/", views.InvitationView.as_view(), name="invitation"),
    path("profil-aktuell/<token:token>/", views.ReminderView.as_view(), name="reminder"),
    path("meine-daten/", views.MyDataView.as_view(), name="my_data"),
    path("meine-daten/export.json", views.MyDataExportView.as_view(), name="my_data_export"),
]
