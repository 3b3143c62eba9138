from django.db import models
from django.utils.translation import gettext_lazy as _

from ludwigsburg_portal.textsearch import MAX_WORD_LENGTH


class Term(models.Model):
    """A word that search documents contain, as people type it (lower case, unstemmed).

    The lexicon for typo suggestions ("Meinten Sie …?"). Written with the documents
    (``search.lexicon.record_words``); a word whose records were deleted or unpublished
    stays until ``manage.py rebuild_search_index``, which is harmless: a suggestion is
    only offered when it finds published records.
    """

    word = models.CharField(_("Wort"), max_length=MAX_WORD_LENGTH, primary_key=True)
    documents = models.PositiveIntegerField(
        _("Einträge"), default=1, help_text=_("In wie vielen Einträgen das Wort vorkommt.")
    )

    class Meta:
        verbose_name = _("Suchwort")
        verbose_name_plural = _("Suchwörter")
        ordering = ["word"]

    def __str__(self):
        return self.word
