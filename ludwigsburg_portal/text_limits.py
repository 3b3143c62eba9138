"""Upper bounds for free text, each enforced on three levels.

- the form field's ``max_length`` (from the model field) gives the browser's limit
  and the form error a person sees;
- a ``MaxLengthValidator`` on the model field catches every other path through
  ``full_clean()`` (admin, spreadsheet import, services);
- a database ``CheckConstraint`` catches writes that skip both (bulk updates, SQL).

PostgreSQL's ``length()`` counts characters, like Python's ``len()``, so all three
agree on what "10.000 Zeichen" means.
"""

from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils.formats import number_format
from django.utils.functional import lazy
from django.utils.translation import gettext

# Descriptions of actors, networks and events: several pages of text, never a book.
DESCRIPTION_MAX_LENGTH = 10_000
# Short texts: notes on memberships and expert exchanges, the reason for a
# rejection (the reject form's limit), a claim's message, a video's description.
NOTE_MAX_LENGTH = 2_000
# Messages people send through public forms.
MESSAGE_MAX_LENGTH = 5_000
# The portal's own texts written by staff (imprint, privacy statement, …).
PAGE_BODY_MAX_LENGTH = 100_000


def limited_text_field(verbose_name, *, max_length: int, **kwargs) -> models.TextField:
    """A TextField whose ``max_length`` reaches the form and is enforced by the model."""
    return models.TextField(
        verbose_name, max_length=max_length, validators=[MaxLengthValidator(max_length)], **kwargs
    )


def _length_message(label, max_length: int) -> str:
    return gettext("„%(field)s“ darf höchstens %(limit)s Zeichen lang sein.") % {
        "field": label,
        "limit": number_format(max_length, force_grouping=True),
    }


length_message = lazy(_length_message, str)


def text_length_constraint(
    field: str, *, max_length: int, label, name: str
) -> models.CheckConstraint:
    """The database's side of a text limit: ``length(field) <= max_length``."""
    return models.CheckConstraint(
        condition=LessThanOrEqual(Length(field), max_length),
        name=name,
        violation_error_message=length_message(label, max_length),
    )
