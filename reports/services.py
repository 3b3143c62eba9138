"""Saving a report: the numbers are computed once and frozen with the texts."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction

from .compute import compute_report
from .models import Report
from .period import Period


def report_save(
    *,
    period: Period,
    language: str,
    title: str,
    introduction: str = "",
    outlook: str = "",
    is_public: bool = False,
    public_year: int | None = None,
    by,
) -> Report:
    """Compute the report for ``period`` with every underlying row and store it.

    The stored snapshot is what the saved report shows from now on, whatever happens
    to the data; only the texts and the publication can still be edited.
    """
    data = compute_report(period=period, language=language, annex=True)
    annex = data.pop("annex")
    # Store exactly what a later read returns (no tuples, no Decimals, no datetimes).
    snapshot = json.loads(json.dumps(data, cls=DjangoJSONEncoder))
    report = Report(
        title=title,
        period_start=period.start,
        period_end=period.end,
        language=language,
        introduction=introduction,
        outlook=outlook,
        snapshot=snapshot,
        annex=annex,
        is_public=is_public,
        public_year=public_year or period.end.year,
        created_by=by,
    )
    report.full_clean()
    with transaction.atomic():
        report.save()
    return report
