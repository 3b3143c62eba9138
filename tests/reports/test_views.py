"""The report page in the admin: who may see it, and what bad input gets."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import translation

from ludwigsburg_portal.permissions import STAFF_GROUP
from tests.factories import ActorFactory, UserFactory

pytestmark = pytest.mark.django_db

REPORT_2018 = {"von": "2018-01-01", "bis": "2018-12-31"}


def builder_url():
    return reverse("reports:builder")


def test_koordinationsstelle_sees_the_2018_report_as_a_page(staff_client, seeded):
    response = staff_client.get(builder_url(), REPORT_2018)
    assert response.status_code == 200
    html = response.content.decode()
    assert "BuKo 2018" in html
    assert "Juryvorsitz" in html
    assert "nicht bekannt" in html
    assert 'class="report-chart"' in html
    assert "format=pdf" in html and "format=docx" in html and "format=csv" in html


def test_group_gets_the_report_permission_from_a_migration():
    group = Group.objects.get(name=STAFF_GROUP)
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"view_report", "add_report", "change_report", "change_goal"} <= codenames


def test_superuser_sees_the_report(client, seeded):
    client.force_login(UserFactory(username="it", is_staff=True, is_superuser=True))
    assert client.get(builder_url(), REPORT_2018).status_code == 200


def test_anonymous_visitor_is_sent_to_the_admin_login(client):
    response = client.get(builder_url(), REPORT_2018)
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_association_editor_gets_no_report_but_the_admin_login(client):
    editor = UserFactory(username="verein")
    ActorFactory().editors.add(editor)
    client.force_login(editor)
    for url in (builder_url(), reverse("reports:save")):
        response = client.get(url, REPORT_2018)
        assert response.status_code == 302
        assert reverse("admin:login") in response["Location"]


def test_staff_without_the_report_permission_get_403(client):
    client.force_login(UserFactory(username="andere-abteilung", is_staff=True))
    assert client.get(builder_url(), REPORT_2018).status_code == 403
    assert client.get(builder_url(), {**REPORT_2018, "format": "pdf"}).status_code == 403


def test_staff_with_only_the_view_permission_see_reports_but_cannot_save(client, seeded):
    user = UserFactory(username="leserin", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_report"))
    client.force_login(user)
    response = client.get(builder_url(), REPORT_2018)
    assert response.status_code == 200
    assert reverse("reports:save") not in response.content.decode()
    assert client.post(reverse("reports:save"), {**REPORT_2018, "title": "x"}).status_code == 403


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"von": "2018-12-31", "bis": "2018-01-01"}, "Der Zeitraum endet vor seinem Beginn"),
        ({"von": "2018-02-30", "bis": "2018-12-31"}, "Bitte geben Sie das Datum als JJJJ-MM-TT an"),
        ({"von": "31.12.2018", "bis": "2018-12-31"}, "Bitte geben Sie das Datum als JJJJ-MM-TT an"),
        ({"von": "2018-01-01"}, "Bitte geben Sie den letzten Tag des Zeitraums an"),
        ({"von": "0001-01-01", "bis": "9999-12-31"}, "Bitte wählen Sie ein Datum zwischen 1900"),
        (
            {"von": "2018-01-01", "bis": "2018-12-31", "sprache": "fr"},
            "Bitte wählen Sie Deutsch oder Englisch",
        ),
        ({"von": "2018-01-01", "bis": "2018-12-31", "format": "xls"}, "Das Format „xls“ gibt es"),
        ({"von": "2018-01-01\x00", "bis": "2018-12-31"}, "Bitte geben Sie das Datum als"),
    ],
)
def test_bad_period_re_renders_the_form_with_a_message(staff_client, query, message):
    response = staff_client.get(builder_url(), query)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert 'name="von"' in html
    assert "report-facts" not in html  # no report


def test_page_without_a_period_shows_the_form_and_presets(staff_client):
    response = staff_client.get(builder_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="von"' in html and "Letzte 12 Monate" in html
    assert "report-facts" not in html


def test_period_without_data_gives_a_report_that_says_so(staff_client, seeded):
    response = staff_client.get(builder_url(), {"von": "1950-01-01", "bis": "1950-12-31"})
    assert response.status_code == 200
    assert "Für diesen Zeitraum sind keine datierten Einträge erfasst" in response.content.decode()


def test_english_report_on_request(staff_client, seeded):
    response = staff_client.get(builder_url(), {**REPORT_2018, "sprache": "en"})
    html = response.content.decode()
    assert '<div class="report" lang="en">' in html
    # Role and level names come from the portal's English catalogue.
    assert "Jury chair" in html and "Federal" in html
    assert "Juryvorsitz" not in html


def test_english_report_follows_the_admins_language(staff_client, seeded):
    with translation.override("en"):
        url = builder_url()
    assert url.startswith("/en/")
    html = staff_client.get(url, REPORT_2018).content.decode()
    assert '<div class="report" lang="en">' in html
    assert "Jury chair" in html


def test_admin_list_of_saved_reports_links_to_the_report_page(staff_client):
    response = staff_client.get(reverse("admin:reports_report_changelist"))
    assert response.status_code == 200
    assert f'href="{builder_url()}"' in response.content.decode()
    index = staff_client.get(reverse("admin:index")).content.decode()
    assert reverse("admin:reports_report_changelist") in index


def test_funding_periods_are_offered_as_report_periods(staff_client):
    import datetime

    from reports.models import FundingPeriod

    FundingPeriod.objects.create(
        name="Förderphase 2",
        period_start=datetime.date(2017, 7, 1),
        period_end=datetime.date(2019, 6, 30),
    )
    html = staff_client.get(builder_url()).content.decode()
    assert "Förderzeitraum: Förderphase 2" in html
    assert "von=2017-07-01&amp;bis=2019-06-30" in html


def test_report_command_writes_the_year_as_a_file(seeded, tmp_path):
    from django.core.management import call_command

    from tests.reports.test_formats import read_csv

    target = tmp_path / "bericht-2018.csv"
    call_command("report", "--jahr", "2018", "--format", "csv", "--output", str(target))
    rows = read_csv(target.read_bytes())
    assert any(row["name"] == "BuKo 2018" for row in rows)
