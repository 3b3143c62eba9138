"""The admin speaks German: no English word on any screen the Koordinationsstelle uses.

A member of the staff group walks the start page, every app page, every changelist,
every add and change form (one object per model, from the seed and a few rows made
here), the decision pages of the moderation queues and the import and export pages.
The visible text of each page (scripts and styles stripped; with ``title``,
``placeholder``, ``aria-label``, ``alt`` and button labels) is checked word by word
against English words of the admin's vocabulary: Django's admin, taggit, django-tasks,
django-import-export and django-simple-history. The English content fields (``…_en``)
hold English on purpose; their values are taken out before the check.

The selector widget and the calendar write their texts with JavaScript from the admin's
catalog (``/verwaltung/jsi18n/``): every message of the admin's scripts must be in it
in German.
"""

import contextlib
import datetime
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import django.contrib.admin
import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.contrib import admin
from django.core.management import call_command
from django.db import models
from django.test import Client, RequestFactory
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from actors.models import Actor
from ludwigsburg_portal.models import MailState, OutgoingMail
from pages.models import AccessibilityFeedback
from reports.models import FundingPeriod, Goal, Indicator, IndicatorValue, Measure, SubGoal
from reports.period import Period
from reports.services import report_save
from selfservice.models import (
    Claim,
    EditorInvitation,
    EventSubmission,
    ProfileReminder,
    Revision,
    Submission,
)
from tests.factories import ActorFactory, EventFactory, UserFactory

pytestmark = pytest.mark.django_db

# English words of the admin's vocabulary (Django admin, taggit, django-tasks,
# import-export, simple-history), matched as whole words, case-insensitive. Words that
# are German as well ("Filter", "Name", "Status", "Tag", "Start", "Export", "Import",
# "in", "an", "die", "will", "also", "was") cannot tell the languages apart and are left out.
# fmt: off
ENGLISH_WORDS = {
    # Django admin
    "add", "added", "another", "available", "by", "cancel", "change", "changed", "changes",
    "choose", "chosen", "clear", "clicking", "currently", "date", "delete", "deleted",
    "edit", "enter", "go", "history", "home", "log", "logout", "midnight", "model",
    "noon", "none", "now", "password", "recent", "remove", "results", "save", "search",
    "select", "selected", "selecting", "show", "today", "tomorrow", "unknown", "view",
    "yes", "no", "yesterday", "site", "action", "actions", "all", "any", "anytime",
    "past", "days", "month", "year", "empty", "user", "users", "groups", "permissions",
    "object", "objects", "content", "type", "item", "items",
    # taggit
    "taggit", "tagged", "merge",
    # django-tasks (Task Results)
    "database", "task", "tasks", "successful", "enqueued", "ready", "running", "failed", "finished",
    "started", "priority", "queue", "backend", "traceback", "args", "kwargs", "worker",
    "exception", "return", "value", "after", "founded",
    # import-export
    "file", "submit", "confirm", "resource", "fields",
    "field", "encoding", "errors", "row", "rows", "slug", "kind", "teaser", "sdgs",
    "new", "skipped", "update", "preview",
    # simple-history
    "reason", "author", "revert", "record", "historical",
    # English function words no German text uses
    "the", "and", "of", "to", "with", "from", "this", "these", "your", "you", "please",
    "click", "here", "or", "for", "is", "are", "not", "on", "at", "it",
}
# fmt: on
# Reviewed exceptions: names and abbreviations, the same in both languages.
ALLOWED = {"E-Mail", "SDG", "SDGs", "CSV", "XLSX", "JSON", "API", "URL", "ISO", "ID"}
# Proper names in the seed that are English (a programme of the federal government).
PROPER_NAMES = ["Compact with Africa"]
WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
# Not read as interface text: scripts and styles, what people typed (textareas), and
# <code>, the literal column headers an import file carries, and the old and new values
# on a history page (<del>/<ins>: what the record held, in whatever language it was).
HIDDEN = {"script", "style", "template", "textarea", "code", "del", "ins"}
LABEL_ATTRIBUTES = ("title", "placeholder", "aria-label", "alt")
BUTTON_TYPES = {"submit", "button", "reset"}
# Pages of the accounts, login throttling and second-factor admin: superusers only.
NOT_FOR_STAFF = {
    "auth.user",
    "auth.group",
    "axes.accessattempt",
    "axes.accessfailurelog",
    "axes.accesslog",
    "mfa.authenticator",
    "django_tasks_database.dbtaskresult",
}


class VisibleText(HTMLParser):
    """The text a person reads or hears on the page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in HIDDEN:
            self._hidden += 1
        self.texts += [attrs[name] for name in LABEL_ATTRIBUTES if attrs.get(name)]
        if tag == "input" and attrs.get("type") in BUTTON_TYPES and attrs.get("value"):
            self.texts.append(attrs["value"])

    def handle_endtag(self, tag):
        if tag in HIDDEN and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden and data.strip():
            self.texts.append(data)


def english_content() -> list[str]:
    """What the English content fields hold (English on purpose), longest first."""
    values = set()
    for model in apps.get_models():
        names = [
            field.name
            for field in model._meta.get_fields()
            if isinstance(field, (models.CharField, models.TextField))
            and field.name.endswith("_en")
        ]
        for name in names:
            values |= {v for v in model._default_manager.values_list(name, flat=True) if v}
        # Demo records are made of random syllables and words ("siTe"): data, not the
        # admin's own words.
        if any(field.name == "is_example" for field in model._meta.get_fields()):
            texts = [
                field.name
                for field in model._meta.get_fields()
                if isinstance(field, (models.CharField, models.TextField))
            ]
            for row in model._default_manager.filter(is_example=True).values_list(*texts):
                values |= {v for v in row if v}
    return sorted(values, key=len, reverse=True)


def english_words(html: str, *, content: list[str]) -> set[str]:
    parser = VisibleText()
    parser.feed(html)
    found = set()
    for text in parser.texts:
        for value in [*content, *PROPER_NAMES]:
            text = text.replace(value, " ")
        for word in WORD.findall(text):
            if word not in ALLOWED and word.lower() in ENGLISH_WORDS:
                found.add(word)
    return found


@pytest.fixture
def one_of_each():
    """One object per model the office works with: the seed, plus the rows that only
    arrive through the public site (proposals, feedback, mail)."""
    call_command("load_ludwigsburg", "--demo", "3", verbosity=0)
    editor = UserFactory(username="weltladen", email="vorstand@weltladen.example")
    EmailAddress.objects.create(user=editor, email=editor.email, verified=True, primary=True)
    actor = ActorFactory(name="Weltladen Oßweil")
    actor.editors.add(editor)
    Submission.objects.create(
        actor=ActorFactory(status="pending", name="Neuer Verein"),
        submitter_name="Amara",
        submitter_email="amara@example.org",
        consent_at=timezone.now(),
        confirmed_at=timezone.now(),
    )
    Revision.objects.create(
        actor=actor, author=editor, before={"teaser": "alt"}, after={"teaser": "neu"}
    )
    Claim.objects.create(actor=ActorFactory(), user=editor, name="Kim", message="Vorstand")
    EventSubmission.objects.create(
        event=EventFactory(status="pending"), actor=actor, submitted_by=editor
    )
    EditorInvitation.objects.create(actor=actor, email="neu@weltladen.example", invited_by=editor)
    ProfileReminder.objects.create(user=editor).actors.add(actor)
    AccessibilityFeedback.objects.create(message="Der Kontrast ist zu schwach.")
    OutgoingMail.objects.create(
        recipients=[editor.email],
        subject="Ihr Anmeldecode",
        state=MailState.FAILED,
        attempts=5,
        last_error="SMTPRecipientsRefused: 550",
    )
    period = datetime.date(2026, 1, 1), datetime.date(2026, 12, 31)
    FundingPeriod.objects.create(name="Förderphase 2", period_start=period[0], period_end=period[1])
    subgoal = SubGoal.objects.create(goal=Goal.objects.create(title="Vernetzen"), title="Treffen")
    indicator = Indicator.objects.create(subgoal=subgoal, name="Netzwerktreffen")
    IndicatorValue.objects.create(
        indicator=indicator, period_start=period[0], period_end=period[1], target=4
    )
    Measure.objects.create(subgoal=subgoal, title="Runder Tisch")
    report_save(period=Period.calendar_year(2026), language="de", title="Bericht 2026", by=editor)
    DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {"mail_id": 1}},
        task_path="ludwigsburg_portal.tasks.deliver_mail",
        backend_name="default",
        run_after=timezone.now(),
        status="FAILED",
    )


def admin_urls(client, user, *, skip=frozenset(), every_form=True) -> list[str]:
    """Every admin screen ``user`` may open: start, app pages, lists, forms, queues."""
    request = RequestFactory().get("/")
    request.user = user
    urls = [reverse("admin:index"), reverse("admin:password_change")]
    for app in admin.site.get_app_list(request):
        urls.append(reverse("admin:app_list", args=[app["app_label"]]))
    for model, model_admin in admin.site._registry.items():
        if model._meta.label_lower in skip or not model_admin.has_view_permission(request):
            continue
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        urls.append(reverse(f"{prefix}_changelist"))
        if model_admin.has_add_permission(request):
            urls.append(reverse(f"{prefix}_add"))
        obj = model._default_manager.order_by("pk").first()
        if obj is None and not every_form:
            continue
        assert obj is not None, f"no {model._meta.label} to open"
        urls.append(reverse(f"{prefix}_change", args=[obj.pk]))
        for view in ("export", "import"):
            with contextlib.suppress(NoReverseMatch):
                urls.append(reverse(f"{prefix}_{view}"))
        with contextlib.suppress(NoReverseMatch):
            urls.append(reverse(f"{prefix}_decide", args=[obj.pk]))
    return urls


def english_on(client, urls) -> dict[str, list[str]]:
    content = english_content()
    found = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        words = english_words(response.content.decode(), content=content)
        if words:
            found[url] = sorted(words)
    return found


def test_detector_finds_english_and_passes_german():
    html = (
        '<h2>Tasks Database Backend</h2><p title="Choose all">Sichern</p>'
        '<input type="submit" value="Save"><script>var no = "Yes";</script>'
        "<td>Thema</td><option>None</option><textarea>Fair trade and more</textarea>"
    )
    assert english_words(html, content=[]) == {
        "Tasks",
        "Database",
        "Backend",
        "Choose",
        "all",
        "Save",
        "None",
    }
    german = "<p>Alle auswählen, E-Mail, SDG 12, Filter, Kurzname, Status: Zur Prüfung</p>"
    assert english_words(german, content=[]) == set()
    assert english_words("<td>No Poverty</td>", content=["No Poverty"]) == set()


def test_no_english_on_any_admin_screen_of_the_koordinationsstelle(
    staff_client, staff_user, one_of_each
):
    urls = admin_urls(staff_client, staff_user, skip=NOT_FOR_STAFF)
    assert len(urls) > 60  # the walk really reached the admin

    assert english_on(staff_client, urls) == {}


def test_no_english_on_the_history_pages(staff_client, staff_user, one_of_each):
    changes = admin_urls(staff_client, staff_user, skip=NOT_FOR_STAFF)
    urls = [url.replace("/change/", "/history/") for url in changes if url.endswith("/change/")]

    assert english_on(staff_client, urls) == {}


def test_no_english_on_the_task_queue_superusers_open(one_of_each, worker):
    """The queue's rows are for the city's IT, who read German too. (The account pages
    are left out: their permission picker lists the database's English permission names.)"""
    superuser = UserFactory(username="edv", is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(superuser)
    task = DBTaskResult.objects.get()
    prefix = "admin:django_tasks_database_dbtaskresult"
    urls = [
        reverse("admin:index"),
        reverse("admin:app_list", args=["django_tasks_database"]),
        reverse(f"{prefix}_changelist"),
        reverse(f"{prefix}_change", args=[task.pk]),
    ]

    assert english_on(client, urls) == {}


ADMIN_JS = Path(django.contrib.admin.__file__).parent / "static" / "admin" / "js"
MESSAGE = re.compile(
    r"""\b(?:gettext|gettext_noop)\(\s*(?P<q>['"])(?P<id>.+?)(?P=q)\s*[,)]"""
    r"""|\bngettext\(\s*(?P<q2>['"])(?P<single>.+?)(?P=q2)\s*,"""
)


def admin_script_messages() -> set[str]:
    messages = set()
    for path in ADMIN_JS.glob("*.js"):
        for match in MESSAGE.finditer(path.read_text()):
            messages.add((match["id"] or match["single"]).replace("\\'", "'").replace('\\"', '"'))
    return messages


def test_admin_scripts_speak_german(staff_client):
    response = staff_client.get(reverse("admin:jsi18n"))
    catalog = json.loads(
        re.search(r"const newcatalog = (\{.*?\});\n", response.content.decode(), re.S)[1]
    )
    messages = admin_script_messages()
    assert 'Choose %s by selecting them and then select the "Choose" arrow button.' in messages

    untranslated = sorted(message for message in messages if message not in catalog)
    assert untranslated == []


def test_a_profile_change_shows_its_values_under_german_labels(staff_client):
    revision = Revision.objects.create(
        actor=ActorFactory(), before={"teaser": "Alter Satz"}, after={"teaser": "Neuer Satz"}
    )

    html = staff_client.get(
        reverse("admin:selfservice_revision_change", args=[revision.pk])
    ).content.decode()

    label = str(Actor._meta.get_field("teaser").verbose_name)
    assert html.count("Vorgeschlagene Änderungen") == 1
    assert f"<strong>{label}:</strong> Alter Satz → Neuer Satz" in html
    assert '"teaser"' not in html and "&quot;teaser&quot;" not in html  # no stored JSON
