from django.db import migrations

from ludwigsburg_portal.models import SEAL_PURPOSE
from ludwigsburg_portal.permissions import revoke_staff_permissions
from ludwigsburg_portal.sealing import seal

# Tasks that carried a whole rendered mail (subject, body with reset links and login
# codes, recipients) in their arguments, and the task that carries only a mail's id.
LEGACY_TASK = "selfservice.tasks.deliver_mail"
TASK = "ludwigsburg_portal.tasks.deliver_mail"
FINISHED = ("SUCCESSFUL", "FAILED")


def revoke(apps, schema_editor):
    # Task rows are the queue's machinery, for administrators; staff follow mail in
    # "Versendete E-Mails".
    revoke_staff_permissions(
        apps, schema_editor, models={"django_tasks_database.dbtaskresult": ("view",)}
    )


def seal_queued_mail(apps, schema_editor):
    """Move every mail still waiting in a task row into a sealed mail row and leave the
    task only its id; delete finished rows, whose arguments hold the old texts."""
    DBTaskResult = apps.get_model("django_tasks_database", "DBTaskResult")
    OutgoingMail = apps.get_model("ludwigsburg_portal", "OutgoingMail")
    legacy = DBTaskResult.objects.filter(task_path=LEGACY_TASK)
    for row in legacy.exclude(status__in=FINISHED):
        kwargs = row.args_kwargs.get("kwargs", {})
        recipients = [address for address in kwargs.get("to") or [] if address]
        if not recipients:
            row.delete()
            continue
        attempt = int(kwargs.get("attempt") or 0)
        html = kwargs.get("html") or ""
        mail = OutgoingMail.objects.create(
            recipients=recipients,
            subject=" ".join((kwargs.get("subject") or "").split()),
            body_sealed=seal(kwargs.get("body") or "", purpose=SEAL_PURPOSE),
            html_sealed=seal(html, purpose=SEAL_PURPOSE) if html else "",
            state="retrying" if attempt else "queued",
            attempts=attempt,
            created=row.enqueued_at,
        )
        row.task_path = TASK
        row.args_kwargs = {"args": [], "kwargs": {"mail_id": mail.pk}}
        # A row a stopped worker had claimed runs again: twice is better than never.
        row.status = "READY"
        row.worker_ids = []
        row.started_at = None
        row.save()
    legacy.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("selfservice", "0003_staff_view_accounts_and_mail_queue"),
        ("ludwigsburg_portal", "0002_staff_view_outgoing_mail"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = [
        migrations.RunPython(revoke, migrations.RunPython.noop),
        migrations.RunPython(seal_queued_mail, migrations.RunPython.noop),
    ]
