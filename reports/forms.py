from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .period import FIRST_YEAR, LAST_YEAR, Period

DATE_INPUT = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


class PeriodForm(forms.Form):
    """The report period from ``?von=JJJJ-MM-TT&bis=JJJJ-MM-TT`` (and ``sprache``)."""

    von = forms.DateField(
        label=_("von"),
        input_formats=["%Y-%m-%d"],
        widget=DATE_INPUT,
        error_messages={
            "required": _("Bitte geben Sie den ersten Tag des Zeitraums an."),
            "invalid": _("Bitte geben Sie das Datum als JJJJ-MM-TT an, z. B. 2018-01-01."),
        },
    )
    bis = forms.DateField(
        label=_("bis"),
        input_formats=["%Y-%m-%d"],
        widget=DATE_INPUT,
        error_messages={
            "required": _("Bitte geben Sie den letzten Tag des Zeitraums an."),
            "invalid": _("Bitte geben Sie das Datum als JJJJ-MM-TT an, z. B. 2018-12-31."),
        },
    )
    sprache = forms.ChoiceField(
        label=_("Sprache des Berichts"),
        choices=settings.LANGUAGES,
        required=False,
        error_messages={"invalid_choice": _("Bitte wählen Sie Deutsch oder Englisch.")},
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("von"), data.get("bis")
        for name, value in (("von", start), ("bis", end)):
            if value and not FIRST_YEAR <= value.year <= LAST_YEAR:
                self.add_error(
                    name,
                    _("Bitte wählen Sie ein Datum zwischen %(first)s und %(last)s.")
                    % {"first": FIRST_YEAR, "last": LAST_YEAR},
                )
        if start and end and end < start:
            raise ValidationError(
                _("Der Zeitraum endet vor seinem Beginn. Bitte tauschen Sie „von“ und „bis“.")
            )
        return data

    @property
    def period(self) -> Period:
        return Period(self.cleaned_data["von"], self.cleaned_data["bis"])


class SaveReportForm(PeriodForm):
    """Saving the report shown: its period (hidden) and the texts staff write."""

    title = forms.CharField(label=_("Titel"), max_length=250)
    introduction = forms.CharField(
        label=_("Einleitung"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Erscheint am Anfang des Berichts. Absätze durch eine Leerzeile trennen."),
    )
    outlook = forms.CharField(
        label=_("Ausblick"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Erscheint am Ende des Berichts. Absätze durch eine Leerzeile trennen."),
    )
    is_public = forms.BooleanField(
        label=_("auf der Website veröffentlichen"),
        required=False,
        help_text=_("Der Bericht erscheint unter /berichte/<Jahr>/ und ändert sich nicht mehr."),
    )
    public_year = forms.IntegerField(
        label=_("Jahr der öffentlichen Adresse"),
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        required=False,
        help_text=_("Leer lassen: das Jahr, in dem der Zeitraum endet."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("von", "bis", "sprache"):
            self.fields[name].widget = forms.HiddenInput()
