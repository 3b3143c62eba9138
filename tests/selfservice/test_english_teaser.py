"""Associations give their English teaser themselves, in the submission and profile forms."""

from django.core import mail
from django.urls import reverse
from django.utils import translation

from actors.models import Actor
from selfservice.models import Revision, Submission

from .conftest import link_in, profile_data, submission_data
from .test_flow import decide


def edit_url(actor, language="de") -> str:
    with translation.override(language):
        return reverse("selfservice:edit", kwargs={"slug": actor.slug})


def english_page(client, actor) -> str:
    with translation.override("en"):
        url = actor.get_absolute_url()
    return client.get(url).content.decode()


def test_profile_form_offers_the_english_teaser_as_english_input(client, editor, actor_a):
    client.force_login(editor)
    html = client.get(edit_url(actor_a)).content.decode()
    assert "Kurzbeschreibung auf Englisch" in html
    assert '<input type="text" name="teaser_en" lang="en" maxlength="300"' in html
    assert html.index('name="teaser"') < html.index('name="teaser_en"')


def test_submitted_english_teaser_is_public_on_english_pages_after_approval(
    client, staff_client, committed
):
    anonymous = client.__class__()
    with committed():
        anonymous.post(
            reverse("selfservice:submit"),
            submission_data(teaser_en="School partnerships and fair trade."),
        )
    with committed():
        anonymous.post(link_in(mail.outbox[0], "/mitmachen/bestaetigen/"))
    submission = Submission.objects.get()
    decide(staff_client, submission, committed, approve="1")
    actor = Actor.objects.get(pk=submission.actor_id)
    assert actor.teaser == "Schulpartnerschaften und fairer Handel."
    assert actor.teaser_en == "School partnerships and fair trade."
    assert '<p class="lead">School partnerships and fair trade.</p>' in english_page(
        anonymous, actor
    )


def test_english_teaser_change_is_reviewed_like_any_other_field(
    client, staff_client, editor, actor_a, committed
):
    editor_client = client.__class__()
    editor_client.force_login(editor)
    unchanged = {
        name: getattr(actor_a, name) for name in ("name", "kind", "teaser", "description", "city")
    }
    with committed():
        editor_client.post(edit_url(actor_a), {**unchanged, "teaser_en": "Fair trade."})
    revision = Revision.objects.get()
    assert revision.changed_fields() == ["teaser_en"]
    assert revision.before["teaser_en"] == "" and revision.after["teaser_en"] == "Fair trade."
    actor_a.refresh_from_db()
    assert actor_a.teaser_en == ""  # public only after review

    decide_page = staff_client.get(
        reverse("admin:selfservice_revision_decide", args=[revision.pk])
    ).content.decode()
    assert "Kurzbeschreibung (englisch)" in decide_page
    assert "<ins>Fair trade.</ins>" in decide_page
    decide(staff_client, revision, committed, approve="1")
    actor_a.refresh_from_db()
    assert actor_a.teaser_en == "Fair trade."


def test_editing_on_the_english_site_keeps_german_and_english_apart(
    client, editor, actor_a, committed
):
    actor_a.trusted = True
    actor_a.save()
    client.force_login(editor)
    data = profile_data(name=actor_a.name, teaser="Deutscher Text.", teaser_en="English text.")
    with committed():
        response = client.post(edit_url(actor_a, "en"), data)
    assert response.status_code == 302
    actor_a.refresh_from_db()
    assert (actor_a.teaser, actor_a.teaser_en) == ("Deutscher Text.", "English text.")


def test_english_teaser_keeps_no_markup(client, editor, actor_a, committed):
    actor_a.trusted = True
    actor_a.save()
    client.force_login(editor)
    data = profile_data(name=actor_a.name, teaser_en="<b>Fair</b> trade")
    with committed():
        client.post(edit_url(actor_a), data)
    actor_a.refresh_from_db()
    assert actor_a.teaser_en == "Fair trade"
