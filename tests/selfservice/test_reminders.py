import datetime

from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from ludwigsburg_portal.publication import PublicationStatus
from selfservice.models import ProfileReminder, Revision
from tests.factories import ActorFactory

from .conftest import link_in, profile_data, verified_user


def old(days):
    return timezone.now() - datetime.timedelta(days=days)


def test_one_mail_per_editor_per_period(editor, actor_a, committed, settings):
    settings.PROFILE_REMINDER_DAYS = 365
    second = ActorFactory(name="Zweiter Akteur")
    second.editors.add(editor)
    for actor in (actor_a, second):
        actor.last_confirmed_at = old(400)
        actor.save()
    colleague = verified_user(email="kollegin@example.org")
    actor_a.editors.add(colleague)

    with committed():
        call_command("send_profile_reminders", verbosity=0)
        call_command("send_profile_reminders", verbosity=0)  # a second run the same day
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == ["kollegin@example.org", "redaktion-a@example.org"]
    editor_mail = next(m for m in mail.outbox if editor.email in m.to)
    assert "Weltladen Ludwigsburg" in editor_mail.body and "Zweiter Akteur" in editor_mail.body

    # Next period: one more each.
    ProfileReminder.objects.update(sent_at=old(366))
    with committed():
        call_command("send_profile_reminders", verbosity=0)
    assert len(mail.outbox) == 4


def test_recently_confirmed_profiles_get_no_reminder(editor, actor_a, committed):
    actor_a.last_confirmed_at = old(10)
    actor_a.save()
    with committed():
        call_command("send_profile_reminders", verbosity=0)
    assert mail.outbox == []


def reminder_link(editor, actor, committed):
    actor.last_confirmed_at = old(400)
    actor.save()
    with committed():
        call_command("send_profile_reminders", verbosity=0)
    return link_in(mail.outbox[-1], "/profil-aktuell/")


def test_confirm_link_works_without_password(client, editor, actor_a, committed):
    url = reminder_link(editor, actor_a, committed)
    assert client.get(url).status_code == 200
    client.post(url, {"action": "confirm"})
    actor_a.refresh_from_db()
    assert actor_a.last_confirmed_at > old(1)


def test_archive_link_archives_only_that_profile(client, editor, actor_a, actor_b, committed):
    url = reminder_link(editor, actor_a, committed)
    with committed():
        client.post(url, {"action": "archive"})
    actor_a.refresh_from_db()
    actor_b.refresh_from_db()
    assert actor_a.status == PublicationStatus.ARCHIVED
    assert actor_b.status == PublicationStatus.PUBLISHED
    assert client.get(actor_a.get_absolute_url()).status_code == 404


def test_edit_link_opens_that_profile_only(client, editor, actor_a, actor_b, committed):
    url = reminder_link(editor, actor_a, committed)
    response = client.post(url, {"action": "edit"})
    edit_a = reverse("selfservice:edit", kwargs={"slug": actor_a.slug})
    assert response.url == edit_a
    assert client.get(edit_a).status_code == 200
    with committed():
        client.post(edit_a, profile_data(name="Weltladen Ludwigsburg", teaser="Per Link geändert."))
    assert Revision.objects.get().author == editor
    # The link opened nothing else: B, the editor pages and the account stay closed.
    assert client.get(reverse("selfservice:edit", kwargs={"slug": actor_b.slug})).status_code == 302
    assert client.get(reverse("selfservice:my_profiles")).status_code == 302
    assert (
        client.get(reverse("selfservice:events", kwargs={"slug": actor_a.slug})).status_code == 302
    )


def test_link_expires(client, editor, actor_a, committed, settings):
    url = reminder_link(editor, actor_a, committed)
    settings.PROFILE_REMINDER_LINK_DAYS = 0
    response = client.get(url)
    assert response.status_code == 410
    client.post(url, {"action": "archive"})
    actor_a.refresh_from_db()
    assert actor_a.status == PublicationStatus.PUBLISHED


def test_tampered_link_is_refused(client, editor, actor_a, committed):
    url = reminder_link(editor, actor_a, committed)
    assert client.get(url[:-3] + "abc/").status_code == 410


def test_link_stops_working_when_editor_is_removed(client, editor, actor_a, committed):
    url = reminder_link(editor, actor_a, committed)
    actor_a.editors.remove(editor)
    assert client.get(url).status_code == 410


def test_overdue_profiles_are_flagged_in_admin(staff_client, settings):
    settings.PROFILE_STALE_DAYS = 455
    stale = ActorFactory(name="Lange nicht bestätigt", last_confirmed_at=old(500))
    ActorFactory(name="Frisch bestätigt", last_confirmed_at=old(5))
    page = staff_client.get(reverse("admin:actors_actor_changelist") + "?bestaetigung=overdue")
    content = page.content.decode()
    assert stale.name in content
    assert "Frisch bestätigt" not in content


def test_edit_grant_ends_when_editor_is_removed(client, editor, actor_a, committed):
    url = reminder_link(editor, actor_a, committed)
    client.post(url, {"action": "edit"})
    edit_a = reverse("selfservice:edit", kwargs={"slug": actor_a.slug})
    assert client.get(edit_a).status_code == 200
    actor_a.editors.remove(editor)
    assert client.get(edit_a).status_code == 302  # to the login, not the form
