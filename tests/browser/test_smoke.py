"""The browser setup itself: Chromium runs, the database has its migration data in every
test, and the third-party request guard really notices a foreign request."""

from django.contrib.auth.models import Group
from django.urls import reverse

from actors.models import SustainableDevelopmentGoal
from ludwigsburg_portal.permissions import STAFF_GROUP
from tests.browser.helpers import axe_violations


def test_each_browser_test_starts_with_the_migration_data():
    # Transactional tests flush tables; the serialized rollback must bring these back.
    assert SustainableDevelopmentGoal.objects.count() == 17
    assert Group.objects.filter(name=STAFF_GROUP).exists()


def test_guard_records_a_request_to_another_host(new_context, foreign_requests):
    # The portal's CSP would block the request before it is sent; switch it off here.
    page = new_context(bypass_csp=True).new_page()
    page.route("http://third-party.invalid/**", lambda route: route.abort())
    page.goto(reverse("pages:home"))
    with page.expect_request("http://third-party.invalid/**"):
        page.evaluate("fetch('http://third-party.invalid/pixel.gif').catch(() => null)")
    for _ in range(50):  # the context's listener may run just after the page's
        if foreign_requests:
            break
        page.wait_for_timeout(20)
    assert foreign_requests == ["http://third-party.invalid/pixel.gif"]
    foreign_requests.clear()  # recorded as expected; don't fail this test for it


def test_axe_reports_an_image_without_text_alternative(page):
    page.goto(reverse("pages:home"))
    page.evaluate(
        "() => { const img = document.createElement('img'); img.src = '/static/x.png';"
        " document.querySelector('main').append(img); }"
    )
    assert [v["id"] for v in axe_violations(page)] == ["image-alt"]
