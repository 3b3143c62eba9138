"""The "Koordinationsstelle" staff group and its model permissions.

Data migrations of every app call :func:`grant_staff_permissions` for the
models staff work with, so a fresh database gets the group with exactly these
permissions and nothing else (no user, group or permission editing).
"""

from django.contrib.auth.management import create_permissions

STAFF_GROUP = "Koordinationsstelle"
ALL_ACTIONS = ("add", "change", "delete", "view")


def _staff_permissions(apps, models: dict[str, tuple[str, ...]]):
    # Permissions are normally created after all migrations ran; create them now
    # so this works on a fresh database too.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=STAFF_GROUP)
    permissions = []
    for label, actions in models.items():
        app_label, model = label.split(".")
        codenames = [f"{action}_{model}" for action in actions]
        permissions += Permission.objects.filter(
            content_type__app_label=app_label, codename__in=codenames
        )
    return group, permissions


def grant_staff_permissions(apps, schema_editor, *, models: dict[str, tuple[str, ...]]):
    """Give the staff group permissions on ``{"app_label.model": actions}``."""
    group, permissions = _staff_permissions(apps, models)
    group.permissions.add(*permissions)


def revoke_staff_permissions(apps, schema_editor, *, models: dict[str, tuple[str, ...]]):
    """Take permissions on ``{"app_label.model": actions}`` from the staff group
    (superusers keep every permission)."""
    group, permissions = _staff_permissions(apps, models)
    group.permissions.remove(*permissions)
