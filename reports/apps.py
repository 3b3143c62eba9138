from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reports"
    verbose_name = _("Berichte und Programmziele")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from .models import Report

        # A published report is a public page: publishing, editing or deleting one makes
        # cached pages stale like any other public record (see ludwigsburg_portal.cache).
        post_save.connect(_bump_page_cache, sender=Report, dispatch_uid="reports:page-cache:save")
        post_delete.connect(
            _bump_page_cache, sender=Report, dispatch_uid="reports:page-cache:delete"
        )


def _bump_page_cache(**kwargs):
    from django.db import transaction

    from ludwigsburg_portal.cache import bump_page_version

    transaction.on_commit(bump_page_version)
