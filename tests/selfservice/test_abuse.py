"""Bad input never reaches the database and is explained next to the field."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from actors.models import Actor
from selfservice.models import Revision, Submission

from .conftest import png_bytes, profile_data, submission_data


def post(client, data, committed):
    with committed():
        return client.post(reverse("selfservice:submit"), data)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "Dieses Feld ist zwingend erforderlich."),
        ("name", "<b></b>", "Bitte geben Sie einen Namen an."),
        ("name", "x" * 201, "höchstens 200 Zeichen"),
        ("kind", "raumschiff", "keine gültige Auswahl"),
        ("teaser", "x" * 301, "höchstens 300 Zeichen"),
        ("description", "x" * 5001, "höchstens 5000 Zeichen"),
        ("tags", ", ".join(f"Thema {n}" for n in range(11)), "höchstens 10 Themen"),
        ("district", "mond", "keine gültige Auswahl"),
        ("postal_code", "7163", "fünfstellige Postleitzahl"),
        ("website", "javascript:alert(1)", "gültige URL"),
        ("email", "keine-adresse", "gültige E-Mail"),
        ("phone", "<script>", "Bitte nur Ziffern"),
        ("founded_year", "1700", "größer oder gleich 1800"),
        ("founded_year", "neunzehnhundert", "ganze Zahl"),
        ("submitter_name", "", "Dieses Feld ist zwingend erforderlich."),
        ("submitter_email", "a@", "gültige E-Mail"),
        ("consent", None, "Ohne Ihre Einwilligung"),
        ("name", "Verein\x00", "Null"),
    ],
)
def test_bad_field_is_refused_with_message_next_to_it(client, db, committed, field, value, message):
    data = submission_data(**{field: value})
    response = post(client, data, committed)
    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors
    assert message in " ".join(form.errors[field])
    assert f'id="id_{field}_error"' in response.content.decode()
    assert not Submission.objects.exists()


def test_sdgs_and_regions_only_accept_existing_values(client, db, committed):
    response = post(client, submission_data(sdgs=["99"], regions=["999999"]), committed)
    form = response.context["form"]
    assert "sdgs" in form.errors and "regions" in form.errors


def test_contact_public_without_contact_data_is_explained(client, db, committed):
    data = submission_data(email="", phone="", contact_person="")
    response = post(client, data, committed)
    assert "contact_public" in response.context["form"].errors


def test_html_is_stripped_from_descriptions(client, db, committed):
    data = submission_data(description="Hallo <script>alert(1)</script><b>Welt</b>")
    post(client, data, committed)
    assert Actor.objects.get().description == "Hallo Welt"


def test_oversized_logo_is_refused(client, db, committed, settings):
    settings.MAX_UPLOAD_SIZE = 1000
    logo = SimpleUploadedFile("logo.png", png_bytes(size=(400, 400)) + b"\0" * 2000)
    response = post(client, submission_data(logo=logo), committed)
    assert "höchstens" in " ".join(response.context["form"].errors["logo"])
    assert not Submission.objects.exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("logo.png", b"<?php echo 'kein Bild'; ?>"),
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        ("logo.png", b"\x89PNG\r\n\x1a\n" + b"kaputt" * 20),
    ],
)
def test_fake_image_is_refused(client, db, committed, name, content):
    logo = SimpleUploadedFile(name, content, content_type="image/png")
    response = post(client, submission_data(logo=logo), committed)
    assert "PNG, JPEG, WebP oder GIF" in " ".join(response.context["form"].errors["logo"])
    assert not Submission.objects.exists()


def test_logo_is_reencoded_without_metadata(client, db, committed):
    logo = SimpleUploadedFile("foto.jpg", png_bytes(exif=True), content_type="image/jpeg")
    post(client, submission_data(logo=logo), committed)
    actor = Actor.objects.get()
    assert actor.logo.name.endswith(".jpg") and "foto" not in actor.logo.name
    with Image.open(actor.logo.path) as image:
        assert not image.getexif()


def test_honeypot_stores_nothing_and_sends_nothing(client, db, committed, mailoutbox):
    response = post(client, submission_data(homepage="http://spam.example"), committed)
    assert response.status_code == 302  # looks like success to the bot
    assert not Submission.objects.exists()
    assert mailoutbox == []


def test_rate_limit_per_ip(client, db, committed, settings):
    settings.SELFSERVICE_RATE_LIMIT = 2
    for n in range(2):
        response = post(client, submission_data(submitter_email=f"p{n}@example.org"), committed)
        assert response.status_code == 302
    response = post(client, submission_data(submitter_email="p9@example.org"), committed)
    assert response.status_code == 429
    assert "sehr viele Einsendungen" in response.content.decode()
    assert Submission.objects.count() == 2


def test_rate_limit_per_email_across_addresses(client, db, committed, settings):
    settings.SELFSERVICE_RATE_LIMIT = 2
    for n in range(3):
        response = client.post(
            reverse("selfservice:submit"),
            submission_data(submitter_email="same@example.org"),
            REMOTE_ADDR=f"10.0.0.{n}",
        )
    assert response.status_code == 429
    assert Submission.objects.count() == 2


def test_submission_form_needs_csrf_token(db):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(
        reverse("selfservice:submit"), submission_data()
    )
    assert response.status_code == 403
    assert not Submission.objects.exists()


def test_form_renders_every_field_with_label(client, db):
    page = client.get(reverse("selfservice:submit")).content.decode()
    for field in [
        "name",
        "kind",
        "teaser",
        "description",
        "tags",
        "district",
        "website",
        "email",
        "phone",
        "contact_person",
        "founded_year",
        "logo",
        "submitter_name",
        "submitter_email",
        "consent",
        "postal_code",
        "street",
    ]:
        assert f'for="id_{field}"' in page, field
    assert reverse("pages:privacy") in page
    assert 'name="sdgs"' in page and "<legend>" in page


def test_image_with_too_many_pixels_is_refused(client, db, committed):
    import io

    from PIL import Image as PILImage

    out = io.BytesIO()
    PILImage.new("1", (6000, 6000)).save(out, format="PNG")  # tiny file, 36 megapixels
    logo = SimpleUploadedFile("bombe.png", out.getvalue(), content_type="image/png")
    response = post(client, submission_data(logo=logo), committed)
    assert "zu viele Pixel" in " ".join(response.context["form"].errors["logo"])
    assert not Submission.objects.exists()


def edit_post(client, actor, committed, **overrides):
    data = profile_data(name=actor.name, **overrides)
    with committed():
        return client.post(reverse("selfservice:edit", kwargs={"slug": actor.slug}), data)


def test_too_many_logo_uploads_on_the_profile_form_are_refused(
    client, editor, actor_a, committed, settings, tmp_path
):
    settings.SELFSERVICE_RATE_LIMIT = 2
    settings.MEDIA_ROOT = tmp_path
    client.force_login(editor)
    for n in range(2):
        logo = SimpleUploadedFile(f"logo{n}.png", png_bytes(), content_type="image/png")
        assert edit_post(client, actor_a, committed, logo=logo).status_code == 302

    logo = SimpleUploadedFile("logo9.png", png_bytes(), content_type="image/png")
    response = edit_post(client, actor_a, committed, logo=logo, teaser="Neuer Text, bitte.")

    assert response.status_code == 429
    page = response.content.decode()
    assert "sehr viele Einsendungen" in page
    assert "Neuer Text, bitte." in page  # what was typed is still in the form
    # The refused upload was never stored: the only logo file is the pending proposal's.
    pending = Revision.objects.pending().get(actor=actor_a)
    assert pending.after["teaser"] != "Neuer Text, bitte."
    stored = {f"logos/{path.name}" for path in (tmp_path / "logos").iterdir()}
    assert stored == {pending.after["logo"]}


def test_logo_uploads_from_one_address_are_limited_across_editors(
    client, editor, actor_a, actor_b, committed, settings, tmp_path
):
    settings.SELFSERVICE_RATE_LIMIT = 2
    settings.MEDIA_ROOT = tmp_path
    client.force_login(editor)
    for n in range(2):
        logo = SimpleUploadedFile(f"logo{n}.png", png_bytes(), content_type="image/png")
        edit_post(client, actor_a, committed, logo=logo)
    other = actor_b.editors.get()
    client.force_login(other)

    logo = SimpleUploadedFile("logo9.png", png_bytes(), content_type="image/png")
    response = edit_post(client, actor_b, committed, logo=logo)

    assert response.status_code == 429


def test_text_only_profile_edits_are_not_limited(client, editor, actor_a, committed, settings):
    settings.SELFSERVICE_RATE_LIMIT = 2
    client.force_login(editor)
    for n in range(4):
        response = edit_post(client, actor_a, committed, teaser=f"Fassung {n}")
        assert response.status_code == 302


@pytest.mark.parametrize("prefix", ["/mitmachen/bestaetigen/", "/einladung/", "/profil-aktuell/"])
@pytest.mark.parametrize(
    "junk", ["%00abc", "a%00", "%F0%9F%98%80", "x" * 5000, "a%20b", "<script>"]
)
def test_a_mangled_link_code_is_not_found_not_a_server_error(client, db, prefix, junk):
    response = client.get(f"{prefix}{junk}/")
    assert response.status_code == 404
