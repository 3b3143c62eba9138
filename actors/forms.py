"""Forms of the actors admin and the topic input shared with the self-service forms."""

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from taggit.forms import TagWidget
from taggit.models import Tag

from .models import Actor
from .topics import normalise_topic, published_topic_names, resolve_topics, topic_key


def all_topic_names() -> list[str]:
    return sorted(Tag.objects.values_list("name", flat=True), key=str.casefold)


def published_actor_topic_names() -> list[str]:
    return published_topic_names(Actor)


class TopicsWidget(TagWidget):
    """The comma-separated topic field with the existing topics as a ``<datalist>``.

    Browsers offer the list while typing, without JavaScript, for the first topic;
    ``js/topics.js`` (optional) makes it offer them after each comma too. The input
    stays a plain text input: its label, help text and error stay tied to it by the
    form (``aria-describedby``)."""

    def __init__(self, attrs=None, *, suggestions=published_actor_topic_names):
        super().__init__(attrs)
        self.suggestions = suggestions

    class Media:
        js = ["js/topics.js"]

    def render(self, name, value, attrs=None, renderer=None):
        attrs = dict(attrs or {})
        list_id = f"{attrs.get('id') or 'id_' + name}_vorschlaege"
        attrs["list"] = list_id
        attrs["data-topic-suggestions"] = ""
        html = super().render(name, value, attrs, renderer)
        options = format_html_join(
            "", '<option value="{}"></option>', ((topic,) for topic in self.suggestions())
        )
        return html + format_html('<datalist id="{}">{}</datalist>', list_id, options)


class ActorAdminForm(forms.ModelForm):
    """The actor admin's form: topics typed like an existing one reuse its spelling."""

    class Meta:
        model = Actor
        fields = ["tags"]  # the admin adds the fields of its fieldsets
        widgets = {"tags": TopicsWidget(suggestions=all_topic_names)}

    def clean_tags(self):
        return resolve_topics(self.cleaned_data.get("tags") or [])


class TopicAdminForm(forms.ModelForm):
    """A topic renamed on its own admin page must not become a second spelling of another."""

    class Meta:
        model = Tag
        fields = ["name", "slug"]

    def clean_name(self):
        name = normalise_topic(self.cleaned_data["name"])
        key = topic_key(name)
        for other in Tag.objects.exclude(pk=self.instance.pk).values_list("name", flat=True):
            if topic_key(other) == key:
                raise forms.ValidationError(
                    _(
                        "Dieses Thema gibt es schon als „%(name)s“. Bitte führen Sie die "
                        "Themen in der Liste mit der Aktion „Ausgewählte Themen "
                        "zusammenführen“ zusammen."
                    ),
                    params={"name": other},
                    code="duplicate_topic",
                )
        return name
