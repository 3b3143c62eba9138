"""Unanswered accessibility feedback on the admin start page (see ludwigsburg_portal.worklist)."""

from django.utils.translation import gettext_lazy as _

from ludwigsburg_portal import worklist

from .models import AccessibilityFeedback


def register_work() -> None:
    # "Erledigt" is the answer: staff mark a message once they replied or fixed the barrier.
    worklist.register(
        key="pages.accessibilityfeedback",
        order=60,
        label=_("Unbeantwortete Rückmeldungen zur Barrierefreiheit"),
        empty_label=_("Keine offenen Rückmeldungen zur Barrierefreiheit"),
        queryset=lambda: AccessibilityFeedback.objects.filter(handled=False),
        url_name="admin:pages_accessibilityfeedback_changelist",
        query={"handled__exact": "0"},
        permission="pages.view_accessibilityfeedback",
    )
