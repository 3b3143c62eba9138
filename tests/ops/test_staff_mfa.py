"""With MFA_REQUIRED_FOR_STAFF on, staff reach the admin only with a second factor."""

import pytest
from django.urls import NoReverseMatch, reverse

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def mfa_required(settings):
    if "allauth.mfa" not in settings.INSTALLED_APPS:
        pytest.skip("allauth is not installed")
    try:
        reverse("mfa_activate_totp")
    except NoReverseMatch:
        pytest.skip("allauth's URLs are not mounted")
    settings.MFA_REQUIRED_FOR_STAFF = True


def test_the_password_only_admin_login_leads_to_the_account_login(client):
    response = client.get(reverse("admin:login") + "?next=/verwaltung/actors/")

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "next=%2Fverwaltung%2Factors%2F" in response["Location"]


def test_staff_without_an_authenticator_are_asked_to_set_one_up(staff_client):
    response = staff_client.get(reverse("admin:index"))

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_staff_with_an_authenticator_reach_the_admin(staff_client, staff_user):
    from allauth.mfa.models import Authenticator

    Authenticator.objects.create(
        user=staff_user, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"}
    )

    assert staff_client.get(reverse("admin:index")).status_code == 200


def test_without_the_setting_the_admin_login_stays(client, settings):
    settings.MFA_REQUIRED_FOR_STAFF = False

    assert client.get(reverse("admin:login")).status_code == 200
