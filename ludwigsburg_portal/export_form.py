"""The export page's field picker in the staff's words.

django-import-export labels each checkbox with the resource field's name in title case
("Founded Year", "Sdgs"); this form labels it with the model field's ``verbose_name``
("Gründungsjahr", "Nachhaltigkeitsziele"), the name the change form uses. Fields
without a model field keep the library's label.
"""

from django.core.exceptions import FieldDoesNotExist
from django.utils.text import capfirst
from import_export.forms import SelectableFieldsExportForm


def field_label(model, attribute: str | None) -> str | None:
    """The verbose name of ``attribute`` on ``model`` ("actor__slug": along the relation)."""
    if not attribute:
        return None
    names = attribute.split("__")
    labels = []
    for name in names:
        try:
            field = model._meta.get_field(name)
        except (FieldDoesNotExist, AttributeError):
            return None
        labels.append(str(getattr(field, "verbose_name", name)))
        model = field.related_model
    return capfirst(labels[0]) if len(labels) == 1 else " – ".join(map(capfirst, labels))


class VerboseNameExportForm(SelectableFieldsExportForm):
    def _get_field_label(self, resource, field_name: str) -> str:
        field = resource.fields.get(field_name)
        model = getattr(resource._meta, "model", None)
        label = field_label(model, getattr(field, "attribute", None) or field_name)
        return label or super()._get_field_label(resource, field_name)
