"""Uploaded logos: what is stored and published under /media/logos/ is pixels only,
and a logo file lives exactly as long as an actor or a pending change uses it."""

import io
import struct

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image, ImageCms, PngImagePlugin

from actors.models import Actor

from .conftest import submission_data

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
