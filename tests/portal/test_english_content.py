"""English pages show the English texts staff gave, and German text marked lang="de".

Every public text is German at the source; its English version sits next to it in
``<field>_en``. Where there is none, an English page shows the German text inside an
element with ``lang="de"``, so screen readers pronounce it as German (WCAG 3.1.2).
"""

import json
import re

import pytest
from django.utils import translation
from taggit.models import Tag

from actors.models import TopicTranslation
from ludwigsburg_portal.content_language import choose, localized
from pages.models import Page, PageKey
from tests.factories import (
    ActorFactory,
    EventFactory,
    MembershipFactory,
    NetworkFactory,
    ParticipationFactory,
    RegionFactory,
)
from tests.portal.html import Page as HtmlPage

pytestmark = pytest.mark.django_db


def html_of(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def en(obj) -> str:
    """The English address of ``obj``'s page (whatever language a request left active)."""
    with translation.override("de"):
        return "/en" + obj.get_absolute_url()


def german_marks(html: str) -> list[str]:
    """Elements of the page's body marked German, except the language switcher's link."""
    body = html.split("<body>", 1)[1]
    return [tag for tag in re.findall(r"<[^>]*\blang=\"de\"[^>]*>", body) if "hreflang" not in tag]


def json_ld(html: str) -> dict:
    start = html.index('<script type="application/ld+json">') + len(
        '<script type="application/ld+json">'
    )
    return json.loads(html[start : html.index("</script>", start)])


def topic(name: str, english: str = "") -> Tag:
    tag, _ = Tag.objects.get_or_create(name=name)
    if english:
        TopicTranslation.objects.create(tag=tag, name_en=english)
    return tag


# --- Actors ----------------------------------------------------------------------


def test_english_actor_page_shows_the_english_teaser_and_description(client):
    actor = ActorFactory(
        teaser="Fairer Handel in der Weststadt.",
        teaser_en="Fair trade in the west of town.",
        description="Wir verkaufen fair gehandelte Waren.",
        description_en="We sell fairly traded goods.",
    )
    html = html_of(client, en(actor))
    assert '<p class="lead">Fair trade in the west of town.</p>' in html
    assert '<div class="prose"><p>We sell fairly traded goods.</p></div>' in html
    assert "Fairer Handel in der Weststadt" not in html
    assert german_marks(html) == []


def test_actor_without_english_texts_shows_the_german_ones_marked_as_german(client):
    actor = ActorFactory(teaser="Fairer Handel in der Weststadt.", description="Wir verkaufen.")
    html = html_of(client, en(actor))
    assert '<p class="lead" lang="de">Fairer Handel in der Weststadt.</p>' in html
    assert '<div class="prose" lang="de"><p>Wir verkaufen.</p></div>' in html
    # Meta description: no element can go there, the German text stands as it is.
    assert HtmlPage(html).meta(name="description") == "Fairer Handel in der Weststadt."


def test_german_pages_show_german_texts_without_language_marks(client):
    actor = ActorFactory(teaser="Fairer Handel.", teaser_en="Fair trade.", tags=["Bildung"])
    for url in (actor.get_absolute_url(), "/akteure/", "/"):
        html = html_of(client, url)
        assert "Fair trade." not in html
        assert german_marks(html) == [], url


def test_directory_cards_on_english_pages_mark_german_teasers_and_topics(client):
    topic("Bildung", english="Education")
    topic("Weltladen")
    ActorFactory(name="A Verein", teaser="Nur deutsch.", tags=["Bildung", "Weltladen"])
    ActorFactory(name="B Verein", teaser="Deutsch.", teaser_en="In English.")
    html = html_of(client, "/en/akteure/")
    assert '<p class="card__text" lang="de">Nur deutsch.</p>' in html
    assert '<p class="card__text">In English.</p>' in html
    assert '<span class="badge badge--topic">Education</span>' in html
    assert '<span class="badge badge--topic"><span lang="de">Weltladen</span></span>' in html


def test_actor_page_topics_and_partner_countries_in_english_or_marked_german(client):
    topic("Bildung", english="Education")
    actor = ActorFactory(tags=["Bildung", "Fairer Handel"])
    actor.regions.add(
        RegionFactory(slug="elfenbeinkueste", name="Elfenbeinküste", name_en="Côte d'Ivoire"),
        RegionFactory(slug="burkina-faso", name="Burkina Faso"),
    )
    html = html_of(client, en(actor))
    assert '?thema=bildung">Education</a>' in html
    assert '?thema=fairer-handel"><span lang="de">Fairer Handel</span></a>' in html
    assert '?land=elfenbeinkueste">Côte d&#x27;Ivoire</a>' in html
    assert '?land=burkina-faso"><span lang="de">Burkina Faso</span></a>' in html


def test_filter_options_with_german_names_carry_lang_de_on_english_pages(client):
    topic("Bildung", english="Education")
    actor = ActorFactory(tags=["Bildung", "Weltladen"])
    actor.regions.add(RegionFactory(slug="togo", name="Togo"))
    actor.regions.add(RegionFactory(slug="peru", name="Peru (Land)", name_en="Peru"))
    MembershipFactory(actor=actor, network=NetworkFactory(slug="ag", name="AG Eine Welt"))
    html = html_of(client, "/en/akteure/")
    assert '<option value="bildung">Education</option>' in html
    assert '<option value="weltladen" lang="de">Weltladen</option>' in html
    assert '<option value="peru">Peru</option>' in html
    assert '<option value="togo" lang="de">Togo</option>' in html
    assert '<option value="ag" lang="de">AG Eine Welt</option>' in html
    german = html_of(client, "/akteure/")
    assert '<option value="bildung">Bildung</option>' in german
    assert '<option value="togo">Togo</option>' in german


def test_filter_options_on_english_pages_are_sorted_by_the_name_shown(client):
    topic("Arbeit", english="Work")
    ActorFactory(tags=["Arbeit", "Bildung"])
    html = html_of(client, "/en/akteure/")
    assert html.index(">Bildung</option>") < html.index(">Work</option>")
    german = html_of(client, "/akteure/")
    assert german.index(">Arbeit</option>") < german.index(">Bildung</option>")


def test_organization_json_ld_tags_german_texts_on_english_pages(client):
    topic("Bildung", english="Education")
    actor = ActorFactory(teaser="Nur deutsch.", tags=["Bildung", "Weltladen"])
    data = json_ld(html_of(client, en(actor)))
    assert data["description"] == {"@value": "Nur deutsch.", "@language": "de"}
    assert data["knowsAbout"] == ["Education", {"@value": "Weltladen", "@language": "de"}]
    actor.teaser_en = "In English."
    actor.save()
    data = json_ld(html_of(client, en(actor)))
    assert data["description"] == "In English."


def test_english_search_page_and_embed_show_english_teasers(client):
    ActorFactory(name="Weltladen", teaser="Deutsch.", teaser_en="English teaser.")
    assert '<p class="card__text">English teaser.</p>' in html_of(client, "/en/akteure/?q=Welt")
    embed = html_of(client, "/en/einbetten/akteure/")
    assert "<p>English teaser.</p>" in embed
    ActorFactory(name="Anderer", teaser="Nur deutsch.")
    assert '<p lang="de">Nur deutsch.</p>' in html_of(client, "/en/einbetten/akteure/")


# --- Networks and events ------------------------------------------------------------


def test_network_pages_show_english_names_and_descriptions(client):
    network = NetworkFactory(
        name="Arbeitsgemeinschaft Eine Welt",
        name_en="One World working group",
        description="Deutsche Beschreibung.",
        description_en="English description.",
    )
    html = html_of(client, en(network))
    assert "<h1>One World working group</h1>" in html
    assert "<title>One World working group – Networks" in html
    assert '<div class="prose"><p>English description.</p></div>' in html
    assert ">One World working group</a>" in html_of(client, "/en/netzwerke/")


def test_network_without_english_name_is_marked_german_in_heading_lists_and_breadcrumbs(client):
    network = NetworkFactory(name="Arbeitsgemeinschaft Eine Welt", description="Nur deutsch.")
    actor = ActorFactory()
    MembershipFactory(actor=actor, network=network)
    html = html_of(client, en(network))
    assert '<h1 lang="de">Arbeitsgemeinschaft Eine Welt</h1>' in html
    assert "<title>Arbeitsgemeinschaft Eine Welt – Networks" in html  # no markup in <title>
    assert '<span aria-current="page"><span lang="de">Arbeitsgemeinschaft' in html
    assert '<div class="prose" lang="de"><p>Nur deutsch.</p></div>' in html
    listing = html_of(client, "/en/netzwerke/")
    assert '"><span lang="de">Arbeitsgemeinschaft Eine Welt</span></a></h3>' in listing
    actor_page = html_of(client, en(actor))
    assert '"><span lang="de">Arbeitsgemeinschaft Eine Welt</span></a> –' in actor_page


def test_network_list_on_english_pages_is_sorted_by_the_name_shown(client):
    NetworkFactory(name="Arbeitskreis", name_en="Working circle")
    NetworkFactory(name="Bündnis")
    html = html_of(client, "/en/netzwerke/")
    assert html.index("Bündnis") < html.index("Working circle")
    german = html_of(client, "/netzwerke/")
    assert german.index("Arbeitskreis") < german.index("Bündnis")


def test_event_pages_show_english_titles_and_german_ones_marked(client):
    english = EventFactory(title="Weltladentag", title_en="World Shop Day", description="Text.")
    german = EventFactory(title="Eine-Welt-Abend", description="Nur deutsch.")
    listing = html_of(client, "/en/veranstaltungen/")
    assert '">World Shop Day</a>' in listing
    assert '"><span lang="de">Eine-Welt-Abend</span></a>' in listing
    html = html_of(client, en(german))
    assert '<h1 lang="de">Eine-Welt-Abend</h1>' in html
    assert "<title>Eine-Welt-Abend – Events" in html
    assert '<div class="prose" lang="de"><p>Nur deutsch.</p></div>' in html
    assert "<h1>World Shop Day</h1>" in html_of(client, en(english))


def test_event_json_ld_says_in_which_language_its_texts_are(client):
    event = EventFactory(title="Eine-Welt-Abend", description="Nur deutsch.")
    data = json_ld(html_of(client, en(event)))
    assert (data["name"], data["description"], data["inLanguage"]) == (
        "Eine-Welt-Abend",
        "Nur deutsch.",
        "de",
    )
    event.title_en, event.description_en = "One World evening", "In English."
    event.save()
    data = json_ld(html_of(client, en(event)))
    assert (data["name"], data["description"], data["inLanguage"]) == (
        "One World evening",
        "In English.",
        "en",
    )
    with translation.override("de"):
        german_page = html_of(client, event.get_absolute_url())
    assert json_ld(german_page)["inLanguage"] == "de"


def test_actor_page_lists_its_events_with_english_or_marked_german_titles(client):
    actor = ActorFactory()
    ParticipationFactory(actor=actor, event=EventFactory(title="Abend", title_en="Evening"))
    ParticipationFactory(actor=actor, event=EventFactory(title="Markt"))
    html = html_of(client, en(actor))
    assert '">Evening</a>' in html
    assert '"><span lang="de">Markt</span></a>' in html


def test_home_page_in_english_shows_english_texts_and_marks_german_ones(client):
    ActorFactory(teaser="Nur deutsch.")
    ActorFactory(teaser="Deutsch.", teaser_en="English.")
    EventFactory(title="Eine-Welt-Abend")
    NetworkFactory(name="Bündnis", name_en="Alliance")
    html = html_of(client, "/en/")
    assert '<h1 id="home-title">One World begins in Ludwigsburg</h1>' in html
    assert '<p class="card__text" lang="de">Nur deutsch.</p>' in html
    assert '<p class="card__text">English.</p>' in html
    assert '"><span lang="de">Eine-Welt-Abend</span></a></h3>' in html
    assert '">Alliance</a></li>' in html


# --- Staff-edited pages ---------------------------------------------------------------


def test_footer_link_and_page_title_agree_in_english(client):
    html = html_of(client, "/en/")
    assert '<a href="/en/datenschutz/">Privacy</a>' in html
    privacy = html_of(client, "/en/datenschutz/")
    assert "<h1>Privacy policy</h1>" in privacy
    assert "<title>Privacy policy – One World Portal Ludwigsburg</title>" in privacy
    assert '<span aria-current="page">Privacy policy</span>' in privacy


def test_legal_text_without_english_version_stays_german_and_marked(client):
    html = html_of(client, "/en/datenschutz/")
    assert '<div class="prose" lang="de">' in html
    assert '<p class="notice">This text is only available in German.</p>' in html


def test_page_with_english_text_shows_it_without_the_german_only_notice(client):
    Page.objects.filter(key=PageKey.PRIVACY).update(body_en="## Who we are\n\nThe city.")
    html = html_of(client, "/en/datenschutz/")
    assert '<div class="prose">\n  <h2>Who we are</h2>' in html
    assert "only available in German" not in html


def test_page_title_without_english_version_is_german_in_title_and_marked_in_h1(client):
    Page.objects.filter(key=PageKey.IMPRINT).update(title_en="")
    html = html_of(client, "/en/impressum/")
    assert '<h1 lang="de">Impressum</h1>' in html
    assert "<title>Impressum – One World Portal Ludwigsburg</title>" in html
    assert '<span aria-current="page"><span lang="de">Impressum</span></span>' in html


def test_home_and_office_texts_are_seeded_in_english(client):
    home = Page.objects.get(key=PageKey.HOME_INTRO)
    assert home.body_en.startswith("The Coordination Office for Municipal Development Policy")
    office = html_of(client, "/en/koordinationsstelle/")
    assert "<h1>Coordination Office for Municipal Development Policy</h1>" in office
    assert "only available in German" not in office


# --- The choice itself ---------------------------------------------------------------


def test_a_blank_english_text_counts_as_not_given():
    text = choose("Deutsch", "   ", language="en")
    assert (str(text), text.lang, text.foreign) == ("Deutsch", "de", True)


def test_german_pages_never_look_at_the_english_text():
    actor = ActorFactory.build(teaser="Deutsch", teaser_en="English")
    text = localized(actor, "teaser", language="de")
    assert (str(text), text.lang, text.foreign) == ("Deutsch", "de", False)
    assert str(localized(actor, "teaser", language="en")) == "English"


def test_every_footer_link_on_english_pages_leads_to_a_page_titled_alike(client):
    footer = html_of(client, "/en/").split('<nav class="site-footer__nav"', 1)[1]
    links = re.findall(r'<a href="(/en/[^"?#]*)">([^<]+)</a>', footer.split("</nav>", 1)[0])
    pages = [(url, text) for url, text in links if url != "/en/offene-daten/"]
    assert len(pages) == 5
    for url, text in pages:
        h1 = re.search(r"<h1[^>]*>([^<]+)</h1>", html_of(client, url)).group(1)
        assert h1.startswith(text), (url, text, h1)
