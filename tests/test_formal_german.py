"""Citizens and associations are addressed formally ("Sie").

Django REST framework's and django-allauth's bundled German catalogs say "du";
locale/de/LC_MESSAGES/django.po overrides those strings (LOCALE_PATHS win over
app catalogs).
"""

import re

import pytest
from django import forms
from django.core.exceptions import ValidationError

# Informal pronouns/verb forms, plus the informal imperatives the bundled catalogs use.
INFORMAL = re.compile(
    r"\b(du|dich|dir|dein\w*|bist|hast|kannst|musst|möchtest|gib|wähle|bestätige)\b",
    re.IGNORECASE,
)


def errors(field, value):
    with pytest.raises(ValidationError) as excinfo:
        field.clean(value)
    return excinfo.value.messages


def visible_text(html):
    html = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", html)
    return re.sub(r"<[^>]+>", " ", html)


def test_invalid_email_message_is_formal():
    assert errors(forms.EmailField(), "keine-adresse") == [
        "Bitte geben Sie eine gültige E-Mail-Adresse ein."
    ]


def test_required_and_url_messages_are_not_informal():
    assert errors(forms.CharField(), "") == ["Dieses Feld ist zwingend erforderlich."]
    assert errors(forms.URLField(assume_scheme="https"), "kein url") == [
        "Bitte geben Sie eine gültige URL ein."
    ]


@pytest.mark.parametrize("url", ["/konto/login/", "/konto/password/reset/"])
def test_account_pages_address_citizens_formally(client, db, url):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 200
    text = visible_text(response.content.decode())
    assert INFORMAL.findall(text) == []
    assert re.search(r"\b(Sie|Ihr\w*)\b", text)
