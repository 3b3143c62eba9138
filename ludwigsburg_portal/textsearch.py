"""The text analysis behind every search: words, German compounds, synonyms, tsqueries.

Every searchable record (actors, events, networks) keeps a ``search_document``: a
tsvector of the ``german`` configuration, stored in its own row, GIN-indexed and
rewritten by its app whenever the record or something it is found by changes
(:func:`write_documents`). The site-wide search and every list's ``q`` filter ask
these columns with one tsquery built here (:func:`build_tsquery`), so "Schulen" means
the same on every page and in the API.

German compounds. PostgreSQL's ``german`` configuration stems words but does not split
compounds ("Schulpartnerschaft" stays one lexeme, so "Partnerschaft" would miss it).
Before a document is written, each long word is split by frequency-based compound
splitting (Koehn & Knight 2003, the method of the Moses decompounder; Elasticsearch's
``dictionary_decompounder`` works from a word list in the same way): of all ways to cut
the word into known German words of at least four letters, optionally joined by a
linking element (Fugen-s, -es, -n, -en, -e, -er), the one with the highest mean word
frequency wins, with a penalty per extra part, and only when it beats the word itself.
The parts are added to the same weight of the document, so "Partnerschaft" finds
"Schulpartnerschaft" and "Laden" finds "Weltladen". The word frequencies are
``wordfreq``'s German list (Apache-2.0 code, CC BY-SA 4.0 data), loaded once per
process on the first document write (about 2 s).

This runs in Python on purpose: a PostgreSQL ispell/hunspell dictionary would need
dictionary files in the server's ``tsearch_data`` directory (root on the database host,
and a copy into the embedded server's share directory), and PostgreSQL loads such a
dictionary anew in every connection. The documents written here are plain tsvectors:
they read the same on the machine's PostgreSQL, the embedded one and production.

Synonyms. ``search_synonyms.txt`` (next to this module) maps English words and phrases
to the German words of the portal's texts; a query word that is listed is searched as
itself OR its German equivalents ("school" also finds "Schule").
"""

import functools
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path

from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.dispatch import Signal

CONFIG = "german"
# Longer queries are cut: nobody types more, and each word costs index work.
MAX_QUERY_WORDS = 8
MAX_WORD_LENGTH = 60
WORD_RE = re.compile(r"\w+", re.UNICODE)

# Sent after search documents were written: ``sender`` is the model, ``words`` a Counter
# of the words found in them (with compound parts; each word counted once per record),
# ``rebuild`` True when every document of the model is being written anew. The site-wide
# search keeps its lexicon of known words (for "Meinten Sie …?") from it.
documents_written = Signal()


def search_words(text: str) -> list[str]:
    """The words of a search string that take part in the query (deduplicated, in order)."""
    words: list[str] = []
    for match in WORD_RE.finditer(text or ""):
        word = match.group().replace("_", "")[:MAX_WORD_LENGTH].lower()
        if word and word not in words:
            words.append(word)
        if len(words) == MAX_QUERY_WORDS:
            break
    return words


# --- German compounds ----------------------------------------------------------------

MIN_PART_LENGTH = 4
MAX_PARTS = 4
# Linking elements between the parts of a compound, longest first.
LINKING_ELEMENTS = ("es", "en", "er", "s", "n", "e")
# Only words at least this common (Zipf scale: 3 = once per million words) are parts.
MIN_PART_ZIPF = 2.5
PART_PENALTY = 0.3  # per part beyond the first: fewer, longer parts win
UNSPLIT_BONUS = 0.3  # a known word stays whole unless a split is clearly better


@functools.cache
def word_frequencies() -> dict[str, float]:
    """German words (lower case, letters only) with their Zipf frequency."""
    from wordfreq import get_frequency_dict

    threshold = 10 ** (MIN_PART_ZIPF - 9)
    return {
        word: math.log10(frequency) + 9
        for word, frequency in get_frequency_dict("de", "large").items()
        if frequency >= threshold and word.isalpha()
    }


@functools.lru_cache(maxsize=100_000)
def compound_parts(word: str) -> tuple[str, ...]:
    """The parts of a German compound (lower case), or () when ``word`` is none.

    ``compound_parts("Bürgerklimabündnis") == ("bürger", "klima", "bündnis")``.
    """
    word = word.lower()
    if len(word) < 2 * MIN_PART_LENGTH or not word.isalpha():
        return ()
    best = _best_split(word, MAX_PARTS, whole_bonus=UNSPLIT_BONUS)
    if best is None or len(best[1]) < 2:
        return ()
    return best[1]


def _best_split(word: str, max_parts: int, *, whole_bonus: float = 0.0):
    """(score, parts) of the best way to read ``word`` as known words, or None."""
    frequencies = word_frequencies()
    candidates = []
    if word in frequencies:
        candidates.append((frequencies[word] + whole_bonus, (word,)))
    if max_parts > 1:
        for cut in range(MIN_PART_LENGTH, len(word) - MIN_PART_LENGTH + 1):
            head, rest = word[:cut], word[cut:]
            rest_split = _cached_split(rest, max_parts - 1)
            if rest_split is None:
                continue
            rest_score, rest_parts = rest_split
            for element in ("", *LINKING_ELEMENTS):
                if element and not head.endswith(element):
                    continue
                stem = head[: len(head) - len(element)]
                if len(stem) < MIN_PART_LENGTH or stem not in frequencies:
                    continue
                parts = (stem, *rest_parts)
                mean = (frequencies[stem] + rest_score * len(rest_parts)) / len(parts)
                # rest_score already carries the penalty of its own extra parts.
                candidates.append((mean - PART_PENALTY, parts))
    return max(candidates) if candidates else None


@functools.lru_cache(maxsize=100_000)
def _cached_split(word: str, max_parts: int):
    return _best_split(word, max_parts)


def compound_text(text: str) -> str:
    """The compound parts of every word in ``text``, space-separated ("" if none)."""
    parts: list[str] = []
    for word in dict.fromkeys(match.group().lower() for match in WORD_RE.finditer(text)):
        parts.extend(compound_parts(word))
    return " ".join(parts)


@functools.lru_cache(maxsize=4096)
def with_compound_parts(text: str) -> str:
    """``text`` followed by the compound parts of its words: what a document indexes."""
    text = text.replace("\x00", "")
    extra = compound_text(text)
    return f"{text}\n{extra}" if extra else text


def index_words(text: str) -> set[str]:
    """The words a document with ``text`` is found by, as people type them (lower
    case, unstemmed, three letters or more, with compound parts): the lexicon of
    known words for typo suggestions."""
    words = {
        word
        for word in (match.group().lower() for match in WORD_RE.finditer(text))
        if len(word) >= 3 and word.isalpha()
    }
    for word in list(words):
        words.update(compound_parts(word))
    return words


# --- Synonyms ------------------------------------------------------------------------

SYNONYMS_FILE = Path(__file__).with_name("search_synonyms.txt")


@functools.cache
def synonyms() -> dict[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """{phrase: (German alternative, …)}, every phrase a tuple of lower-case words.

    Lines of ``search_synonyms.txt``: ``english, other english => Deutsch; auch so``;
    ``#`` starts a comment. Every phrase on the left means every phrase on the right.
    """
    table: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
    for line in SYNONYMS_FILE.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        left, separator, right = line.partition("=>")
        if not separator:
            raise ValueError(f"{SYNONYMS_FILE.name}: no '=>' in {line!r}")
        meanings = [tuple(search_words(p)) for p in right.split(";") if search_words(p)]
        for phrase in left.split(","):
            key = tuple(search_words(phrase))
            if key:
                alternatives = table.setdefault(key, [])
                alternatives.extend(m for m in meanings if m != key and m not in alternatives)
    return {key: tuple(value) for key, value in table.items()}


def synonym_words() -> set[str]:
    """Every word of a listed phrase: words the search understands though no text has them."""
    return {word for phrase in synonyms() for word in phrase}


# --- Queries -------------------------------------------------------------------------


def _lexeme(word: str, weights: str) -> str:
    # \w never yields quotes or backslashes, but escape anyway: tsquery quoting
    # doubles single quotes and treats backslash as an escape character.
    quoted = word.replace("\\", "\\\\").replace("'", "''")
    return f"'{quoted}':*{weights}"


def _all_of(words: Iterable[str], weights: str) -> str:
    lexemes = [_lexeme(word, weights) for word in words]
    return lexemes[0] if len(lexemes) == 1 else "(" + " & ".join(lexemes) + ")"


def build_tsquery(text: str, *, weights: str = "") -> str:
    """A raw tsquery: every word a quoted prefix lexeme, all words (or phrases) required.

    A word or phrase listed in the synonyms is itself OR any of its German equivalents:
    ``"fair trade"`` → ``('fair':* & 'trade':*) | ('fairer':* & 'handel':*) | …``; a
    compound is itself OR all its parts (``'klimabündnis':* | ('klima':* & 'bündnis':*)``).
    ``weights`` (e.g. ``"A"``) restricts the match to those parts of the document.
    Returns "" when the text has no words.
    """
    words = search_words(text)
    table = synonyms()
    longest = max((len(key) for key in table), default=1)
    groups = []
    position = 0
    while position < len(words):
        for size in range(min(longest, len(words) - position), 0, -1):
            phrase = tuple(words[position : position + size])
            if size == 1 or phrase in table:
                break
        alternatives = table.get(phrase, ())
        if not alternatives and len(phrase) == 1 and (parts := compound_parts(phrase[0])):
            # A compound also finds its parts together: "Klimabündnis" finds
            # "Bürgerklimabündnis" and "Bündnis für das Klima".
            alternatives = (parts,)
        operands = [_all_of(option, weights) for option in (phrase, *alternatives)]
        groups.append(operands[0] if len(operands) == 1 else "(" + " | ".join(operands) + ")")
        position += len(phrase)
    return " & ".join(groups)


def german_query(text: str, *, weights: str = "") -> SearchQuery | None:
    """The SearchQuery of ``text`` (None when it has no words); the tsquery text is a
    bound parameter, never SQL."""
    raw = build_tsquery(text, weights=weights)
    if not raw:
        return None
    return SearchQuery(raw, search_type="raw", config=CONFIG)


def exact_name_bonus(field: str, text: str):
    """1 where ``field`` is exactly the search text (ignoring case), else 0: added to the
    rank, so the record called what was typed comes first among many similar names."""
    from django.db.models import Case, FloatField, Value, When

    return Case(
        When(**{f"{field}__iexact": " ".join(text.split())}, then=Value(1.0)),
        default=Value(0.0),
        output_field=FloatField(),
    )


# --- Documents -----------------------------------------------------------------------

WEIGHTS = ("A", "B", "C")
# ts_rank weights for D, C, B, A. Far apart on purpose: ts_rank adds up every matching
# word form, and with the defaults (0.1, 0.2, 0.4, 1.0) a description repeating "Klima…"
# in five forms outranked "Klimabündnis" in a name.
RANK_WEIGHTS = [0.01, 0.02, 0.1, 1.0]
WRITE_BATCH = 500


def with_english_fields(model, names: Iterable[str]) -> list[str]:
    """``names`` plus their English versions where the model has them (``teaser_en``):
    a record is also found by the English texts staff give."""
    fields = {field.name for field in model._meta.get_fields()}
    result = []
    for name in names:
        result.append(name)
        if f"{name}_en" in fields:
            result.append(f"{name}_en")
    return result


@functools.lru_cache(maxsize=1024)
def choice_labels(choices, value) -> tuple[str, ...]:
    """The German and the English label of ``value`` of the TextChoices class ``choices``:
    people search in both."""
    from django.utils import translation

    labels: list[str] = []
    for language in ("de", "en"):
        with translation.override(language):
            label = str(dict(choices.choices).get(value, ""))
        if label and label not in labels:
            labels.append(label)
    return tuple(labels)


def document_texts(*blocks: Iterable[str]) -> tuple[str, ...]:
    """One text per weight (A, B, C) from the given pieces, empty pieces left out."""
    return tuple("\n".join(piece for piece in block if piece) for block in blocks)


def weighted_vector_sql(alias: str) -> str:
    """SQL of the tsvector of the texts in columns ``a``, ``b``, ``c`` of ``alias``."""
    return " || ".join(
        f"setweight(to_tsvector('{CONFIG}', {alias}.{weight.lower()}), '{weight}')"
        for weight in WEIGHTS
    )


def write_documents(model, documents: Mapping[int, tuple[str, ...]], *, rebuild=False):
    """Store ``search_document`` of ``model``'s rows: {pk: (text A, text B, text C)}.

    Each text is analysed by the ``german`` configuration under its weight, together with
    the compound parts of its words (:func:`compound_text`). One UPDATE per batch; no
    model ``save()``, so no history entry and no signal of the row itself.
    """
    table = connection.ops.quote_name(model._meta.db_table)
    pk_column = connection.ops.quote_name(model._meta.pk.column)
    vector = weighted_vector_sql("v")
    columns = ", ".join(weight.lower() for weight in WEIGHTS)
    words: Counter = Counter()
    items = list(documents.items())
    for start in range(0, len(items), WRITE_BATCH):
        batch = items[start : start + WRITE_BATCH]
        params: list = []
        for pk, texts in batch:
            texts = tuple(texts) + ("",) * (len(WEIGHTS) - len(texts))
            params.append(pk)
            record_words: set[str] = set()
            for text in texts:
                params.append(with_compound_parts(text))
                record_words |= index_words(text)
            words.update(record_words)
        row = "(%s::bigint" + ", %s::text" * len(WEIGHTS) + ")"
        sql = (
            f"UPDATE {table} AS t SET search_document = {vector} "  # names from model metadata
            f"FROM (VALUES {', '.join([row] * len(batch))}) AS v(id, {columns}) "
            f"WHERE t.{pk_column} = v.id"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
    if documents:
        documents_written.send(sender=model, words=words, rebuild=rebuild)
