"""URL converters shared by the apps.

``token``: the secret part of a link we mail (``secrets.token_urlsafe`` codes and
``django.core.signing`` values: URL-safe Base64 letters, ``-``, ``_`` and ``:``).
Anything else in that place is answered 404 by the resolver before a view runs, so a
NUL byte or a 10 kB path never reaches the database as a lookup value.
"""


class TokenConverter:
    regex = r"[A-Za-z0-9_:\-]{1,200}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value
