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
