"""Remembered page parts (``{% remember %}`` with ``{% hole %}``): the header, the
footer, the filter form, the pagination and an actor's profile are written once per
data version, but every visitor still sees their own page: their search words, the
address of the page they are on, their sign-in state, their own links, and what is
over by now.

Each test warms the memory with one visitor or page and then asks as another.
"""

import datetime

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone

from tests.factories import ActorFactory, EventFactory, ParticipationFactory, UserFactory

pytestmark = pytest.mark.django_db


def text(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_hole_is_written_afresh_inside_a_remembered_fragment():
    template = Template(
        "{% load remember %}{% remember 'greeting' %}<p>Hallo {% hole %}{{ name }}"
        "{% endhole %}, {{ name }}!</p>{% endremember %}"
    )

    first = template.render(Context({"name": "Ada"}))
    second = template.render(Context({"name": "<Grace>"}))

    assert first == "<p>Hallo Ada, Ada!</p>"
    # The hole is the visitor's; the rest was remembered from the first rendering,
    # and the hole's value is escaped like any other.
    assert second == "<p>Hallo &lt;Grace&gt;, Ada!</p>"


def test_site_search_box_shows_each_visitors_own_words(client):
    ActorFactory(name="Weltladen am Markt")
    search = reverse("search:results")

    assert 'value="Weltladen"' in text(client, search + "?q=Weltladen")
    again = text(client, search + "?q=Kaffee")

    assert 'value="Kaffee"' in again and 'value="Weltladen"' not in again
    # Elsewhere the box is empty.
    assert 'id="site-search-q" type="search" name="q" maxlength="200" placeholder="Suchen …">' in (
        text(client, reverse("actors:list"))
    )


def test_language_links_and_barrier_report_name_the_page_the_visitor_is_on(client):
    ActorFactory(name="Weltladen am Markt", slug="weltladen")
    directory = reverse("actors:list")
    text(client, directory + "?q=Welt")

    html = text(client, directory + "?q=Kaffee")
    assert 'href="/en/akteure/?q=Kaffee"' in html and "?q=Welt" not in html

    profile = text(client, reverse("actors:detail", args=["weltladen"]))
    assert 'href="/en/akteure/weltladen/"' in profile
    assert "?seite=/akteure/weltladen/#rueckmeldung" in profile
    assert "?seite=/akteure/#rueckmeldung" not in profile


def test_a_signed_in_visitor_sees_their_account_after_anonymous_visitors(client):
    directory = reverse("actors:list")
    assert "Anmelden" in text(client, directory)

    client.force_login(UserFactory())

    html = text(client, directory)
    assert "Mein Konto" in html and "Anmelden" not in html


def test_the_editor_sees_their_edit_link_on_a_profile_others_warmed(client):
    actor = ActorFactory(slug="weltladen", name="Weltladen")
    editor = UserFactory()
    actor.editors.add(editor)
    profile = reverse("actors:detail", args=["weltladen"])
    assert "Profil übernehmen" in text(client, profile)

    client.force_login(editor)
    html = text(client, profile)
    assert "Dieses Profil bearbeiten" in html and "Profil übernehmen" not in html

    client.logout()
    html = text(client, profile)
    assert "Profil übernehmen" in html and "Dieses Profil bearbeiten" not in html


def test_an_event_that_is_over_moves_from_soon_to_so_far_without_any_write(client, monkeypatch):
    actor = ActorFactory(slug="weltladen")
    start = timezone.now() + datetime.timedelta(hours=1)
    event = EventFactory(title="Kaffeeprobe", start=start, end=start + datetime.timedelta(hours=2))
    ParticipationFactory(actor=actor, event=event)
    profile = reverse("actors:detail", args=["weltladen"])
    html = text(client, profile)
    assert html.index("Demnächst") < html.index("Kaffeeprobe")

    later = timezone.now() + datetime.timedelta(hours=4)
    monkeypatch.setattr(timezone, "now", lambda: later)

    html = text(client, profile)
    assert "Demnächst" not in html
    assert html.index("Bisher") < html.index("Kaffeeprobe")


def test_the_filter_form_shows_each_pages_own_choice(client):
    ActorFactory(name="Weltladen am Markt", tags=["Fairer Handel"])
    directory = reverse("actors:list")
    filtered = text(client, directory + "?thema=fairer-handel")
    assert '<option value="fairer-handel" selected>' in filtered
    assert "Alle Filter zurücksetzen" in filtered

    html = text(client, directory)
    topics = html.split('<select name="thema"', 1)[1].split("</select>", 1)[0]
    assert '<option value="" selected>' in topics
    assert '<option value="fairer-handel">' in topics
    assert "Alle Filter zurücksetzen" not in html


def test_page_links_keep_each_pages_own_search(client):
    for i in range(45):
        ActorFactory(name=f"Weltladen {i:02d}")
    directory = reverse("actors:list")
    text(client, directory + "?q=Weltladen")

    html = text(client, directory + "?q=Weltladen&page=2")
    navigation = html.split('<nav class="pagination"', 1)[1].split("</nav>", 1)[0]
    assert 'href="?q=Weltladen&amp;page=2" aria-current="page"' in navigation
    assert 'href="?q=Weltladen&amp;page=1" rel="prev"' in navigation

    html = text(client, directory + "?page=2")
    navigation = html.split('<nav class="pagination"', 1)[1].split("</nav>", 1)[0]
    assert "q=Weltladen" not in navigation


def test_the_memory_lets_the_least_recently_used_go_first(monkeypatch):
    from ludwigsburg_portal import versioned

    monkeypatch.setattr(versioned, "MAX_ENTRIES", 2)
    computed = []

    def ask(name):
        return versioned.remember(("test", name), lambda: computed.append(name) or name)

    ask("directory")
    ask("actor 1")
    ask("directory")  # used again: now the most recent
    ask("actor 2")  # one too many: "actor 1" goes
    ask("directory")
    ask("actor 1")

    assert computed == ["directory", "actor 1", "actor 2", "actor 1"]
