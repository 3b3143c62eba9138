"""Uploaded logos: what is stored and published under /media/logos/ is pixels only,
and a logo file lives exactly as long as an actor or a pending change uses it."""

import io
import struct
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from PIL import Image, ImageCms, PngImagePlugin

from actors.models import Actor
from selfservice import services
from selfservice.models import ModerationState, Revision, Submission
from tests.factories import ActorFactory

from .conftest import profile_data, submission_data

PAYLOAD = "<script>alert('Logo')</script>"
XMP = (
    f'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:Description>{PAYLOAD}</rdf:Description></x:xmpmeta>'
)
# Keys under which Pillow reports metadata it read from a file.
METADATA_KEYS = {
    "exif",
    "icc_profile",
    "comment",
    "xmp",
    "extension",
    "Comment",
    "XML:com.adobe.xmp",
}


def icc_profile() -> bytes:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def exif() -> Image.Exif:
    data = Image.Exif()
    data[0x010E] = PAYLOAD  # ImageDescription
    data[0x013B] = "Amara Diallo"  # Artist
    return data


def png_with_metadata() -> bytes:
    text = PngImagePlugin.PngInfo()
    text.add_text("Comment", PAYLOAD)
    text.add_itxt("XML:com.adobe.xmp", XMP)
    out = io.BytesIO()
    Image.new("RGBA", (40, 30), (200, 30, 30, 180)).save(
        out, format="PNG", pnginfo=text, icc_profile=icc_profile(), exif=exif()
    )
    return out.getvalue()


def jpeg_with_metadata() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(
        out,
        format="JPEG",
        comment=PAYLOAD,
        exif=exif(),
        icc_profile=icc_profile(),
        xmp=XMP.encode(),
    )
    return out.getvalue()


def gif_with_metadata() -> bytes:
    out = io.BytesIO()
    Image.new("P", (40, 30), 3).save(out, format="GIF", comment=PAYLOAD)
    data = out.getvalue()
    # An XMP application extension right after the global colour table, as
    # image editors write it.
    packed = data[10]
    table = 3 * 2 ** ((packed & 7) + 1) if packed & 0x80 else 0
    at = 13 + table
    payload = XMP.encode()
    blocks = b"".join(
        bytes([len(payload[i : i + 255])]) + payload[i : i + 255]
        for i in range(0, len(payload), 255)
    )
    extension = b"\x21\xff\x0bXMP DataXMP" + blocks + b"\x00"
    return data[:at] + extension + data[at:]


def webp_with_metadata() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(
        out, format="WEBP", exif=exif(), icc_profile=icc_profile(), xmp=XMP.encode()
    )
    return out.getvalue()


def jpeg_segments(data: bytes) -> set[int]:
    """Markers of the JPEG segments before the image data (APPn, COM, …)."""
    markers, at = set(), 2
    while at < len(data) and data[at] == 0xFF:
        marker = data[at + 1]
        markers.add(marker)
        if marker == 0xDA:  # start of scan: pixels follow
            break
        (length,) = struct.unpack(">H", data[at + 2 : at + 4])
        at += 2 + length
    return markers


def riff_chunks(data: bytes) -> set[bytes]:
    chunks, at = set(), 12
    while at + 8 <= len(data):
        name = data[at : at + 4]
        (size,) = struct.unpack("<I", data[at + 4 : at + 8])
        chunks.add(name)
        at += 8 + size + (size & 1)
    return chunks


def png_chunks(data: bytes) -> set[bytes]:
    chunks, at = set(), 8
    while at + 8 <= len(data):
        (size,) = struct.unpack(">I", data[at : at + 4])
        chunks.add(data[at + 4 : at + 8])
        at += 12 + size
    return chunks


FORMATS = {
    "png": (png_with_metadata, {b"tEXt", b"iTXt", b"zTXt", b"iCCP", b"eXIf"}),
    "jpg": (jpeg_with_metadata, {0xFE, 0xE1, 0xE2}),  # COM, APP1 (EXIF/XMP), APP2 (ICC)
    "gif": (gif_with_metadata, set()),
    "webp": (webp_with_metadata, {b"EXIF", b"ICCP", b"XMP "}),
}


def submit_logo(client, committed, name: str, content: bytes) -> Actor:
    logo = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    with committed():
        response = client.post(reverse("selfservice:submit"), submission_data(logo=logo))
    assert response.status_code == 302, response.context["form"].errors
    return Actor.objects.get()


@pytest.mark.parametrize("extension", FORMATS)
def test_published_logo_keeps_no_comment_colour_profile_or_hidden_text(
    client, db, committed, extension
):
    make, forbidden_blocks = FORMATS[extension]
    upload = make()
    with Image.open(io.BytesIO(upload)) as original:  # the metadata really is in the upload
        assert METADATA_KEYS & set(original.info)
    assert PAYLOAD.encode() in upload or extension == "png"  # PNG compresses its iTXt

    actor = submit_logo(client, committed, f"logo.{extension}", upload)

    with actor.logo.open("rb") as file:
        stored = file.read()
    assert actor.logo.name.endswith(f".{extension}")
    with Image.open(io.BytesIO(stored)) as image:
        assert not METADATA_KEYS & set(image.info), image.info.keys()
        assert not image.getexif()
        assert image.size == (40, 30)
    assert PAYLOAD.encode() not in stored
    assert b"xmpmeta" not in stored and b"XMP Data" not in stored
    assert b"Amara" not in stored
    blocks = {
        "png": png_chunks,
        "jpg": jpeg_segments,
        "webp": riff_chunks,
        "gif": lambda data: set(),
    }[extension](stored)
    assert not blocks & forbidden_blocks, blocks


def test_transparent_logo_stays_transparent(client, db, committed):
    image = Image.new("P", (40, 30), 1)
    image.putpalette([255, 255, 255, 200, 30, 30])
    out = io.BytesIO()
    image.save(out, format="GIF", transparency=1, comment=PAYLOAD)

    actor = submit_logo(client, committed, "logo.gif", out.getvalue())

    with Image.open(actor.logo.path) as stored:
        assert stored.convert("RGBA").getpixel((5, 5))[3] == 0


def test_phone_photo_logo_stays_upright_when_its_metadata_is_removed(client, db, committed):
    # 40 × 30 pixels, marked "rotate 90° clockwise to view" (EXIF orientation 6).
    data = Image.Exif()
    data[0x0112] = 6
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(out, format="JPEG", exif=data)

    actor = submit_logo(client, committed, "foto.jpg", out.getvalue())

    with Image.open(actor.logo.path) as stored:
        assert stored.size == (30, 40)
        assert not stored.getexif()


# --- Logo files are deleted once nothing uses them ----------------------------------


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def stored_logo(name: str = "alt") -> str:
    """A logo file in storage, as a form upload leaves it."""
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (10, 120, 10)).save(out, format="PNG")
    return default_storage.save(f"logos/{name}.png", ContentFile(out.getvalue()))


def exists(name: str) -> bool:
    return bool(name) and default_storage.exists(name)


def png_upload(name: str = "neu.png") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (12, 12), (10, 10, 200)).save(out, format="PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def edit(client, actor, committed, **overrides):
    with committed():
        response = client.post(
            reverse("selfservice:edit", kwargs={"slug": actor.slug}),
            profile_data(name=actor.name, **overrides),
        )
    assert response.status_code == 302, response.context["form"].errors
    return response


def test_deleted_actor_no_longer_leaves_its_logo_online(media, db, committed):
    actor = ActorFactory(logo=stored_logo())
    name = actor.logo.name

    with committed():
        actor.delete()

    assert not exists(name)


def test_logo_that_another_actor_still_shows_stays(media, db, committed):
    name = stored_logo()
    gone, other = ActorFactory(logo=name), ActorFactory(logo=name)

    with committed():
        gone.delete()

    assert exists(name)
    assert Actor.objects.get(pk=other.pk).logo.name == name


def test_nothing_is_deleted_when_the_change_is_rolled_back(media, db, committed):
    actor = ActorFactory(logo=stored_logo())
    name = actor.logo.name

    with committed(), pytest.raises(RuntimeError), transaction.atomic():
        actor.delete()
        raise RuntimeError("Datenbankfehler")

    assert exists(name)


def test_replaced_logo_of_a_trusted_actor_goes_offline(media, client, editor, committed):
    actor = ActorFactory(logo=stored_logo(), trusted=True)
    actor.editors.add(editor)
    old = actor.logo.name
    client.force_login(editor)

    edit(client, actor, committed, logo=png_upload())

    actor.refresh_from_db()
    assert actor.logo.name != old and exists(actor.logo.name)
    assert not exists(old)


def test_superseded_pending_logo_goes_offline_and_the_published_one_stays(
    media, client, editor, committed
):
    actor = ActorFactory(logo=stored_logo())
    actor.editors.add(editor)
    published = actor.logo.name
    client.force_login(editor)
    edit(client, actor, committed, logo=png_upload("erster.png"))
    first = Revision.objects.pending().get(actor=actor).after["logo"]

    edit(client, actor, committed, logo=png_upload("zweiter.png"))

    second = Revision.objects.pending().get(actor=actor).after["logo"]
    assert second != first and exists(second)
    assert not exists(first)
    assert exists(published)


def test_text_only_second_edit_keeps_the_pending_logo(media, client, editor, committed):
    actor = ActorFactory(logo=stored_logo())
    actor.editors.add(editor)
    client.force_login(editor)
    edit(client, actor, committed, logo=png_upload())
    proposed = Revision.objects.pending().get(actor=actor).after["logo"]

    edit(client, actor, committed, teaser="Nur ein Tippfehler korrigiert.")

    revision = Revision.objects.pending().get(actor=actor)
    assert revision.after["logo"] == proposed and exists(proposed)
    assert revision.after["teaser"] == "Nur ein Tippfehler korrigiert."


def test_withdrawn_pending_logo_goes_offline(media, client, editor, committed):
    actor = ActorFactory(logo=stored_logo())
    actor.editors.add(editor)
    client.force_login(editor)
    published = actor.logo.name
    edit(client, actor, committed, logo=png_upload())
    proposed = Revision.objects.pending().get(actor=actor).after["logo"]

    # The published profile sent again as it is: the pending change is dropped.
    with committed():
        services.actor_update(actor=actor, profile=services.profile_snapshot(actor), by=editor)

    assert not Revision.objects.pending().filter(actor=actor).exists()
    assert not exists(proposed) and exists(published)


@pytest.fixture
def proposal(media, client, editor, committed):
    actor = ActorFactory(logo=stored_logo())
    actor.editors.add(editor)
    client.force_login(editor)
    edit(client, actor, committed, logo=png_upload())
    client.logout()
    revision = Revision.objects.pending().get(actor=actor)
    return actor, revision, actor.logo.name, revision.after["logo"]


def test_rejected_logo_proposal_goes_offline(proposal, staff_user, committed):
    _actor, revision, published, proposed = proposal

    with committed():
        services.revision_reject(revision=revision, by=staff_user, reason="Unscharf.")

    assert not exists(proposed) and exists(published)


def test_approved_logo_replaces_the_old_file(proposal, staff_user, committed):
    actor, revision, published, proposed = proposal

    with committed():
        services.revision_approve(revision=revision, by=staff_user)

    actor.refresh_from_db()
    assert actor.logo.name == proposed and exists(proposed)
    assert not exists(published)


def test_logo_still_shown_in_a_pending_change_stays(proposal, committed):
    actor, _revision, published, proposed = proposal

    # Staff put another logo on the profile while the change waits: the pending
    # change still shows the old one as "before".
    with committed():
        actor.logo.name = stored_logo("vom-amt")
        actor.save()

    assert exists(published) and exists(proposed)


def test_rejected_submission_leaves_no_logo_online(media, client, staff_user, committed):
    actor = submit_logo(client, committed, "logo.png", png_upload().read())
    name = actor.logo.name
    submission = Submission.objects.get(actor=actor)
    with committed():
        services.submission_confirm(submission=submission)
    submission.refresh_from_db()
    assert submission.state == ModerationState.PENDING

    with committed():
        services.submission_reject(submission=submission, by=staff_user, reason="Doppelt.")

    assert not exists(name)
    assert Actor.objects.get(pk=actor.pk).name == submission_data()["name"]


def test_unconfirmed_submission_purge_leaves_no_logo_online(media, client, db, committed):
    actor = submit_logo(client, committed, "logo.png", png_upload().read())
    name = actor.logo.name
    Submission.objects.update(created=timezone.now() - timedelta(days=30))

    with committed():
        assert services.unconfirmed_submissions_purge() == services.Purged(submissions=1, actors=1)

    assert not Actor.objects.exists()
    assert not exists(name)
