from django import forms
from django.utils.translation import gettext_lazy as _

from ludwigsburg_portal.filtering import SearchField, SearchInput

from .portal import KINDS


class SearchForm(forms.Form):
    """``/suche/?q=…&bereich=…``: the search text, optionally one kind (all its results,
    paginated), and ``exakt=1`` for the text exactly as typed (no typo correction)."""

    q = SearchField(
        label=_("Suchbegriff"),
        required=False,
        widget=SearchInput(attrs={"id": "search-q"}),
    )
    bereich = forms.ChoiceField(
        label=_("Bereich"),
        required=False,
        choices=[("", _("Alle Bereiche")), *KINDS.items()],
    )
    exakt = forms.BooleanField(required=False, widget=forms.HiddenInput)
