"""Template helpers for the public forms: the error summary at the top of a failed form.

The summary follows the GOV.UK Design System pattern: after a failed submit it is the
first thing in the form and takes focus (static/js/portal.js); it says how many problems
there are and links each field error to the field's input.
"""

from django import forms, template

register = template.Library()

# Widgets drawn as several inputs; the summary links to the first of them.
MULTIPLE_INPUT_WIDGETS = (forms.CheckboxSelectMultiple, forms.RadioSelect, forms.MultiWidget)


def error_target(field) -> str:
    """The id of the input a field's error links to ("" for hidden fields: no target)."""
    if field.is_hidden:
        return ""
    if isinstance(field.field.widget, MULTIPLE_INPUT_WIDGETS):
        subwidgets = field.subwidgets
        if subwidgets:
            return subwidgets[0].id_for_label or f"{field.auto_id}_0"
    return field.id_for_label or field.auto_id or ""


@register.inclusion_tag("includes/error_summary.html")
def error_summary(form) -> dict:
    """``{% error_summary form %}``: errors that concern the whole form first, then every
    field error in the order of the fields, each with the id of its input."""
    errors = [
        {"label": "", "message": message, "target": ""} for message in form.non_field_errors()
    ]
    for field in form:
        # "…willige ein.: Ohne …" reads badly: the label loses its closing punctuation.
        label = str(field.label or "").rstrip(" .:")
        for message in field.errors:
            errors.append({"label": label, "message": message, "target": error_target(field)})
    return {"errors": errors, "count": len(errors)}
