"""The moderation queues on the admin start page (see ludwigsburg_portal.worklist)."""

from django.utils.translation import gettext_lazy as _

from ludwigsburg_portal import worklist

from .models import Claim, EventSubmission, ModerationState, Revision, Submission

QUEUES = [
    (Submission, 10, _("Neueinträge zur Prüfung"), _("Keine offenen Neueinträge")),
    (Revision, 20, _("Profiländerungen zur Prüfung"), _("Keine offenen Profiländerungen")),
    (Claim, 30, _("Profilübernahmen zur Prüfung"), _("Keine offenen Profilübernahmen")),
    (
        EventSubmission,
        40,
        _("Veranstaltungsvorschläge zur Prüfung"),
        _("Keine offenen Veranstaltungsvorschläge"),
    ),
]


def register_work() -> None:
    for model, order, label, empty_label in QUEUES:
        opts = model._meta
        worklist.register(
            key=f"{opts.app_label}.{opts.model_name}",
            order=order,
            label=label,
            empty_label=empty_label,
            queryset=model.objects.pending,
            url_name=f"admin:{opts.app_label}_{opts.model_name}_changelist",
            query={"state__exact": ModerationState.PENDING.value},
            permission=f"{opts.app_label}.view_{opts.model_name}",
        )
