import datetime
from urllib.parse import urlsplit

from allauth.account.forms import SignupForm as AllauthSignupForm
from allauth.core import context as allauth_context
from django import forms
from django.core.validators import MaxValueValidator, RegexValidator
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from actors.forms import TopicsWidget
from actors.models import Actor, Region, SustainableDevelopmentGoal
from actors.topics import resolve_topics
from events.models import Event, ParticipationRole
from ludwigsburg_portal.forms import name_empty_choices

from .images import clean_logo
from .models import Claim, EditorInvitation
from .profile import PROFILE_FIELDS
from .text import strip_html

MAX_TAGS = 10
MAX_TAG_LENGTH = 50

phone_validator = RegexValidator(
    r"^\+?[0-9 ()/\-]{3,40}$",
    _("Bitte nur Ziffern, Leerzeichen und + ( ) / - verwenden, z. B. 07141 910-0."),
)
postal_code_validator = RegexValidator(
    r"^[0-9]{5}$", _("Bitte eine fünfstellige Postleitzahl angeben, z. B. 71638.")
)


def latest_founding_year() -> int:
    """Next year: an association may register just before it is founded."""
    return timezone.localdate().year + 1


class SdgMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.number}. {obj.name}"


class ActorProfileForm(forms.ModelForm):
    """The public fields of an actor, with the checks volunteers need spelled out."""

    website = forms.URLField(
        label=_("Website"), required=False, assume_scheme="https", max_length=200
    )
    phone = forms.CharField(
        label=_("Telefon"), required=False, max_length=50, validators=[phone_validator]
    )
    postal_code = forms.CharField(
        label=_("Postleitzahl"), required=False, max_length=10, validators=[postal_code_validator]
    )
    # The upper bound (latest_founding_year) is set per form in __init__: a bound taken
    # at import would stay at the old year in a process that runs past New Year.
    founded_year = forms.IntegerField(label=_("Gründungsjahr"), required=False, min_value=1800)
    sdgs = SdgMultipleChoiceField(
        SustainableDevelopmentGoal.objects.all(),
        label=_("Nachhaltigkeitsziele (SDGs)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    regions = forms.ModelMultipleChoiceField(
        Region.objects.all(),
        label=_("Partnerländer / Schwerpunktregionen"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    description = forms.CharField(
        label=_("Beschreibung"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Einfacher Text. Absätze durch Leerzeilen; **fett**, *kursiv*, Listen mit "
            "„- “ und Links wie [Text](https://…) sind möglich, HTML nicht."
        ),
    )
    logo = forms.FileField(
        label=_("Logo"),
        required=False,
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/png,image/jpeg,image/webp,image/gif"}
        ),
        help_text=_("PNG, JPEG, WebP oder GIF. Wir entfernen Metadaten wie Standortangaben."),
    )

    class Meta:
        model = Actor
        fields = PROFILE_FIELDS
        labels = {"teaser_en": _("Kurzbeschreibung auf Englisch")}
        help_texts = {
            "teaser_en": _(
                "Ein bis zwei Sätze für die englischen Seiten des Portals. Ohne englischen "
                "Text zeigen sie dort Ihre deutsche Kurzbeschreibung."
            )
        }
        # What is typed here is English: assistive technology and spell checkers read it so.
        widgets = {
            "teaser_en": forms.TextInput(attrs={"lang": "en"}),
            # Existing published topics offered while typing (a <datalist>).
            "tags": TopicsWidget(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        founded_year = self.fields["founded_year"]
        founded_year.max_value = latest_founding_year()
        founded_year.validators.append(MaxValueValidator(founded_year.max_value))
        founded_year.widget.attrs["max"] = founded_year.max_value
        # WCAG 1.3.5: the autofill token of every field about the association or the
        # person filling in. "street-address" is for a multi-line address; the street
        # and house number on one line is "address-line1".
        autocomplete = {
            "name": "organization",
            "email": "email",
            "phone": "tel",
            "street": "address-line1",
            "postal_code": "postal-code",
            "city": "address-level2",
            "contact_person": "name",
        }
        for name, token in autocomplete.items():
            self.fields[name].widget.attrs["autocomplete"] = token
        name_empty_choices(self)

    def _clean_text(self, name):
        value = self.cleaned_data.get(name, "")
        return strip_html(value) if value else value

    def clean_name(self):
        value = self._clean_text("name")
        if not value:
            raise forms.ValidationError(_("Bitte geben Sie einen Namen an."), code="required")
        return value

    def clean_teaser(self):
        return self._clean_text("teaser")

    def clean_teaser_en(self):
        return self._clean_text("teaser_en")

    def clean_description(self):
        return self._clean_text("description")

    def clean_contact_person(self):
        return self._clean_text("contact_person")

    def clean_tags(self):
        tags = self.cleaned_data.get("tags") or []
        if len(tags) > MAX_TAGS:
            raise forms.ValidationError(
                _("Bitte höchstens %(max)d Themen angeben.") % {"max": MAX_TAGS}, code="max_tags"
            )
        for tag in tags:
            if len(tag) > MAX_TAG_LENGTH:
                raise forms.ValidationError(
                    _("Ein Thema darf höchstens %(max)d Zeichen lang sein.")
                    % {"max": MAX_TAG_LENGTH},
                    code="tag_length",
                )
        # "fairer handel" or "Fairer-Handel" reuse the existing "Fairer Handel".
        return resolve_topics(strip_html(tag) for tag in tags)

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        # False: "remove the logo" ticked; a stored file name: unchanged.
        if logo and hasattr(logo, "content_type"):
            return clean_logo(logo)
        return logo

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("contact_public") and not (
            cleaned.get("email") or cleaned.get("phone") or cleaned.get("contact_person")
        ):
            self.add_error(
                "contact_public",
                _("Es gibt noch keine Kontaktdaten, die veröffentlicht werden könnten."),
            )
        return cleaned


class SubmissionForm(ActorProfileForm):
    submitter_name = forms.CharField(
        label=_("Ihr Name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        help_text=_("Nur für die Koordinationsstelle, wird nicht veröffentlicht."),
    )
    submitter_email = forms.EmailField(
        label=_("Ihre E-Mail-Adresse"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("Wir schicken Ihnen einen Link, mit dem Sie die Adresse bestätigen."),
    )
    consent = forms.BooleanField(
        label=_("Ich habe die Datenschutzerklärung gelesen und willige ein."),
        error_messages={
            "required": _("Ohne Ihre Einwilligung können wir den Eintrag nicht speichern.")
        },
    )
    # Honeypot: hidden from people by CSS and from assistive technology; bots fill it.
    homepage = forms.CharField(label=_("Bitte leer lassen"), required=False)

    def clean_submitter_name(self):
        value = strip_html(self.cleaned_data["submitter_name"])
        if not value:
            raise forms.ValidationError(_("Bitte geben Sie Ihren Namen an."), code="required")
        return value


class ClaimForm(forms.ModelForm):
    class Meta:
        model = Claim
        fields = ["name", "message"]
        labels = {"name": _("Ihr Name")}
        widgets = {"name": forms.TextInput(attrs={"autocomplete": "name"})}

    def clean_message(self):
        value = strip_html(self.cleaned_data["message"])
        if not value:
            raise forms.ValidationError(
                _("Bitte beschreiben Sie kurz Ihre Verbindung zum Akteur."), code="required"
            )
        return value


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("E-Mail-Adresse der Person"),
        help_text=_("Sie bekommt einen Link, mit dem sie das Profil mitbearbeiten kann."),
        # Another person's address: the browser must not offer the user's own.
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )


def invitation_named_by(next_url: str) -> EditorInvitation | None:
    """The open invitation a ``next`` URL leads back to, if it names one."""
    try:
        match = resolve(urlsplit(next_url or "").path)
    except Resolver404:
        return None
    if match.view_name != "selfservice:invitation":
        return None
    return (
        EditorInvitation.objects.open()
        .select_related("actor")
        .filter(token=match.kwargs.get("token"))
        .first()
    )


class SignupForm(AllauthSignupForm):
    """allauth's sign-up with an optional name, so the person is shown by it (never
    by the generated user name). Coming from an invitation (its page is the ``next``
    URL), the invited address is filled in and the form says that the invitation
    counts for that address only."""

    name = forms.CharField(
        label=_("Ihr Name"),
        required=False,
        max_length=150,
        help_text=_(
            "So sehen die anderen in der Redaktion und die Koordinationsstelle, wer Sie sind. "
            "Ohne Namen zeigen wir Ihre E-Mail-Adresse."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    field_order = ["name", "email", "password1", "password2"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = allauth_context.request
        data = {} if request is None else request.POST if request.method == "POST" else request.GET
        self.invitation = invitation_named_by(data.get("next", ""))
        if self.invitation:
            self.initial.setdefault("email", self.invitation.email)
            self.fields["email"].help_text = _(
                "Die Einladung gilt für %(email)s. Mit einer anderen Adresse legen Sie ein "
                "Konto an, mit dem Sie die Einladung nicht annehmen können."
            ) % {"email": self.invitation.email}
        self.order_fields(self.field_order)

    def signup(self, request, user):
        name = strip_html(self.cleaned_data.get("name", "")).strip()
        if name:
            user.first_name = name[:150]
            user.save(update_fields=["first_name"])


DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class EventProposalForm(forms.ModelForm):
    role = forms.ChoiceField(
        label=_("Rolle Ihres Akteurs"),
        choices=ParticipationRole.choices,
        initial=ParticipationRole.ORGANISER,
    )
    website = forms.URLField(
        label=_("Website"), required=False, assume_scheme="https", max_length=200
    )

    class Meta:
        model = Event
        fields = [
            "title",
            "start",
            "end",
            "location",
            "online",
            "level",
            "organiser",
            "description",
            "website",
        ]
        widgets = {"start": DATETIME_INPUT, "end": DATETIME_INPUT}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["start"].required = True
        self.fields["start"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d.%m.%Y %H:%M"]
        self.fields["end"].input_formats = self.fields["start"].input_formats
        self.fields["description"].widget.attrs["maxlength"] = 5000
        name_empty_choices(self)

    def clean_title(self):
        value = strip_html(self.cleaned_data["title"])
        if not value:
            raise forms.ValidationError(_("Bitte geben Sie einen Titel an."), code="required")
        return value

    def clean_description(self):
        return strip_html(self.cleaned_data.get("description", ""))

    def clean_location(self):
        return strip_html(self.cleaned_data.get("location", ""))

    def clean_organiser(self):
        return strip_html(self.cleaned_data.get("organiser", ""))

    def clean_start(self):
        start = self.cleaned_data["start"]
        if start < timezone.now() - datetime.timedelta(days=1):
            raise forms.ValidationError(
                _("Bitte schlagen Sie nur kommende Veranstaltungen vor."), code="past"
            )
        return start

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("Das Ende darf nicht vor dem Beginn liegen."))
        return cleaned


class DeleteAccountForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Ja, mein Konto und meine Daten endgültig löschen."),
        error_messages={"required": _("Bitte bestätigen Sie das Löschen mit dem Häkchen.")},
    )


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Begründung"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=_("Wird der einreichenden Person per E-Mail geschickt."),
    )
