"""Uploaded logos: size limit, real image type checked by decoding, re-encoded
so that nothing but pixels survives (EXIF with GPS positions, comments, scripts
hidden in polyglot files)."""

import io
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

# Pillow format name → file extension. SVG is refused: it can carry scripts.
ALLOWED_FORMATS = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp", "GIF": "gif"}
MAX_PIXELS = 25_000_000
MAX_SIDE = 2000


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
            if image_format == "JPEG":
                image = image.convert("RGB")
            elif image.mode not in ("RGB", "RGBA", "L", "LA", "P"):
                image = image.convert("RGBA")
            image.thumbnail((MAX_SIDE, MAX_SIDE))
            out = io.BytesIO()
            # A fresh save writes pixels only: no EXIF, XMP, ICC or comments.
            image.save(out, format=image_format)
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        raise invalid from None
    return ContentFile(out.getvalue(), name=f"{uuid.uuid4().hex}.{ALLOWED_FORMATS[image_format]}")
