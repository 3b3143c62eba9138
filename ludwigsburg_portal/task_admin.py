"""django-tasks' queue ("Hintergrundaufgaben") in the admin, in German.

For superusers only: the Koordinationsstelle has no permission on it (revoked in
selfservice's migration 0004) and follows mail in "Versendete E-Mails", which names
recipient, subject, state and error of every mail and never its text. The rows here
are the worker's machinery: a task, its arguments (a mail's id, nothing more) and, when
it failed, the traceback.
"""

import json

from django.contrib import admin
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult


class TaskResultAdmin(DBTaskResultAdmin):
    list_display = (
        "id",
        "task_label",
        "status",
        "enqueued_at",
        "started_at",
        "finished_at",
        "priority",
        "queue_name",
    )

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        return [{"task_path": "task_label", "args_kwargs": "arguments"}.get(f, f) for f in fields]

    # Python paths and arguments are code: shown as such, not as text.
    @admin.display(description=_("Aufgabe"))
    def task_label(self, obj):
        return format_html("<code>{}</code>", obj.task_path)

    @admin.display(description=_("Argumente"))
    def arguments(self, obj):
        return format_html("<code>{}</code>", json.dumps(obj.args_kwargs, ensure_ascii=False))

    # The library describes these two with plain English strings.
    @admin.display(description=_("Fehlerverlauf"))
    def formatted_traceback(self, obj):
        return super().formatted_traceback(obj)

    @admin.display(description=_("frühestens ab"))
    def display_run_after(self, obj):
        return super().display_run_after(obj)


admin.site.unregister(DBTaskResult)
admin.site.register(DBTaskResult, TaskResultAdmin)


def task_result_str(result: DBTaskResult) -> str:
    """A row's name in titles and breadcrumbs (the library has none: "DBTaskResult object")."""
    return _("Hintergrundaufgabe vom %(date)s") % {
        "date": formats.date_format(timezone.localtime(result.enqueued_at), "SHORT_DATETIME_FORMAT")
    }


DBTaskResult.__str__ = task_result_str
