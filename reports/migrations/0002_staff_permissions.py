from django.db import migrations

from ludwigsburg_portal.permissions import ALL_ACTIONS, grant_staff_permissions


def grant(apps, schema_editor):
    # view_report is the permission to see reports at all (the report page and saved
    # reports); add_report to save one; change_report to edit texts and publish.
    grant_staff_permissions(
        apps,
        schema_editor,
        models={
            "reports.report": ALL_ACTIONS,
            "reports.fundingperiod": ALL_ACTIONS,
            "reports.goal": ALL_ACTIONS,
            "reports.subgoal": ALL_ACTIONS,
            "reports.indicator": ALL_ACTIONS,
            "reports.indicatorvalue": ALL_ACTIONS,
            "reports.measure": ALL_ACTIONS,
        },
    )


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_initial"),
        ("actors", "0003_staff_group"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
