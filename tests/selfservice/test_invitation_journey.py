"""The editor invitation from the mail to the accepted editorship: the page explains
it to a visitor, sign-up takes the invited address, and confirming the address leads
back to the invitation, not to the home page."""

import re
from urllib.parse import urlencode

import pytest
from django.test import Client
from django.urls import reverse

from selfservice.models import EditorInvitation

from .conftest import link_in, mails_to, verified_user

PASSWORD = "sicheres-passwort-123"
INVITED = "neu@example.org"


@pytest.fixture
def inviter(editor):
    editor.first_name, editor.last_name = "Chris", "Kowalski"
    editor.username = "chris.ko"  # what allauth generates; nobody should ever see it
    editor.save()
    return editor


def invite(inviter, actor, committed) -> str:
    """The editor invites by the form on the editors' page; returns the mail's link."""
    client = Client()
    client.force_login(inviter)
    with committed():
        client.post(reverse("selfservice:editors", kwargs={"slug": actor.slug}), {"email": INVITED})
    return link_in(mails_to(INVITED)[-1], "/einladung/")


def sign_up(visitor, invitation_url, committed, *, email=INVITED, name="Nele Neumann"):
    page = visitor.get(invitation_url).content.decode()
    signup_url = re.search(r'href="(/konto/signup/\?next=[^"]+)"', page).group(1)
    form = visitor.get(signup_url).content.decode()
    with committed():
        response = visitor.post(
            reverse("account_signup"),
            {
                "name": name,
                "email": email,
                "password1": PASSWORD,
                "password2": PASSWORD,
                "next": invitation_url,
            },
        )
    assert response.status_code == 302, response.content.decode()
    return form


def confirm(client, email, committed):
    link = link_in(mails_to(email)[-1], "/konto/confirm-email/")
    assert "Bestätigen" in client.get(link).content.decode()
    with committed():
        return client.post(link)


def test_the_invitation_journey_from_the_mail_to_the_editorship(
    inviter, actor_a, committed, mailoutbox
):
    url = invite(inviter, actor_a, committed)
    invitation_mail = mails_to(INVITED)[-1]
    assert "Chris Kowalski lädt Sie ein" in invitation_mail.body
    assert "chris.ko" not in invitation_mail.body

    # The link explains the invitation to someone without an account.
    visitor = Client()
    page = visitor.get(url).content.decode()
    assert "Chris Kowalski lädt Sie ein" in page
    assert "„Weltladen Ludwigsburg“" in page
    assert "Was Sie in der Redaktion tun können" in page
    assert "Veranstaltungen vorschlagen" in page
    assert ">Konto anlegen</a>" in page
    assert ">Anmelden</a>" in page
    assert "chris.ko" not in page

    # Sign-up carries the invited address and says it must stay.
    form = sign_up(visitor, url, committed)
    assert f'value="{INVITED}"' in form
    assert "Einladung zur Redaktion von „Weltladen Ludwigsburg“" in form
    assert "nicht annehmen" in form

    # The confirmation link, opened in the same browser, leads back to the invitation.
    response = confirm(visitor, INVITED, committed)
    assert response.url.split("#")[0] == url
    page = visitor.get(url).content.decode()
    assert "Einladung annehmen</button>" in page

    assert visitor.post(url).url.startswith(reverse("selfservice:my_profiles"))
    newcomer = EditorInvitation.objects.get().accepted_by
    assert newcomer.get_full_name() == "Nele Neumann"
    assert actor_a.editors.filter(pk=newcomer.pk).exists()
    profiles = visitor.get(reverse("selfservice:my_profiles")).content.decode()
    assert "Weltladen Ludwigsburg" in profiles
    assert "Sie sind angemeldet als Nele Neumann." in profiles


def test_confirming_the_invited_address_in_another_browser_leads_to_the_invitation(
    inviter, actor_a, committed
):
    url = invite(inviter, actor_a, committed)
    sign_up(Client(), url, committed)

    # The mail app opens the link in its own browser: no sign-up in that session.
    elsewhere = Client()
    response = confirm(elsewhere, INVITED, committed)
    assert response.url.split("#")[0] == url
    page = elsewhere.get(url).content.decode()
    assert f"Melden Sie sich mit der Adresse {INVITED} an" in page


def test_signing_up_with_another_address_cannot_accept_and_says_why(inviter, actor_a, committed):
    url = invite(inviter, actor_a, committed)
    visitor = Client()
    sign_up(visitor, url, committed, email="anders@example.org")
    response = confirm(visitor, "anders@example.org", committed)
    assert response.url.split("#")[0] == url  # back at the invitation (the sign-up's next)

    page = visitor.get(url).content.decode()
    assert f"Ihr Konto hat die Adresse {INVITED} noch nicht bestätigt" in page
    assert "Einladung annehmen</button>" not in page
    page = visitor.post(url, follow=True).content.decode()
    assert f"gilt für die E-Mail-Adresse {INVITED}" in page
    assert not actor_a.editors.filter(email="anders@example.org").exists()


def test_sign_up_without_the_way_back_still_finds_the_invitation_on_my_profiles(
    inviter, actor_a, committed
):
    url = invite(inviter, actor_a, committed)
    visitor = Client()
    with committed():
        visitor.post(
            reverse("account_signup"),
            {"email": INVITED, "password1": PASSWORD, "password2": PASSWORD},
        )
    response = confirm(visitor, INVITED, committed)
    assert response.url.split("#")[0] in (url, reverse("selfservice:my_profiles"))
    profiles = visitor.get(reverse("selfservice:my_profiles")).content.decode()
    assert f'href="{url}"' in profiles
    assert "von Chris Kowalski" in profiles


def test_adding_the_invited_address_to_an_account_leads_back_to_the_invitation(
    inviter, actor_a, committed
):
    url = invite(inviter, actor_a, committed)
    member = verified_user(email="privat@example.org")
    client = Client()
    client.force_login(member)
    with committed():
        client.post(reverse("account_email"), {"action_add": "", "email": INVITED})
    response = confirm(client, INVITED, committed)
    assert response.url.split("#")[0] == url
    assert "Einladung annehmen</button>" in client.get(url).content.decode()


def test_sign_up_for_an_invitation_keeps_the_way_back_to_login(db):
    """The sign-up page's "sign in" link keeps the ``next`` to the invitation too."""
    back = urlencode({"next": "/einladung/abc/"})
    page = Client().get(f"{reverse('account_signup')}?{back}").content.decode()
    assert f'href="{reverse("account_login")}?{back}"' in page


def test_the_invitation_page_is_english_under_en(inviter, actor_a, committed):
    url = invite(inviter, actor_a, committed)
    page = Client().get("/en" + url).content.decode()
    assert "Chris Kowalski invites you to help edit the profile “Weltladen Ludwigsburg”" in page
    assert "What you can do as an editor" in page
    assert "Was Sie in der Redaktion" not in page
