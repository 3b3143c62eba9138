"""The mechanism behind every list filter: one django-filter FilterSet per model.

Each domain app declares the FilterSet of its model (``actors/filters.py``,
``networks/filters.py``, ``events/filters.py``) with the German URL parameter names
of the public pages (``?thema=fairer-handel``). The HTML pages and the embeds use it
as it is; the API and the downloads use the same filters under their English
parameter names (:func:`with_parameter_names`), so a filter, its validation, its
handling of unknown values and the order of the results are defined once.

A value that is not understood (an unknown topic, ``sdg=99``, a malformed date) is
never an error: it is left out and named. The pages name it in a notice
(:meth:`FilterForm.filter_errors`), the API and the downloads in a response header;
the other filters still apply, so every surface counts the same records.
"""

import copy
import re

import django_filters
from django import forms
from django.http import QueryDict
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import versioned

# A search box needs no more; longer input is cut, not rejected (a 10 kB paste still works).
MAX_QUERY_LENGTH = 200
SLUG_RE = re.compile(r"[-a-zA-Z0-9_]{1,200}")
# The offending value is not repeated: it may be long or odd; the field label names it.
UNKNOWN_VALUE = _("Diesen Wert gibt es nicht (mehr).")


class SearchInput(forms.TextInput):
    """``<input type="search">`` written in Python: the same markup as Django's widget
    templates (input.html with attrs.html), without three template renders per page."""

    input_type = "search"

    def __init__(self, attrs=None):
        super().__init__({"maxlength": MAX_QUERY_LENGTH, **(attrs or {})})

    def _render(self, template_name, context, renderer=None):
        widget = context["widget"]
        attrs = mark_safe(
            "".join(
                format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value)
                for name, value in widget["attrs"].items()
                if value is not False
            )
        )
        value = "" if widget["value"] is None else format_html(' value="{}"', widget["value"])
        return format_html(
            '<input type="{}" name="{}"{}{}>', widget["type"], widget["name"], value, attrs
        )


class SearchField(forms.CharField):
    """Free search text: cut to MAX_QUERY_LENGTH, runs of whitespace made one space."""

    def to_python(self, value):
        return " ".join(super().to_python(value)[:MAX_QUERY_LENGTH].split())


class SlugChoiceField(forms.ChoiceField):
    """A select of ``(slug, name)`` options, so URLs stay readable (``?thema=fairer-handel``).

    ``options`` is a function returning the pairs (one plain query). Its result depends
    only on the data and the language, so it is kept in memory until the next write
    (``versioned``; :attr:`options_key` names it). It is asked only when the options
    are needed: to render the select or to check a given value, which is checked in
    memory, so odd input never reaches the database. A form that is only validated
    without the parameter costs no query.
    """

    def __init__(self, *, options, empty_label, **kwargs):
        self.options = options
        self.options_key = ("filter-options", options.__module__, options.__qualname__)
        self.empty_label = empty_label
        kwargs.setdefault("required", False)
        kwargs["error_messages"] = {
            "invalid_choice": UNKNOWN_VALUE,
            **kwargs.get("error_messages", {}),
        }
        super().__init__(**kwargs)
        self.reset_options()

    def reset_options(self):
        """Fresh, not yet loaded options (each form calls this for its own copy)."""
        loaded = []

        def choices():
            if not loaded:
                key = versioned.language_key(*self.options_key)
                options = versioned.remember(key, self.options)
                loaded.append([("", self.empty_label), *options])
            return loaded[0]

        self.choices = choices


class SlugModelChoiceField(forms.ModelChoiceField):
    """A model looked up by slug; for lists too long to offer (e.g. every actor)."""

    def __init__(self, queryset, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(queryset, to_field_name="slug", **kwargs)
        self.error_messages = {**self.error_messages, "invalid_choice": UNKNOWN_VALUE}

    def to_python(self, value):
        # Anything that cannot be a slug (NUL bytes, 10 kB strings, quotes) is refused
        # before it reaches the database.
        if value not in self.empty_values and not SLUG_RE.fullmatch(str(value)):
            raise forms.ValidationError(self.error_messages["invalid_choice"], "invalid_choice")
        return super().to_python(value)


class SearchFilter(django_filters.CharFilter):
    field_class = SearchField


class SlugFilter(django_filters.CharFilter):
    """A slug chosen from ``options`` (see :class:`SlugChoiceField`)."""

    field_class = SlugChoiceField


class SlugModelFilter(django_filters.CharFilter):
    """A record given by its slug, looked up in ``queryset`` (see :class:`SlugModelChoiceField`)."""

    field_class = SlugModelChoiceField


class FilterForm(forms.Form):
    """The form of every PortalFilterSet. The search text (``q``) is not a filter."""

    SEARCH_FIELD = "q"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, SlugChoiceField):
                field.reset_options()

    def filter_key(self) -> tuple:
        """The understood filters as a key (``versioned``): what a list depends on
        besides the data and the search text."""
        return tuple(sorted((name, str(value)) for name, value in self.active_filters().items()))

    def state(self) -> tuple:
        """What the rendered form shows besides the data and the language: the given
        value of each field (for ``{% remember %}``)."""
        return tuple(
            (name, tuple(self.data.getlist(self.add_prefix(name))))
            if hasattr(self.data, "getlist")
            else (name, self.data.get(self.add_prefix(name)))
            for name in self.fields
        )

    @property
    def search_text(self) -> str:
        return getattr(self, "cleaned_data", {}).get(self.SEARCH_FIELD) or ""

    def filter_errors(self) -> list[str]:
        """One readable sentence per value that was not understood (and so not applied)."""
        messages = []
        for name, errors in self.errors.items():
            label = self.fields[name].label if name in self.fields else name
            for error in errors:
                messages.append(
                    gettext("Filter „%(label)s“: %(error)s Er wurde nicht angewendet.")
                    % {"label": label, "error": error}
                )
        return messages

    def active_filters(self) -> dict:
        """The valid, non-empty filter values by parameter name (the search text is not one)."""
        data = getattr(self, "cleaned_data", {})
        return {
            name: data[name]
            for name in self.fields
            if name != self.SEARCH_FIELD and data.get(name) not in (None, "")
        }

    def active_parameters(self) -> dict[str, str]:
        """The understood parameters as they were given (search included), for links."""
        names = [*self.active_filters()]
        if self.search_text:
            names.insert(0, self.SEARCH_FIELD)
        return {name: self[name].value() for name in names}


_form_classes: dict[tuple, type] = {}


class PortalFilterSet(django_filters.FilterSet):
    """Filters, then orders (:meth:`order`). Always bound: no parameters, no filters."""

    class Meta:
        form = FilterForm

    def __init__(self, data=None, queryset=None, **kwargs):
        super().__init__(QueryDict() if data is None else data, queryset, **kwargs)

    def get_form_class(self):
        """The form class of this FilterSet class and these filters, built once per
        process: its fields know no data (the options load per form, see
        :class:`SlugChoiceField`), and every form copies them."""
        key = (type(self), tuple(self.filters))
        form_class = _form_classes.get(key)
        if form_class is None:
            form_class = _form_classes[key] = super().get_form_class()
        return form_class

    def filter_queryset(self, queryset):
        return self.order(super().filter_queryset(queryset))

    def count(self) -> int:
        """How many records the filters let through (a FilterSet may know it cheaper)."""
        return self.qs.count()

    def unnarrowed(self) -> bool:
        """Every published record: the list is ``published()`` and no parameter narrows
        it (then a count the database keeps can stand in for ``COUNT(*)``)."""
        published = self._meta.model._default_manager.published()
        self.form.is_valid()  # what was understood
        return self.queryset.query.where == published.query.where and not (
            self.form.active_parameters()
        )

    def order(self, queryset):
        """The order of the results; one method per model, whatever the surface."""
        return queryset

    def value(self, field_name: str):
        """The cleaned value of the filter declared as ``field_name`` (whatever its
        parameter is called in this FilterSet), or None when absent or not understood."""
        data = getattr(self.form, "cleaned_data", {})
        for name, filter_ in self.filters.items():
            if filter_.field_name == field_name:
                return data.get(name)
        return None

    @property
    def ignored(self) -> list[str]:
        """The parameters whose values were not understood (and so not applied)."""
        return list(self.errors)


def with_parameter_names(filterset_class, names: dict[str, tuple[str, str]], *, name: str):
    """A subclass of ``filterset_class`` reading the same filters under other parameter names.

    ``names`` maps every parameter of ``filterset_class`` to ``(new name, description)``;
    the description documents the parameter (OpenAPI) in place of the page's label.
    The filters keep their methods and validation; only the names change.
    """
    missing = set(filterset_class.base_filters) - set(names)
    if missing:
        raise ValueError(f"{name}: no parameter name for {sorted(missing)}")
    attrs = dict.fromkeys(names)  # hide the old names
    for old, (new, description) in names.items():
        renamed = copy.deepcopy(filterset_class.base_filters[old])
        renamed.__dict__.pop("_field", None)  # rebuilt with the new description
        renamed.extra["help_text"] = description
        attrs[new] = renamed
    renamed_class = type(filterset_class)(name, (filterset_class,), attrs)
    # Keep the declared order (the metaclass puts a parameter that keeps its name first).
    renamed_class.declared_filters = dict(
        sorted(renamed_class.declared_filters.items(), key=lambda item: item[1].creation_counter)
    )
    renamed_class.base_filters = renamed_class.get_filters()
    return renamed_class
