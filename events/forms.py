"""GET form for the event list, calendar and archive (``?ebene=&thema=&akteur=&rolle=``)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from actors.forms import (
    UNKNOWN_VALUE,
    FilterFormMixin,
    SlugChoiceField,
    SlugModelChoiceField,
    topic_options,
)
from actors.models import Actor
from ludwigsburg_portal.publication import Level

from .models import ParticipationRole


class EventFilterForm(FilterFormMixin, forms.Form):
    ebene = forms.ChoiceField(
        label=_("Ebene"),
        required=False,
        choices=[("", _("Alle Ebenen")), *Level.choices],
        error_messages={"invalid_choice": UNKNOWN_VALUE},
    )
    thema = SlugChoiceField(label=_("Thema"), empty_label=_("Alle Themen"))
    rolle = forms.ChoiceField(
        label=_("Rolle der Beteiligten"),
        required=False,
        choices=[("", _("Alle Rollen")), *ParticipationRole.choices],
        error_messages={"invalid_choice": UNKNOWN_VALUE},
    )
    # Set by links from an actor's page; rendered as a removable hint, not as a select
    # (a list of every actor would be far too long).
    akteur = SlugModelChoiceField(
        Actor.objects.none(), label=_("Akteur"), widget=forms.HiddenInput, empty_label=None
    )

    FILTER_FIELDS = ("ebene", "thema", "rolle", "akteur")

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["thema"].set_options(topic_options())
        self.fields["akteur"].queryset = Actor.objects.published().only("pk", "name", "slug")

    @property
    def visible_fields_for_filters(self):
        return [self[name] for name in ("ebene", "thema", "rolle")]

    def apply(self, queryset):
        filters = self.active_filters()
        if level := filters.get("ebene"):
            queryset = queryset.at_level(level)
        if topic := filters.get("thema"):
            queryset = queryset.on_topic(topic)
        actor, role = filters.get("akteur"), filters.get("rolle", "")
        if actor or role:
            queryset = queryset.with_participant(actor=actor, role=role)
        return queryset
