"""Saved reports keep their numbers; published ones are public pages that never change."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from actors.models import Actor, ActorKind
from events.models import Event
from networks.models import Membership
from reports.models import Report
from tests.factories import EventFactory, MembershipFactory, NetworkFactory, ParticipationFactory
from tests.portal.html import Page, third_party_resources
from tests.reports.conftest import local
from tests.reports.test_formats import docx_text, pdf_text, read_csv

pytestmark = pytest.mark.django_db


@pytest.fixture
def visitor():
    """An anonymous browser (``client`` is the staff client once ``staff_client`` is used)."""
    return Client()


SAVE_2018 = {
    "von": "2018-01-01",
    "bis": "2018-12-31",
    "sprache": "de",
    "title": "Jahresbericht 2018",
    "introduction": "Das Jahr der BuKo.\n\nZweiter Absatz.",
    "outlook": "2019 folgt der Afrikatag.",
}


def save(client, **overrides) -> Report:
    response = client.post(reverse("reports:save"), {**SAVE_2018, **overrides})
    assert response.status_code == 302, response
    return Report.objects.latest("pk")


def report_section(html: str) -> str:
    """The report itself, without the admin around it (CSRF tokens, messages)."""
    start = html.index('<div class="report"')
    return html[start : html.index("</div>\n</div>", start)]


def change_the_data():
    Event.objects.filter(slug="buko-2018").update(title="BuKo (umbenannt)")
    Membership.objects.filter(role="jury_chair").delete()
    city = Actor.objects.filter(kind=ActorKind.MUNICIPAL).first()
    event = EventFactory(title="Neu nachgetragen", start=local(2018, 9, 9, 19))
    ParticipationFactory(event=event, actor=city, role="organiser")
    MembershipFactory(actor=city, network=NetworkFactory(name="Neues Netzwerk"))


def test_saving_keeps_period_texts_and_numbers(staff_client, staff_user, seeded):
    report = save(staff_client)
    assert (report.title, report.public_year, report.created_by) == (
        "Jahresbericht 2018",
        2018,
        staff_user,
    )
    assert report.snapshot["events"]["count"] == 1
    assert "annex" not in report.snapshot
    assert report.annex["columns"][:2] == ["section", "metric"] and report.annex["rows"]
    page = staff_client.get(report.get_admin_url()).content.decode()
    assert "Das Jahr der BuKo." in page and "Zweiter Absatz." in page
    assert "2019 folgt der Afrikatag." in page


def test_saved_report_is_unchanged_after_the_data_changes(staff_client, seeded):
    report = save(staff_client)
    url = report.get_admin_url()
    html_before = report_section(staff_client.get(url).content.decode())
    pdf_before = pdf_text(staff_client.get(url, {"format": "pdf"}).content)
    docx_before = docx_text(staff_client.get(url, {"format": "docx"}).content)[0]
    csv_before = read_csv(staff_client.get(url, {"format": "csv"}).content)

    change_the_data()

    assert report_section(staff_client.get(url).content.decode()) == html_before
    assert pdf_text(staff_client.get(url, {"format": "pdf"}).content) == pdf_before
    assert docx_text(staff_client.get(url, {"format": "docx"}).content)[0] == docx_before
    assert read_csv(staff_client.get(url, {"format": "csv"}).content) == csv_before
    assert "BuKo 2018" in html_before and "Juryvorsitz" in html_before
    # The live report shows the new state.
    live = staff_client.get(reverse("reports:builder"), {"von": "2018-01-01", "bis": "2018-12-31"})
    live_html = live.content.decode()
    assert "BuKo (umbenannt)" in live_html and "Neu nachgetragen" in live_html
    assert "Juryvorsitz" not in live_html


def test_published_report_is_a_public_page_that_never_changes(visitor, staff_client, seeded):
    save(staff_client, is_public="on")
    url = reverse("reports:detail", kwargs={"year": 2018})
    response = visitor.get(url)
    assert response.status_code == 200
    before = response.content.decode()
    assert "BuKo 2018" in before and "Das Jahr der BuKo." in before
    assert (
        reverse("reports:detail", kwargs={"year": 2018})
        in visitor.get(reverse("reports:list")).content.decode()
    )

    change_the_data()

    after = visitor.get(url).content.decode()
    assert _without_tokens(after) == _without_tokens(before)
    pdf = visitor.get(url, {"format": "pdf"})
    assert pdf["Content-Type"] == "application/pdf"
    assert "BuKo 2018" in pdf_text(pdf.content)
    assert "BuKo (umbenannt)" not in pdf_text(pdf.content)


def _without_tokens(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def test_unpublished_report_is_not_public(visitor, staff_client, seeded):
    save(staff_client)
    assert visitor.get(reverse("reports:detail", kwargs={"year": 2018})).status_code == 404
    assert "Jahresbericht 2018" not in visitor.get(reverse("reports:list")).content.decode()


def test_public_report_offers_no_word_file_or_annex(visitor, staff_client, seeded):
    save(staff_client, is_public="on")
    html = visitor.get(reverse("reports:detail", kwargs={"year": 2018})).content.decode()
    assert "format=pdf" in html
    assert "format=docx" not in html and "format=csv" not in html


def test_only_one_public_report_per_year_and_language(staff_client, seeded):
    save(staff_client, is_public="on")
    response = staff_client.post(
        reverse("reports:save"), {**SAVE_2018, "title": "Zweiter", "is_public": "on"}, follow=True
    )
    assert "Für dieses Jahr ist in dieser Sprache schon ein Bericht öffentlich." in (
        response.content.decode()
    )
    assert not Report.objects.filter(title="Zweiter").exists()
    save(staff_client, title="Entwurf zum Vergleich")  # unpublished: fine
    save(staff_client, title="Annual report 2018", sprache="en", is_public="on")
    assert Report.objects.public().count() == 2


def test_english_visitors_get_the_english_version_of_a_year(visitor, staff_client, seeded):
    save(staff_client, is_public="on")
    save(staff_client, title="Annual report 2018", sprache="en", is_public="on")
    with translation.override("en"):
        english_url = reverse("reports:detail", kwargs={"year": 2018})
    html = visitor.get(english_url).content.decode()
    assert "Annual report 2018" in html and '<article class="report" lang="en">' in html
    assert "Jury chair" in html
    with translation.override("de"):
        german_url = reverse("reports:detail", kwargs={"year": 2018})
    german = visitor.get(german_url).content.decode()
    assert "Jahresbericht 2018" in german and 'hreflang="en"' in german


def test_mandate_holders_are_named_publicly_only_where_the_membership_publishes_them(
    visitor, staff_client, seeded
):
    Membership.objects.filter(role="jury_chair").update(
        mandate_holder="Erika Beispiel", mandate_function="Juryvorsitzende"
    )
    Membership.objects.filter(
        network__slug="ag-kommunale-entwicklungspolitik-staedtetag-bw"
    ).update(mandate_holder="Otto Offen", publish_holder=True)
    report = save(staff_client, is_public="on")
    assert "Erika Beispiel" in staff_client.get(report.get_admin_url()).content.decode()
    public = visitor.get(reverse("reports:detail", kwargs={"year": 2018})).content.decode()
    assert "Juryvorsitzende" in public
    assert "Erika Beispiel" not in public
    assert "(nicht veröffentlicht)" in public
    assert "Otto Offen" in public


@pytest.mark.parametrize("language", ["de", "en"])
def test_public_report_pages_follow_the_portal_guards(visitor, staff_client, seeded, language):
    save(staff_client, is_public="on")
    with translation.override(language):
        urls = [reverse("reports:list"), reverse("reports:detail", kwargs={"year": 2018})]
    for url in urls:
        html = visitor.get(url).content.decode()
        page = Page(html)
        assert len(page.find_all("h1")) == 1, url
        assert page.find_all("html")[0]["lang"] == language
        assert third_party_resources(html, own_hosts=("testserver", "127.0.0.1")) == []
        assert page.find_all("style") == []
        assert not any("style" in attrs for _tag, attrs in page.tags), url


def test_saving_needs_the_add_permission(client, seeded):
    from django.contrib.auth.models import Permission

    from tests.factories import UserFactory

    user = UserFactory(username="leserin", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_report"))
    client.force_login(user)
    assert client.post(reverse("reports:save"), SAVE_2018).status_code == 403
    assert not Report.objects.exists()


def test_saved_report_texts_can_be_edited_in_the_admin(staff_client, seeded):
    report = save(staff_client)
    change = reverse("admin:reports_report_change", args=[report.pk])
    assert staff_client.get(change).status_code == 200
    snapshot = report.snapshot
    response = staff_client.post(
        change,
        {
            "title": "Jahresbericht 2018 (final)",
            "introduction": "Neu geschrieben.",
            "outlook": "",
            "public_year": 2018,
        },
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.introduction == "Neu geschrieben."
    assert report.snapshot == snapshot
