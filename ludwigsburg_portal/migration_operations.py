"""Migration operations shared by the apps.

A new CheckConstraint on a table that already holds rows breaking the rule must
not change those rows behind anyone's back (they are what someone entered), and a
``NOT VALID`` constraint would leave them in place only to make every later save of
such a row fail. So the migration stops instead and names the rows; a person
corrects them (admin, SQL) and runs ``migrate`` again.
"""

from django.db import migrations

SHOWN_ROWS = 20


class AddConstraintOrNameViolations(migrations.AddConstraint):
    """``AddConstraint`` that, if existing rows violate the constraint, fails with their keys.

    PostgreSQL would refuse the constraint anyway, but only with "violated by some
    row"; this says which rows, and nothing is written.
    """

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        model = to_state.apps.get_model(app_label, self.model_name)
        alias = schema_editor.connection.alias
        if self.allow_migrate_model(alias, model):
            violating = list(
                model._default_manager.using(alias)
                .exclude(self.constraint.condition)
                .order_by("pk")
                .values_list("pk", flat=True)[: SHOWN_ROWS + 1]
            )
            if violating:
                more = " and more" if len(violating) > SHOWN_ROWS else ""
                keys = ", ".join(str(pk) for pk in violating[:SHOWN_ROWS])
                raise RuntimeError(
                    f"Cannot add constraint {self.constraint.name!r}: rows of "
                    f"{model._meta.db_table} with primary key {keys}{more} break it "
                    f"({self.constraint.violation_error_message}). Correct them and "
                    "run migrate again; the migration changes no data by itself."
                )
        super().database_forwards(app_label, schema_editor, from_state, to_state)


def history_baseline(
    app_label: str, model_name: str, *, m2m_fields=(), tag_snapshots=None, only_with_history=False
):
    """A ``RunPython`` function that writes one history row per existing record: its
    values, relations and tag names as they are when its history (or the history of
    those relations) begins, so the first change after it shows the old values.

    The row carries ``ludwigsburg_portal.history.BASELINE_REASON`` and is shown as a
    starting point, not as a change. ``tag_snapshots`` maps a history column to the
    name of the taggit manager (see ``PortalHistoricalRecords``). ``only_with_history``:
    records without any history row yet (bulk-loaded demo data) get none either; the
    reports read their creation from the record, not from a row dated today."""

    def forwards(apps, schema_editor):
        from django.utils import timezone

        from .history import BASELINE_REASON

        model = apps.get_model(app_label, model_name)
        history = apps.get_model(app_label, f"Historical{model_name}")
        skip = {"history_id", "history_date", "history_change_reason", "history_type"}
        skip |= {"history_user_id", *(tag_snapshots or {})}
        columns = [f.attname for f in history._meta.concrete_fields if f.attname not in skip]
        now = timezone.now()
        tags = {}
        if tag_snapshots:
            content_type = apps.get_model("contenttypes", "ContentType").objects.filter(
                app_label=app_label, model=model_name.lower()
            )
            items = apps.get_model("taggit", "TaggedItem").objects.filter(
                content_type__in=content_type
            )
            for object_id, name in items.values_list("object_id", "tag__name"):
                tags.setdefault(object_id, []).append(name)
        records = model._default_manager.order_by("pk")
        if only_with_history:
            records = records.filter(pk__in=history.objects.values("id"))
        for record in records.iterator():
            row = history.objects.create(
                **{column: getattr(record, column) for column in columns},
                history_date=now,
                history_type="~",
                history_change_reason=BASELINE_REASON,
                **{
                    column: ", ".join(sorted(tags.get(record.pk, []), key=str.casefold))
                    for column in (tag_snapshots or {})
                },
            )
            for field_name in m2m_fields:
                through = model._meta.get_field(field_name).remote_field.through
                snapshot = apps.get_model(app_label, f"Historical{model_name}_{field_name}")
                own = [f.attname for f in through._meta.concrete_fields]
                source = model._meta.get_field(field_name).m2m_field_name()
                snapshot.objects.bulk_create(
                    snapshot(history=row, **dict(zip(own, values, strict=True)))
                    for values in through.objects.filter(**{source: record.pk}).values_list(*own)
                )

    return forwards
