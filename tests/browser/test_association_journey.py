"""An association enters itself in the portal, confirms its e-mail address, the
coordination office approves it in the admin, and the association then logs in and edits
its profile: three people, three browser sessions, one live server."""

import io
import re
from urllib.parse import urlsplit

from django.core import mail
from django.urls import reverse
from PIL import Image
from playwright.sync_api import expect

from tests.factories import StaffUserFactory

ASSOCIATION = "Eine-Welt-Gruppe Hoheneck"
SUBMITTER_EMAIL = "vorstand@eine-welt-hoheneck.example"
STAFF_PASSWORD = "sicheres-passwort-123"  # tests.factories.UserFactory


def png_logo() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (120, 120), (11, 90, 82)).save(buffer, format="PNG")
    return buffer.getvalue()


def mail_to(address: str, subject_contains: str) -> mail.EmailMessage:
    matches = [
        message
        for message in mail.outbox
        if address in message.to and subject_contains in message.subject
    ]
    assert matches, f"no mail to {address} about {subject_contains!r}: " + repr(
        [(m.to, m.subject) for m in mail.outbox]
    )
    return matches[-1]


def path_of_link(text: str, path_prefix: str) -> str:
    """The first link in a mail body whose path starts with ``path_prefix``. Mails carry
    absolute links to SITE_URL; the browser follows their path on the live server."""
    for url in re.findall(r"https?://\S+", text):
        parts = urlsplit(url)
        if parts.path.startswith(path_prefix):
            return parts.path + (f"?{parts.query}" if parts.query else "")
    raise AssertionError(f"no link to {path_prefix} in:\n{text}")


def test_association_submits_confirms_gets_approved_and_edits_its_profile(new_context, portal_data):
    # --- The association fills in the public form, with a logo. -------------------------
    association = new_context().new_page()
    association.goto(reverse("pages:home"))
    association.get_by_role("navigation", name="Hauptnavigation").get_by_role(
        "link", name="Mitmachen"
    ).click()
    expect(association.get_by_role("heading", level=1)).to_have_text("Mitmachen: Akteur eintragen")
    form = association.locator("main form[method=post]")
    form.get_by_label("Name", exact=False).first.fill(ASSOCIATION)
    form.locator("select[name=kind]").select_option("initiative")
    form.locator("[name=teaser]").fill("Wir bringen fairen Kaffee in die Vereine in Hoheneck.")
    form.locator("[name=description]").fill("Treffen jeden ersten Dienstag im Monat.")
    form.locator("select[name=district]").select_option("hoheneck")
    form.locator("input[name=sdgs][value='13']").check()
    form.locator("input[name=logo]").set_input_files(
        {"name": "logo.png", "mimeType": "image/png", "buffer": png_logo()}
    )
    form.locator("[name=submitter_name]").fill("Ada Beispiel")
    form.locator("[name=submitter_email]").fill(SUBMITTER_EMAIL)
    form.locator("[name=consent]").check()
    form.get_by_role("button", name="Eintrag absenden").click()
    expect(association).to_have_url(re.compile(re.escape(reverse("selfservice:submit_thanks"))))

    # Nothing public yet.
    actor_path = reverse("actors:detail", kwargs={"slug": "eine-welt-gruppe-hoheneck"})
    assert association.request.get(actor_path).status == 404

    # --- The confirmation link from the mail. ---------------------------------------------
    confirm = mail_to(SUBMITTER_EMAIL, "")
    association.goto(path_of_link(confirm.body, "/mitmachen/bestaetigen/"))
    association.get_by_role("button", name="Ja, Eintrag bestätigen").click()
    expect(association.locator("main")).to_contain_text("Ihre Adresse ist bestätigt")
    assert association.request.get(actor_path).status == 404  # pending: still not public

    # --- A Koordinationsstelle staff member approves it in the admin. ---------------------
    staff_user = StaffUserFactory(username="koordination")
    staff = new_context().new_page()
    staff.goto(reverse("admin:index"))
    staff.get_by_label("Benutzername").fill(staff_user.username)
    staff.get_by_label("Passwort").fill(STAFF_PASSWORD)
    staff.get_by_role("button", name="Anmelden").click()
    staff.get_by_role("link", name="Neueinträge").first.click()
    submission_row = staff.locator("#result_list tr", has_text=ASSOCIATION)
    submission_row.get_by_role("link", name="Prüfen").click()
    expect(staff.locator("#content-main")).to_contain_text("Ada Beispiel")
    staff.locator("button[name=approve], input[name=approve]").click()
    expect(staff.locator(".messagelist")).to_contain_text(ASSOCIATION)

    # --- Public now, with its logo. ----------------------------------------------------------
    visitor = new_context().new_page()
    visitor.goto(reverse("actors:list"))
    visitor.locator("form.filters").get_by_role("searchbox").fill("Hoheneck")
    visitor.locator("form.filters").get_by_role("searchbox").press("Enter")
    visitor.locator("main .card-list").get_by_role("link", name=ASSOCIATION).click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(ASSOCIATION)
    logo = visitor.get_by_role("img", name=f"Logo von {ASSOCIATION}")
    expect(logo).to_be_visible()
    # decode() waits for the image to load and fails for a broken one.
    assert logo.evaluate("img => img.decode().then(() => img.naturalWidth)") > 0

    # --- The association logs in (one-time code by mail) and edits the profile. ------------
    approved = mail_to(SUBMITTER_EMAIL, "freigeschaltet")
    association.goto(path_of_link(approved.body, reverse("account_request_login_code")))
    association.locator("main input[type=email]").fill(SUBMITTER_EMAIL)
    mails_before = len(mail.outbox)
    association.locator("main form[method=post] [type=submit]").first.click()
    expect(association.locator("main input[name=code]")).to_be_visible()
    assert len(mail.outbox) == mails_before + 1
    code_mail = mail.outbox[-1]
    assert SUBMITTER_EMAIL in code_mail.to
    code = re.search(r"^\s*([A-Z0-9]{4,}(?:-[A-Z0-9]+)*)\s*$", code_mail.body, re.MULTILINE)
    assert code, code_mail.body
    association.locator("main input[name=code]").fill(code.group(1))
    association.locator("main form[method=post] [type=submit]").first.click()

    association.goto(reverse("selfservice:my_profiles"))
    expect(association.get_by_role("heading", level=2, name=ASSOCIATION)).to_be_visible()
    association.get_by_role(
        "link", name=re.compile(rf"^Profil bearbeiten\W+{ASSOCIATION}$")
    ).click()
    teaser = association.locator("[name=teaser]")
    expect(teaser).to_have_value("Wir bringen fairen Kaffee in die Vereine in Hoheneck.")
    teaser.fill("Fairer Kaffee und Tee für alle Vereine in Hoheneck.")
    association.locator("main form[method=post] [type=submit]").last.click()

    # Not trusted: the change waits for staff, the published text stays until then.
    expect(association.locator(".messages")).to_contain_text("von der Koordinationsstelle geprüft")
    expect(association.locator("main")).to_contain_text("Ihre Änderungen werden geprüft")
    visitor.reload()
    expect(visitor.locator("main")).to_contain_text("Wir bringen fairen Kaffee")

    # Staff compare before/after and approve; the new text is public.
    staff.goto(reverse("admin:index"))
    staff.get_by_role("link", name="Profiländerungen").first.click()
    staff.locator("#result_list tr", has_text=ASSOCIATION).get_by_role(
        "link", name="Prüfen"
    ).click()
    expect(staff.locator("#content-main del")).to_contain_text("Wir bringen fairen Kaffee")
    expect(staff.locator("#content-main ins")).to_contain_text("Fairer Kaffee und Tee")
    staff.locator("button[name=approve]").click()
    expect(staff.locator(".messagelist")).to_contain_text(ASSOCIATION)
    visitor.reload()
    expect(visitor.locator("main")).to_contain_text("Fairer Kaffee und Tee für alle Vereine")
