"""Symmetric encryption of stored secrets (Fernet) with keys derived from SECRET_KEY.

Each use names a ``purpose``; HKDF turns SECRET_KEY and the purpose into a key of its
own, so a value sealed for one purpose cannot be opened as another, and the raw
SECRET_KEY is never used as a cipher key. Values sealed under a key in
``SECRET_KEY_FALLBACKS`` still open after a key rotation.
"""

import base64
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

__all__ = ["InvalidToken", "seal", "unseal"]


def _derive(secret: str, purpose: str) -> Fernet:
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=purpose.encode()).derive(
        secret.encode()
    )
    return Fernet(base64.urlsafe_b64encode(key))


@lru_cache(maxsize=16)
def _fernet(purpose: str, secrets: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([_derive(secret, purpose) for secret in secrets])


def _current(purpose: str) -> MultiFernet:
    secrets = (settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", ()))
    return _fernet(purpose, secrets)


def seal(text: str, *, purpose: str) -> str:
    """``text`` encrypted and authenticated, as ASCII for a text column."""
    return _current(purpose).encrypt(text.encode()).decode("ascii")


def unseal(token: str, *, purpose: str) -> str:
    """The text :func:`seal` sealed; raises :class:`InvalidToken` when it was sealed
    under another key or purpose, or was altered."""
    return _current(purpose).decrypt(token.encode("ascii")).decode()
