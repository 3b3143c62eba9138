"""An editor invites a colleague; the colleague opens the mail's link, learns what the
invitation is, creates an account with the invited address, confirms it through the
mail and lands back at the invitation, accepts it and edits the profile. Two people,
two browser sessions; nobody is ever shown by a generated user name."""

import re

from allauth.account.models import EmailAddress
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.conftest import log_in
from tests.browser.helpers import assert_accessible
from tests.browser.test_association_journey import mail_to, path_of_link
from tests.factories import ActorFactory, UserFactory

ACTOR = "Weltladen am Marktplatz"
INVITED = "nele.neumann@weltladen.example"
PASSWORD = "ein-sicheres-passwort-42"


def test_invited_person_signs_up_confirms_and_accepts_the_invitation(new_context, live_server):
    actor = ActorFactory(name=ACTOR, slug="weltladen-am-marktplatz")
    inviter = UserFactory(
        username="chris.ko",
        email="chris@weltladen.example",
        first_name="Chris",
        last_name="Kowalski",
    )
    EmailAddress.objects.create(user=inviter, email=inviter.email, primary=True, verified=True)
    actor.editors.add(inviter)

    # --- The editor invites a colleague on the editors' page. ----------------------------
    editor_context = new_context()
    log_in(editor_context, live_server, inviter)
    editor = editor_context.new_page()
    editors_path = reverse("selfservice:editors", kwargs={"slug": actor.slug})
    editor.goto(editors_path)
    editor.get_by_label("E-Mail-Adresse der Person").fill(INVITED)
    editor.get_by_role("button", name="Einladung senden").click()
    expect(editor.locator(".messages")).to_contain_text(f"Die Einladung an {INVITED}")
    expect(editor.locator("main")).to_contain_text("Chris Kowalski (Sie)")

    # --- The colleague opens the mail's link: the invitation explains itself. ------------
    invitation_mail = mail_to(INVITED, "Einladung")
    assert "Chris Kowalski lädt Sie ein" in invitation_mail.body
    invitation_path = path_of_link(invitation_mail.body, "/einladung/")
    invitee = new_context().new_page()
    invitee.goto(invitation_path)
    main = invitee.locator("main")
    expect(invitee.get_by_role("heading", level=1)).to_have_text("Einladung zur Redaktion")
    expect(main).to_contain_text(f"Chris Kowalski lädt Sie ein, das Profil „{ACTOR}“")
    expect(main).to_contain_text(f"Die Einladung gilt für die E-Mail-Adresse {INVITED}")
    tasks = invitee.get_by_role("heading", name="Was Sie in der Redaktion tun können")
    expect(tasks).to_be_visible()
    expect(main.get_by_role("link", name="Anmelden", exact=True)).to_be_visible()
    assert_accessible(invitee, "the invitation page for a visitor")

    # --- Sign-up with the invited address already filled in. -----------------------------
    main.get_by_role("link", name="Konto anlegen").click()
    expect(invitee.get_by_role("heading", level=1)).to_have_text("Konto anlegen")
    expect(invitee.locator("main")).to_contain_text(f"Einladung zur Redaktion von „{ACTOR}“")
    form = invitee.locator("main form[method=post]")
    expect(form.locator("input[name=email]")).to_have_value(INVITED)
    form.locator("input[name=name]").fill("Nele Neumann")
    form.locator("input[name=password1]").fill(PASSWORD)
    form.locator("input[name=password2]").fill(PASSWORD)
    form.get_by_role("button", name="Konto anlegen").click()
    expect(invitee.locator(".messages")).to_contain_text(INVITED)

    # --- The confirmation link from the mail leads back to the invitation. ---------------
    confirmation = mail_to(INVITED, "bestätigen")
    assert "Nele Neumann" in confirmation.body
    invitee.goto(path_of_link(confirmation.body, "/konto/confirm-email/"))
    invitee.get_by_role("button", name="Bestätigen").click()
    expect(invitee).to_have_url(re.compile(re.escape(invitation_path)))
    invitee.get_by_role("button", name="Einladung annehmen").click()

    # --- Editor now: the profile is on "Meine Profile" and can be edited. ----------------
    expect(invitee).to_have_url(re.compile(re.escape(reverse("selfservice:my_profiles"))))
    expect(invitee.locator(".messages")).to_contain_text(f"Sie können „{ACTOR}“ jetzt bearbeiten")
    expect(invitee.get_by_role("heading", level=2, name=ACTOR)).to_be_visible()
    expect(invitee.locator("main")).to_contain_text("Sie sind angemeldet als Nele Neumann.")
    invitee.get_by_role("link", name=re.compile(rf"^Profil bearbeiten\W+{ACTOR}$")).click()
    expect(invitee.locator("[name=teaser]")).to_be_visible()

    # The inviter sees the colleague by name among the editors.
    editor.goto(editors_path)
    expect(editor.locator("main")).to_contain_text("Nele Neumann")
    expect(editor.locator("main")).not_to_contain_text("chris.ko")
