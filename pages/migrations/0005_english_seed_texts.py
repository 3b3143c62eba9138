"""English versions of the default page texts, filled in only where a page has none.

Every page gets its English title (the words the English footer and header use, so
link and page agree) and its one-sentence description for search engines. Only the
home introduction and the office page get an English text: they translate faithfully.
The legal texts (imprint, privacy, accessibility statement) are staff's to give, and
Leichte Sprache is German by nature: their English pages show the German text, marked
lang="de".
"""

from django.db import migrations

HOME_INTRO = """\
The Coordination Office for Municipal Development Policy of the City of Ludwigsburg \
connects the One World actors in the city – associations, initiatives, world shops, \
schools, faith communities and diaspora organisations – with each other and with partners \
at state and federal level.

In this portal you can find out who in Ludwigsburg works for global justice and \
sustainable development, which networks the city takes part in and which events are \
coming up.
"""

OFFICE = """\
Development policy topics that until now could only be pursued on a small scale are to \
become a lasting part of the city administration. In all areas the coordination office \
therefore works closely with the Department for Sustainable Urban Development and with the \
departments of Civil Engineering and Green Spaces, Civic Engagement, and Organisation and \
Human Resources (Town Twinning).

The coordination office's work of moderating and networking is a decisive factor for \
successful work in the municipality and at state and federal level. For this, all actors \
(groups, associations) first need to know about each other and be well connected. Only then \
can they learn from each other, make the most of the potential that exists, and plan and \
act together.

## Contact

Stadt Ludwigsburg  
Koordinationsstelle kommunale Entwicklungspolitik  
Wilhelmstraße 11  
71638 Ludwigsburg

E-mail: [eine-welt@ludwigsburg.de](mailto:eine-welt@ludwigsburg.de)

<!-- Bitte prüfen: Funktionspostfach und ggf. Telefondurchwahl der Koordinationsstelle. -->
"""

PAGES = {
    "home_intro": {
        "title_en": "One World begins in Ludwigsburg",
        "description_en": (
            "Actors, networks and events of municipal development policy in Ludwigsburg."
        ),
        "body_en": HOME_INTRO,
    },
    "office": {
        "title_en": "Coordination Office for Municipal Development Policy",
        "description_en": (
            "The coordination office of the City of Ludwigsburg connects One World actors in "
            "the city, at state and at federal level."
        ),
        "body_en": OFFICE,
    },
    "imprint": {
        "title_en": "Legal notice (Impressum)",
        "description_en": "Legal notice of the City of Ludwigsburg's One World Portal.",
    },
    "privacy": {
        "title_en": "Privacy policy",
        "description_en": (
            "Which data the One World Portal Ludwigsburg processes: no cookies for analytics, "
            "no tracking, no third-party servers."
        ),
    },
    "accessibility": {
        "title_en": "Accessibility statement",
        "description_en": (
            "Accessibility statement of the One World Portal Ludwigsburg, with a form for "
            "feedback."
        ),
    },
    "easy_language": {
        "title_en": "Easy Read (Leichte Sprache)",
        "description_en": "The One World Portal Ludwigsburg explained in Leichte Sprache.",
    },
}


def forwards(apps, schema_editor):
    Page = apps.get_model("pages", "Page")
    for page in Page.objects.filter(key__in=PAGES):
        texts = PAGES[page.key]
        missing = [name for name in texts if not getattr(page, name)]
        for name in missing:
            setattr(page, name, texts[name])
        if missing:
            page.save(update_fields=missing)


class Migration(migrations.Migration):
    dependencies = [("pages", "0004_english_fields")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
