"""The pages app: home, office, legal texts, Leichte Sprache, accessibility feedback, errors."""

import datetime
import smtplib
from unittest import mock

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import get_resolver, reverse
from django.utils import timezone

from ludwigsburg_portal.models import MailState, OutgoingMail
from ludwigsburg_portal.publication import Level, PublicationStatus
from pages.models import AccessibilityFeedback, Page, PageKey
from seeding.seed import load_ludwigsburg
from tests.factories import ActorFactory, EventFactory, NetworkFactory
from tests.portal.html import Page as HtmlPage


def test_english_page_marks_german_only_text_as_german(client, db):
    english = client.get("/en/impressum/").content.decode()
    german = client.get("/impressum/").content.decode()
    assert '<div class="prose" lang="de">' in english
    assert '<p class="notice">' in english
    assert '<div class="prose">' in german
    assert '<p class="notice">' not in german


# --- Seed texts -----------------------------------------------------------------


def test_every_page_text_is_seeded_with_real_content(db):
    pages = {page.key: page for page in Page.objects.all()}
    assert set(pages) == set(PageKey.values)
    assert "Wilhelmstraße 11" in pages["imprint"].body
    assert "71638 Ludwigsburg" in pages["imprint"].body
    assert "Oberbürgermeister" in pages["imprint"].body
    assert "Schlichtungsstelle des Landeszentrums Barrierefreiheit" in pages["accessibility"].body
    assert "Schlichtungsverfahren" in pages["accessibility"].body
    assert "Datenschutzbeauftragte" in pages["privacy"].body
    assert "Tracking" in pages["privacy"].body


def test_imprint_shows_the_city_but_not_the_staff_verification_hints(client, db):
    html = client.get("/impressum/").content.decode()
    assert "Wilhelmstraße 11" in html
    assert "Bitte vor der Veröffentlichung prüfen" in Page.objects.get(key="imprint").body
    assert "Bitte vor der Veröffentlichung prüfen" not in html


def test_page_text_renders_markdown_but_strips_scripts_and_raw_html(client, db):
    Page.objects.filter(key=PageKey.IMPRINT).update(
        body="## Anschrift\n\n**Stadt** [Link](https://example.org/)\n\n"
        '<script>alert(1)</script><img src=x onerror="alert(2)">'
        "[böse](javascript:alert(3))"
    )
    html = client.get("/impressum/").content.decode()
    assert "<h2>Anschrift</h2>" in html
    assert "<strong>Stadt</strong>" in html
    assert '<a href="https://example.org/" rel="noopener noreferrer">Link</a>' in html
    assert "<script>alert" not in html
    assert "onerror" not in html
    assert "javascript:" not in html


# --- Home -------------------------------------------------------------------------


def test_home_counts_only_published_records(client, db):
    ActorFactory.create_batch(3)
    ActorFactory(status=PublicationStatus.DRAFT)
    ActorFactory(status=PublicationStatus.PENDING)
    NetworkFactory.create_batch(2)
    NetworkFactory(status=PublicationStatus.ARCHIVED)
    EventFactory()
    EventFactory(status=PublicationStatus.DRAFT)

    response = client.get("/")

    assert response.context["actor_count"] == 3
    assert response.context["network_count"] == 2
    assert response.context["event_count"] == 1
    html = response.content.decode()
    assert '<span class="stats__number">3</span> Akteure' in html


def test_home_shows_the_next_three_upcoming_published_events(client, db):
    now = timezone.now()
    EventFactory(title="Vergangenes Fest", start=now - datetime.timedelta(days=3))
    for days in (30, 10, 20, 40):
        EventFactory(title=f"Fest in {days} Tagen", start=now + datetime.timedelta(days=days))
    EventFactory(title="Geheimer Entwurf", start=now + datetime.timedelta(days=1), status="draft")

    html = client.get("/").content.decode()

    assert html.index("Fest in 10 Tagen") < html.index("Fest in 20 Tagen")
    assert html.index("Fest in 20 Tagen") < html.index("Fest in 30 Tagen")
    assert "Fest in 40 Tagen" not in html
    assert "Vergangenes Fest" not in html
    assert "Geheimer Entwurf" not in html


def test_home_shows_newest_actors_and_networks_grouped_by_level(client, db):
    ActorFactory(name="Neuer Weltladen")
    ActorFactory(name="Unveröffentlichter Verein", status=PublicationStatus.DRAFT)
    NetworkFactory(name="Netz der Stadt", level=Level.CITY)
    NetworkFactory(name="Netz des Bundes", level=Level.FEDERAL)

    html = client.get("/").content.decode()

    assert "Neuer Weltladen" in html
    assert "Unveröffentlichter Verein" not in html
    assert html.index(">Stadt</h3>") < html.index("Netz der Stadt") < html.index(">Bund</h3>")
    assert html.index(">Bund</h3>") < html.index("Netz des Bundes")
    assert ">International</h3>" not in html  # empty levels are left out


def _home_queries(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    return len(queries)


def test_home_query_count_does_not_grow_with_records(client, db):
    ActorFactory.create_batch(5)
    NetworkFactory.create_batch(5)
    EventFactory.create_batch(5)
    few = _home_queries(client)
    ActorFactory.create_batch(45)
    NetworkFactory.create_batch(45)
    EventFactory.create_batch(45)
    assert _home_queries(client) == few


# --- Koordinationsstelle -------------------------------------------------------------


def test_office_page_shows_partner_departments_networks_roles_and_expert_exchanges(client, db):
    load_ludwigsburg()
    ActorFactory(name="Privater Verein")

    html = client.get("/koordinationsstelle/").content.decode()

    for department in (
        "Referat Nachhaltige Stadtentwicklung",
        "Fachbereich Tiefbau und Grünflächen",
        "Fachbereich Bürgerschaftliches Engagement",
        "Fachbereich Organisation und Personal – Städtepartnerschaften",
    ):
        assert department in html
    assert "Privater Verein" not in html
    assert "Jury des bundesweiten Wettbewerbs „Kommune bewegt Welt“" in html
    assert "Juryvorsitz" in html
    for expert in ("Günther Nooke", "Bilkay Öney", "Georg Schmidt"):
        assert expert in html


def test_office_page_query_count_is_constant(client, db):
    load_ludwigsburg()
    with CaptureQueriesContext(connection) as before:
        client.get("/koordinationsstelle/")
    for _ in range(10):
        ActorFactory(kind="municipal")
    with CaptureQueriesContext(connection) as after:
        client.get("/koordinationsstelle/")
    assert len(after) == len(before)


# --- Sign-language video ----------------------------------------------------------------


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_easy_language_page_has_no_video_until_one_is_uploaded(client, db):
    html = client.get("/leichte-sprache/").content.decode()
    assert "<video" not in html
    assert "Gebärdensprache</h2>" not in html


def test_uploaded_sign_language_video_is_shown_with_controls_and_description(client, db, media):
    page = Page.objects.get(key=PageKey.EASY_LANGUAGE)
    page.sign_language_video = SimpleUploadedFile("portal.mp4", b"\x00" * 64, "video/mp4")
    page.sign_language_description = "Eine Dolmetscherin erklärt das Portal."
    page.save()

    page_html = HtmlPage(client.get("/leichte-sprache/").content.decode())

    video = page_html.find_all("video")[0]
    assert "controls" in video
    assert video["aria-describedby"] == "sign-language-description"
    source = page_html.find_all("source")[0]
    assert source["src"].startswith("/media/gebaerdensprache/portal")
    assert source["type"] == "video/mp4"
    assert "Eine Dolmetscherin erklärt das Portal." in "".join(page_html.text_by_tag["figcaption"])


def test_sign_language_video_must_be_mp4_or_webm_and_not_too_large(db, media, settings):
    page = Page.objects.get(key=PageKey.EASY_LANGUAGE)
    page.sign_language_video = SimpleUploadedFile("portal.avi", b"\x00" * 64)
    with pytest.raises(ValidationError) as wrong_type:
        page.full_clean()
    assert "sign_language_video" in wrong_type.value.message_dict

    settings.SIGN_LANGUAGE_VIDEO_MAX_SIZE = 32
    page.sign_language_video = SimpleUploadedFile("portal.webm", b"\x00" * 64)
    with pytest.raises(ValidationError) as too_large:
        page.full_clean()
    assert "zu groß" in str(too_large.value)


# --- Staff editing in the admin -------------------------------------------------------------


def test_staff_edit_of_a_page_text_shows_publicly(staff_client, client):
    page = Page.objects.get(key=PageKey.IMPRINT)
    form = staff_client.get(reverse("admin:pages_page_change", args=[page.pk]))
    assert form.status_code == 200
    assert "Video in Gebärdensprache" in form.content.decode()
    response = staff_client.post(
        reverse("admin:pages_page_change", args=[page.pk]),
        {
            "title": "Impressum der Stadt",
            "description": "Wer das Portal herausgibt.",
            "body": "Neue **Anschrift**: Rathaus, Wilhelmstraße 11.",
            "sign_language_description": "",
        },
    )
    assert response.status_code == 302

    html = client.get("/impressum/").content.decode()
    assert "<h1>Impressum der Stadt</h1>" in html
    assert "Neue <strong>Anschrift</strong>: Rathaus" in html


def test_staff_cannot_add_or_delete_page_texts(staff_client):
    page = Page.objects.get(key=PageKey.PRIVACY)
    assert staff_client.get(reverse("admin:pages_page_add")).status_code == 403
    assert staff_client.get(reverse("admin:pages_page_delete", args=[page.pk])).status_code == 403


# --- Accessibility feedback ------------------------------------------------------------------

FEEDBACK_URL = "/barrierefreiheit/"


def _post_feedback(client, **data):
    payload = {"message": "Der Kalender ist mit der Tastatur nicht bedienbar.", "homepage": ""}
    payload.update(data)
    return client.post(FEEDBACK_URL, payload)


def test_footer_link_to_report_a_barrier_prefills_the_page_it_came_from(client, db):
    footer = HtmlPage(client.get("/akteure/").content.decode())
    report = [a for a in footer.find_all("a") if "seite=" in a.get("href", "")]
    assert report[0]["href"] == "/barrierefreiheit/?seite=/akteure/#rueckmeldung"

    form = HtmlPage(client.get(report[0]["href"]).content.decode())
    assert form.find_all("input", name="page_url")[0]["value"] == "/akteure/"


def test_feedback_is_stored_and_staff_are_emailed(
    client, db, settings, django_capture_on_commit_callbacks
):
    settings.STAFF_NOTIFICATION_EMAILS = ["barrierefrei@ludwigsburg.de"]
    with django_capture_on_commit_callbacks(execute=True):
        response = _post_feedback(
            client, name="Ada", email="ada@example.org", page_url="/veranstaltungen/kalender/"
        )

    assert response.status_code == 302
    assert response["Location"] == "/barrierefreiheit/#meldung"
    feedback = AccessibilityFeedback.objects.get()
    assert feedback.message == "Der Kalender ist mit der Tastatur nicht bedienbar."
    assert feedback.page_url == "/veranstaltungen/kalender/"
    assert not feedback.handled
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["barrierefrei@ludwigsburg.de"]
    assert mail.outbox[0].reply_to == ["ada@example.org"]
    assert "Der Kalender ist mit der Tastatur nicht bedienbar." in mail.outbox[0].body

    followed = client.get(response["Location"])
    assert "Vielen Dank! Ihre Nachricht ist bei uns angekommen." in followed.content.decode()


def test_feedback_survives_a_failing_mail_server(
    client, db, settings, django_capture_on_commit_callbacks, caplog
):
    settings.STAFF_NOTIFICATION_EMAILS = ["barrierefrei@ludwigsburg.de"]
    with (
        mock.patch(
            "django.core.mail.backends.locmem.EmailBackend.send_messages",
            side_effect=smtplib.SMTPException("Mailserver nicht erreichbar"),
        ),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = _post_feedback(client, email="ada@example.org")

    assert response.status_code == 302
    assert AccessibilityFeedback.objects.count() == 1
    notification = OutgoingMail.objects.get()  # retried, then given up; staff see why
    assert notification.state == MailState.FAILED
    assert "Mailserver nicht erreichbar" in notification.last_error
    assert "barrierefrei@ludwigsburg.de" not in caplog.text
    assert "ada@example.org" not in caplog.text
    followed = client.get(response["Location"])
    assert "Vielen Dank!" in followed.content.decode()


def test_feedback_request_does_not_wait_for_the_mail_server(
    client, db, settings, worker, django_capture_on_commit_callbacks
):
    settings.STAFF_NOTIFICATION_EMAILS = ["barrierefrei@ludwigsburg.de"]
    with (
        mock.patch("django.core.mail.backends.locmem.EmailBackend.send_messages") as send,
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = _post_feedback(client, email="ada@example.org")

    assert response.status_code == 302
    assert AccessibilityFeedback.objects.count() == 1
    assert not send.called  # queued, not sent, while the person waits for the page
    worker()
    (message,) = mail.outbox
    assert message.to == ["barrierefrei@ludwigsburg.de"]
    assert message.reply_to == ["ada@example.org"]
    assert "Der Kalender ist mit der Tastatur nicht bedienbar." in message.body


@pytest.fixture
def fresh_cache():
    # Rate-limit counters live in the cache.
    cache.clear()
    yield
    cache.clear()


def test_feedback_sent_too_often_answers_429_and_keeps_the_text(client, db, settings, fresh_cache):
    settings.SELFSERVICE_RATE_LIMIT = 2
    for _ in range(2):
        assert _post_feedback(client).status_code == 302

    response = _post_feedback(client, message="Die Schrift ist zu klein.")

    assert response.status_code == 429
    html = response.content.decode()
    assert "sehr viele Einsendungen" in html
    assert "Die Schrift ist zu klein." in html  # the person can send it later
    assert AccessibilityFeedback.objects.count() == 2


def test_feedback_limit_per_email_holds_across_client_addresses(client, db, settings, fresh_cache):
    settings.SELFSERVICE_RATE_LIMIT = 2
    for n in range(3):
        response = client.post(
            FEEDBACK_URL,
            {"message": f"Meldung {n}", "email": "ada@example.org", "homepage": ""},
            REMOTE_ADDR=f"10.0.0.{n}",
        )
    assert response.status_code == 429
    assert AccessibilityFeedback.objects.count() == 2


def test_feedback_honeypot_rejects_bots(client, db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = _post_feedback(client, homepage="https://spam.example.com/")

    assert response.status_code == 200
    assert AccessibilityFeedback.objects.count() == 0
    assert len(mail.outbox) == 0


def test_invalid_feedback_re_renders_with_errors_next_to_the_fields(client, db):
    response = _post_feedback(client, message="", email="keine-adresse", name="Ada")

    assert response.status_code == 200
    assert AccessibilityFeedback.objects.count() == 0
    page = HtmlPage(response.content.decode())
    message = page.find_all("textarea", name="message")[0]
    assert message["aria-invalid"] == "true"
    assert "id_message_error" in message["aria-describedby"]
    assert page.find_all("input", name="email")[0]["aria-invalid"] == "true"
    assert page.find_all("input", name="name")[0]["value"] == "Ada"
    html = response.content.decode()
    assert "Bitte prüfen Sie die markierten Felder." in html
    # The error list Django 5.2 renders carries the id itself, exactly once on the page.
    assert html.count('id="id_message_error"') == 1
    assert '<ul class="errorlist" id="id_message_error">' in html


def test_staff_see_feedback_in_the_admin_and_mark_it_handled(staff_client):
    feedback = AccessibilityFeedback.objects.create(message="Kontrast zu schwach", name="Ada")

    listing = staff_client.get(reverse("admin:pages_accessibilityfeedback_changelist"))
    assert listing.status_code == 200
    assert "Ada" in listing.content.decode()
    assert "Kontrast zu schwach" in listing.content.decode()
    detail = staff_client.get(
        reverse("admin:pages_accessibilityfeedback_change", args=[feedback.pk])
    )
    assert "Kontrast zu schwach" in detail.content.decode()

    staff_client.post(
        reverse("admin:pages_accessibilityfeedback_changelist"),
        {"action": "mark_handled", "_selected_action": [feedback.pk]},
    )
    feedback.refresh_from_db()
    assert feedback.handled


# --- Error pages --------------------------------------------------------------------------


def test_unknown_url_answers_with_the_german_404_page(client, db):
    response = client.get("/akteure/gibt-es-nicht/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Diese Seite haben wir nicht gefunden" in html
    assert 'href="/impressum/"' in html


def test_500_page_renders_without_any_database_access():
    """No ``db`` fixture: pytest-django makes every query raise here."""
    request = RequestFactory().get("/akteure/")
    handler = get_resolver().resolve_error_handler(500)
    response = handler(request)
    assert response.status_code == 500
    html = response.content.decode()
    assert "Hier ist etwas schiefgegangen" in html
    assert '<html lang="de">' in html


def test_503_page_renders_without_any_database_access():
    html = render_to_string("503.html", {"retry_after": 5, "request_id": "abc123"})
    assert "Das Portal ist gerade nicht erreichbar" in html
    assert "in 5 Sekunden" in html
    assert "abc123" in html
