from django.core import mail
from django.test import Client
from django.urls import reverse

from selfservice.duplicates import normalise_name
from selfservice.models import Claim, ModerationState, Submission
from tests.factories import ActorFactory, UserFactory

from .conftest import mails_to, submission_data, verified_user


def test_claim_flow_makes_claimant_editor(staff_client, committed, settings):
    client = Client()
    settings.STAFF_NOTIFICATION_EMAILS = ["koordination@ludwigsburg.example"]
    actor = ActorFactory(name="Bürgerstiftung Ludwigsburg", slug="buergerstiftung")
    claimant = verified_user(username="vorstand", email="vorstand@example.org")
    claim_url = reverse("selfservice:claim", kwargs={"slug": actor.slug})

    # Anonymous people log in (or sign up) first.
    assert client.get(claim_url).status_code == 302
    client.force_login(claimant)
    with committed():
        client.post(claim_url, {"name": "Eva Vorstand", "message": "Ich bin im Vorstand."})
    claim = Claim.objects.get()
    assert claim.is_pending
    assert len(mails_to("koordination@ludwigsburg.example")) == 1
    # Not an editor before staff verified the claim.
    edit_url = reverse("selfservice:edit", kwargs={"slug": actor.slug})
    assert client.get(edit_url).status_code == 404

    with committed():
        staff_client.post(
            reverse("admin:selfservice_claim_decide", args=[claim.pk]), {"approve": "1"}
        )
    claim.refresh_from_db()
    assert claim.state == ModerationState.APPROVED
    assert client.get(edit_url).status_code == 200
    assert "bearbeiten" in mails_to("vorstand@example.org")[-1].subject


def test_second_pending_claim_is_explained_not_duplicated(client, db, committed):
    actor = ActorFactory()
    user = UserFactory()
    client.force_login(user)
    url = reverse("selfservice:claim", kwargs={"slug": actor.slug})
    with committed():
        client.post(url, {"name": "A", "message": "Vorstand"})
        response = client.post(url, {"name": "A", "message": "Nochmal"})
    assert Claim.objects.count() == 1
    assert "Ihre Anfrage liegt der Koordinationsstelle vor" in response.content.decode()


def test_rejected_claim_gives_no_access_and_mails_reason(staff_client, committed):
    client = Client()
    actor = ActorFactory()
    user = verified_user(email="fremd@example.org")
    client.force_login(user)
    with committed():
        client.post(
            reverse("selfservice:claim", kwargs={"slug": actor.slug}),
            {"name": "X", "message": "Ich war mal da."},
        )
        staff_client.post(
            reverse("admin:selfservice_claim_decide", args=[Claim.objects.get().pk]),
            {"reject": "1", "reason": "Wir konnten Sie nicht erreichen."},
        )
    assert "Wir konnten Sie nicht erreichen." in mails_to("fremd@example.org")[-1].body
    assert client.get(reverse("selfservice:edit", kwargs={"slug": actor.slug})).status_code == 404


def test_names_are_normalised_for_comparison():
    assert normalise_name("Weltladen Ludwigsburg e.V.") == normalise_name("weltladen-ludwigsburg")
    assert normalise_name("Förderverein Süd") == "foerderverein sued"


def test_similar_name_is_flagged_to_submitter_and_staff(staff_client, committed, settings):
    client = Client()
    settings.STAFF_NOTIFICATION_EMAILS = ["koordination@ludwigsburg.example"]
    existing = ActorFactory(name="Partnerschaft Ludwigsburg-Kongo e.V.", slug="kongo")
    ActorFactory(name="Sportverein Hoheneck", slug="sv")
    with committed():
        client.post(reverse("selfservice:submit"), submission_data(website="", email=""))
    submission = Submission.objects.get()
    assert list(submission.similar_actors.all()) == [existing]

    thanks = client.get(reverse("selfservice:submit_thanks")).content.decode()
    assert "Gibt es Ihren Akteur schon?" in thanks
    assert reverse("selfservice:claim", kwargs={"slug": "kongo"}) in thanks
    assert "/mitmachen/uebernehmen/kongo/" in mail.outbox[0].body

    with committed():
        client.post(submission.get_confirm_url())
    staff_mail = mails_to("koordination@ludwigsburg.example")[-1]
    assert "Dubletten" in staff_mail.body and existing.name in staff_mail.body
    decide = staff_client.get(reverse("admin:selfservice_submission_decide", args=[submission.pk]))
    assert "mögliche Dubletten" in decide.content.decode()


def test_same_website_domain_or_email_is_flagged(client, db, committed):
    by_site = ActorFactory(name="Ganz anders", website="https://www.kongo-partnerschaft.example/")
    by_mail = ActorFactory(name="Auch anders", email="INFO@kongo-partnerschaft.example")
    with committed():
        client.post(reverse("selfservice:submit"), submission_data(name="Neuer Name XY"))
    assert set(Submission.objects.get().similar_actors.all()) == {by_site, by_mail}


def test_unrelated_submission_is_not_flagged(client, db, committed):
    ActorFactory(name="Sportverein Hoheneck", website="https://sv.example", email="a@sv.example")
    with committed():
        client.post(reverse("selfservice:submit"), submission_data())
    assert not Submission.objects.get().similar_actors.exists()


def test_actor_page_offers_claim_to_visitors_and_edit_to_editors(client, editor, actor_a):
    page = client.get(actor_a.get_absolute_url()).content.decode()
    assert reverse("selfservice:claim", kwargs={"slug": actor_a.slug}) in page
    client.force_login(editor)
    page = client.get(actor_a.get_absolute_url()).content.decode()
    assert reverse("selfservice:edit", kwargs={"slug": actor_a.slug}) in page


def test_markdown_subset_keeps_formatting_and_drops_scripts():
    from ludwigsburg_portal.markup import render_markdown

    html = render_markdown("**fett** [Link](https://example.org)\n\n<script>alert(1)</script>")
    assert "<strong>fett</strong>" in html
    assert 'href="https://example.org"' in html and 'rel="noopener nofollow"' in html
    assert "script" not in html


def test_actor_page_renders_description_markdown_safely(client, db):
    actor = ActorFactory(
        description=(
            "Wir sind **aktiv**.\nZweite Zeile.\n\n- Kaffee\n- Tee\n\n<script>alert(1)</script>"
        )
    )
    page = client.get(actor.get_absolute_url()).content.decode()
    assert "<strong>aktiv</strong>" in page
    assert "<br" in page and "<li>Kaffee</li>" in page
    assert "alert(1)" not in page
