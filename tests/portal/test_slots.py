"""The slots the domain's pages offer, filled by the features from above."""

import pytest
from django.template import Context, Template
from django.urls import reverse

from ludwigsburg_portal import slots
from tests.factories import ActorFactory, MembershipFactory, NetworkFactory, UserFactory


@pytest.fixture
def scratch_slot():
    yield "test_scratch"
    slots._slots.pop("test_scratch", None)


def render(text: str, /, **context) -> str:
    return Template("{% load slots %}" + text).render(Context(context))


def test_an_empty_slot_renders_nothing(scratch_slot):
    assert render('<p>{% slot "test_scratch" actor=1 %}</p>') == "<p></p>"


def test_fillers_render_by_order_with_the_slots_arguments(scratch_slot):
    slots.fill(scratch_slot, lambda context, name: f"<b>zweiter {name}</b>", order=20)
    slots.fill(scratch_slot, lambda context, name: f"<i>erster {name}</i>", order=10)

    html = render('{% slot "test_scratch" name=who %}', who="Weltladen")

    assert html.index("erster Weltladen") < html.index("zweiter Weltladen")
    assert "<i>" in html  # fillers return HTML, not escaped text


def test_a_template_filler_is_rendered_with_its_data_and_autoescaped(scratch_slot):
    def data(context, text):
        return {"search_text": text, "search_url": "/suche/"}

    slots.fill(scratch_slot, "search/includes/did_you_mean.html", data=data)
    slots.fill(scratch_slot, "search/includes/did_you_mean.html", data=data)

    html = render('{% slot "test_scratch" text=text %}', text="<b>Fair</b>")

    assert html.count("im ganzen Portal suchen") == 1  # filled twice (ready() again): once
    assert "„&lt;b&gt;Fair&lt;/b&gt;“" in html


@pytest.mark.django_db
def test_actor_page_shows_picture_calendar_and_claim_in_that_order(client):
    actor = ActorFactory(slug="weltladen", name="Weltladen")
    MembershipFactory(actor=actor)
    html = client.get(reverse("actors:detail", args=[actor.slug])).content.decode()

    picture = html.index('class="neighbourhood')
    calendar = html.index('class="calendar-subscribe"')
    claim = html.index("Profil übernehmen")
    assert picture < calendar < claim < html.index("</article>")


@pytest.mark.django_db
def test_editor_sees_edit_instead_of_claim_through_the_slot(client):
    actor = ActorFactory(slug="weltladen")
    editor = UserFactory()
    actor.editors.add(editor)
    client.force_login(editor)

    html = client.get(reverse("actors:detail", args=[actor.slug])).content.decode()

    assert "Dieses Profil bearbeiten" in html and "Profil übernehmen" not in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("route", "args", "text"),
    [
        ("networks:detail", ["ag"], "Termine von AG im Kalender abonnieren"),
        ("events:list", [], "Alle kommenden Termine im Kalender abonnieren"),
        ("actors:list", [], "Als Netzwerk ansehen"),
    ],
)
def test_domain_lists_and_pages_show_what_features_add(client, route, args, text):
    NetworkFactory(slug="ag", name="AG")
    html = client.get(reverse(route, args=args)).content.decode()
    assert text in html
