"""Shared behaviour of the public forms."""

from django import forms
from django.utils.translation import gettext_lazy as _


def name_empty_choices(form: forms.BaseForm) -> None:
    """Give the empty choice of every single-choice ``<select>`` words instead of Django's
    "---------", which screen readers read out as "dash dash dash …": "Bitte wählen" when
    a choice is required, "Keine Angabe" when it may stay empty."""
    for field in form.fields.values():
        widget = field.widget
        if not isinstance(widget, forms.Select) or isinstance(widget, forms.SelectMultiple):
            continue
        label = _("Bitte wählen") if field.required else _("Keine Angabe")
        if isinstance(field, forms.ModelChoiceField):
            if field.empty_label is not None:
                field.empty_label = label
            continue
        choices = list(getattr(field, "choices", []))
        if choices and choices[0][0] in ("", None):
            field.choices = [("", label), *choices[1:]]
