from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "pages"
    verbose_name = _("Seiten")

    def ready(self):
        from ludwigsburg_portal.cache import invalidate_pages_on

        from .models import Page

        invalidate_pages_on(Page)

        from .worklist import register_work

        register_work()  # unanswered feedback on the admin start page
