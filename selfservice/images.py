"""Uploaded logos: size limit, real image type checked by decoding, re-encoded
so that nothing but pixels survives (EXIF with GPS positions, comments, scripts
hidden in polyglot files), and deleted once nothing uses them any more."""

import io
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

# Pillow format name → file extension. SVG is refused: it can carry scripts.
ALLOWED_FORMATS = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp", "GIF": "gif"}
MAX_PIXELS = 25_000_000
MAX_SIDE = 2000


def pixels_only(image: Image.Image) -> tuple[Image.Image, dict]:
    """A new image with the pixels (and palette) of ``image`` and nothing else.

    Pillow writes what an image's ``info`` holds back into the file on save
    (JPEG and GIF comments, PNG ICC profiles, …), so a re-encode of the opened
    upload is not enough: the copy starts with an empty ``info``. Only the
    transparency, which is part of the picture, is handed to the encoder."""
    clean = Image.frombytes(image.mode, image.size, image.tobytes())
    if image.mode == "P":
        palette_mode = image.palette.mode if image.palette else "RGB"
        clean.putpalette(image.getpalette(palette_mode), palette_mode)
    options = {}
    transparency = image.info.get("transparency")
    if transparency is not None and image.mode in ("P", "L", "RGB"):
        options["transparency"] = transparency
    return clean, options


def clean_logo(upload) -> ContentFile:
    if upload.size > settings.MAX_UPLOAD_SIZE:
        raise ValidationError(
            _("Die Datei ist %(size)s groß; erlaubt sind höchstens %(max)s.")
            % {
                "size": filesizeformat(upload.size),
                "max": filesizeformat(settings.MAX_UPLOAD_SIZE),
            },
            code="file_too_large",
        )
    invalid = ValidationError(
        _("Bitte laden Sie ein Bild im Format PNG, JPEG, WebP oder GIF hoch."),
        code="invalid_image",
    )
    try:
        upload.seek(0)
        with Image.open(upload) as probe:
            image_format = probe.format
            if image_format not in ALLOWED_FORMATS:
                raise invalid
            if probe.width * probe.height > MAX_PIXELS:
                raise ValidationError(
                    _("Das Bild hat zu viele Pixel (höchstens 25 Megapixel)."),
                    code="too_many_pixels",
                )
            probe.verify()
        upload.seek(0)
        with Image.open(upload) as image:
            image.load()
            # The camera's orientation is applied to the pixels before EXIF goes.
            image = ImageOps.exif_transpose(image)
            if image_format == "JPEG":
                image = image.convert("RGB")
            elif image.mode not in ("RGB", "RGBA", "L", "LA", "P"):
                image = image.convert("RGBA")
            image.thumbnail((MAX_SIDE, MAX_SIDE))
            clean, options = pixels_only(image)
            out = io.BytesIO()
            clean.save(out, format=image_format, **options)
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        raise invalid from None
    return ContentFile(out.getvalue(), name=f"{uuid.uuid4().hex}.{ALLOWED_FORMATS[image_format]}")


# --- Logo files live as long as something uses them ---------------------------------

LOGO_FOLDER = "logos/"


def logo_files_release(*names: str) -> None:
    """Delete these logo files after the current transaction commits, each only if
    then no actor and no pending revision names it any more. Files under
    /media/ are public: a logo that nothing shows must not stay reachable."""
    names = {name for name in names if name and name.startswith(LOGO_FOLDER)}
    if names:
        transaction.on_commit(lambda: _delete_unused(names))


def _delete_unused(names: set[str]) -> None:
    from actors.models import Actor

    from .models import Revision

    used = set(Actor.objects.filter(logo__in=names).values_list("logo", flat=True))
    pending = Revision.objects.pending()
    for name in sorted(names - used):
        if pending.filter(Q(after__logo=name) | Q(before__logo=name)).exists():
            continue
        default_storage.delete(name)
