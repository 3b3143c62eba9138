"""German names for the third-party apps whose models appear in the admin.

INSTALLED_APPS names these configurations instead of the apps' own; labels, tables
and migrations stay the same. (A module of their own: ``apps.py`` may hold only the
portal's configuration, or Django could not tell which one is the default.)
"""

from django.utils.translation import gettext_lazy as _
from django_tasks_db.apps import TasksAppConfig
from taggit.apps import TaggitAppConfig


class TopicsConfig(TaggitAppConfig):
    """django-taggit: its tags are the portal's topics ("Themen")."""

    verbose_name = _("Themen")

    def ready(self):
        super().ready()
        from taggit.admin import TagAdmin

        # taggit names its merge action with a plain English string, out of reach of
        # the translation catalogs.
        TagAdmin.render_tag_form.short_description = _("Ausgewählte Themen zusammenführen")


class TaskQueueConfig(TasksAppConfig):
    """django-tasks' database backend: the queue the mail worker reads (superusers only;
    staff follow mail in "Versendete E-Mails")."""

    verbose_name = _("Hintergrundaufgaben")
