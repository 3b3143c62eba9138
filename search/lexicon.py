"""Typo tolerance: the lexicon of known words and "Meinten Sie …?".

A query word that no search document contains (not even as the beginning of a word)
is compared with the lexicon (:class:`~search.models.Term`) by optimal string alignment
distance (Levenshtein plus swapped neighbours: "Wletladen" → "weltladen" is one typo),
computed by RapidFuzz in this process, so it works on every PostgreSQL (the embedded
one has no ``pg_trgm``). Like Meilisearch, short words get no typo, words of four
letters or more one, of eight or more two. Corrections are tried best first, and only
one that finds published records is offered.
"""

import bisect
import itertools
from dataclasses import dataclass

from django.db import connection
from rapidfuzz import process
from rapidfuzz.distance import OSA

from ludwigsburg_portal import versioned
from ludwigsburg_portal.textsearch import (
    MAX_QUERY_WORDS,
    MAX_WORD_LENGTH,
    WORD_RE,
    index_words,
    search_words,
    synonym_words,
)

from .models import Term

CANDIDATES_PER_WORD = 3
# A known word is only corrected to a word this many times as common.
COMMONER = 2
# Combinations of corrections whose hits are counted, at most (each costs a count).
MAX_TRIES = 4


def allowed_typos(word: str) -> int:
    if len(word) < 4:
        return 0
    return 1 if len(word) < 8 else 2


def record_words(sender, words, rebuild=False, **kwargs) -> None:
    """Receiver of ``documents_written``: adds the words to the lexicon.

    The counts add up: a word's count is how often it was written, which ranks the
    candidates of a correction (a record saved again counts again; ``manage.py
    rebuild_search_index`` starts the counts afresh from one write per record).
    """
    rows = [(word, count) for word, count in words.items() if len(word) <= MAX_WORD_LENGTH]
    if not rows:
        return
    table = connection.ops.quote_name(Term._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} AS t (word, documents) "  # table name from model metadata
            "SELECT * FROM unnest(%s::text[], %s::integer[]) "
            "ON CONFLICT (word) DO UPDATE SET documents = t.documents + EXCLUDED.documents",
            [[word for word, _ in rows], [count for _, count in rows]],
        )
    forget()


class Lexicon:
    def __init__(self, frequencies: dict[str, int]):
        for word in synonym_words():
            frequencies.setdefault(word, 1)
        self.frequencies = frequencies
        self.words = sorted(frequencies)

    def is_known(self, word: str) -> bool:
        """Whether a document contains ``word`` or a word beginning with it."""
        index = bisect.bisect_left(self.words, word)
        return index < len(self.words) and self.words[index].startswith(word)

    def corrections(self, word: str) -> list[tuple[str, int]]:
        """(word, typos) of the known words within the allowed typos, best first:
        fewest typos, then the most common."""
        limit = allowed_typos(word)
        if not limit:
            return []
        matches = process.extract(
            word, self.words, scorer=OSA.distance, score_cutoff=limit, limit=50
        )
        ranked = sorted(
            ((candidate, int(distance)) for candidate, distance, _ in matches),
            key=lambda item: (item[1], -self.frequencies[item[0]], item[0]),
        )
        return ranked[:CANDIDATES_PER_WORD]


def lexicon() -> Lexicon:
    """The lexicon, read once per data version (``versioned``: every write a visitor
    could see advances it, in every process), so a new word is known at once."""
    return versioned.remember("search-lexicon", _read_lexicon)


def _read_lexicon() -> Lexicon:
    from .portal import small_candidates

    frequencies = dict(Term.objects.values_list("word", "documents"))
    # The office's roles, exchanges and the pages have no stored document of their own.
    for _kind, _hit, texts in small_candidates():
        for word in index_words("\n".join(texts)):
            frequencies.setdefault(word, 1)
    return Lexicon(frequencies)


def forget() -> None:
    """Words were written in this process: read the lexicon afresh."""
    versioned.forget()


@dataclass
class Suggestion:
    text: str  # the corrected query, in the user's spelling where nothing changed
    hits: int
    clear: bool  # one obvious correction: its results may be shown directly


def suggest(text: str, *, count, better_than: int = 0) -> Suggestion | None:
    """A corrected ``text`` whose results ``count(text) -> int`` finds more of than
    ``better_than``, or None. Words no document contains are corrected; when ``text``
    finds a little (``better_than`` > 0), so are known words with a far more common
    neighbour ("Kaffeerunder" → "Kaffeerunde")."""
    words = search_words(text)[:MAX_QUERY_WORDS]
    known = lexicon()
    options: list[list[tuple[str, int]]] = []
    for word in words:
        if not known.is_known(word):
            candidates = known.corrections(word)
        elif better_than and word in known.frequencies:
            # The word finds a little: a much more common neighbour may be what was meant.
            own = known.frequencies[word]
            candidates = [
                (candidate, typos)
                for candidate, typos in known.corrections(word)
                if candidate != word and known.frequencies[candidate] >= COMMONER * own
            ]
        else:
            candidates = []
        options.append(candidates or [(word, 0)])
    if all(option[0][0] == word for option, word in zip(options, words, strict=True)):
        return None
    # Single-candidate words make a correction obvious; ties between candidates do not.
    clear = all(
        len(option) == 1 or option[0][1] < option[1][1]
        for option, word in zip(options, words, strict=True)
        if option[0][0] != word
    )
    combinations = sorted(
        itertools.product(*options), key=lambda combination: sum(t for _, t in combination)
    )
    for tried, combination in enumerate(combinations[:MAX_TRIES]):
        replacements = {
            word: candidate
            for word, (candidate, _) in zip(words, combination, strict=True)
            if candidate != word
        }
        corrected = _respell(text, replacements)
        hits = count(corrected)
        if hits > better_than:
            return Suggestion(text=corrected, hits=hits, clear=clear and tried == 0)
    return None


def _respell(text: str, replacements: dict[str, str]) -> str:
    """``text`` with its words replaced, keeping a capital first letter."""

    def replace(match):
        word = match.group()
        replacement = replacements.get(word.replace("_", "").lower())
        if replacement is None:
            return word
        return replacement.capitalize() if word[:1].isupper() else replacement

    return " ".join(WORD_RE.sub(replace, text).split())
