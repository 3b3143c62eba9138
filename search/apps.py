from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "search"
    verbose_name = _("Suche")

    def ready(self):
        # The lexicon of known words follows every search document written.
        from ludwigsburg_portal.textsearch import documents_written

        from .lexicon import record_words

        documents_written.connect(record_words, dispatch_uid="search-lexicon")

        from .slots import fill_slots

        fill_slots()
