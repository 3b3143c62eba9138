from django.urls import path

from . import views
from .calendars import event_ics

app_name = "events"

urlpatterns = [
    path("", views.EventListView.as_view(), name="list"),
    path("archiv/", views.EventArchiveView.as_view(), name="archive"),
    path("archiv/<int:year>/", views.EventArchiveView.as_view(), name="archive"),
    path("kalender/", views.EventCalendarView.as_view(), name="calendar"),
    path("kalender/<int:year>/<int:month>/", views.EventCalendarView.as_view(), name="calendar"),
    path("<slug:slug>/kalender.ics", event_ics, name="ics"),
    path("<slug:slug>/", views.EventDetailView.as_view(), name="detail"),
]
