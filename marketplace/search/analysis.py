"""Text analysis for search: Finnish with Voikko (lemmas and compound parts), Swedish and English with Snowball.

Whoosh pickles analyzers into the index, so the Voikko handle and the word cache are created lazily and
left out of the pickled state. When Voikko (libvoikko + voikko-fi) is missing, Finnish falls back to the
Snowball stemmer; `voikko_available()` tells which one runs.
"""

import logging
import os
import re
import threading
from functools import cache

from whoosh.analysis import Filter, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
from whoosh.lang import stemmer_for_language, stopwords_for_language

from marketplace.reference import all_municipalities

log = logging.getLogger(__name__)

# Bump when analysis changes: an index written by another version rebuilds itself.
ANALYZER_VERSION = 3  # 2: qualification and unit facets; 3: Swedish taxonomy names

LANGUAGES = ("fi", "sv", "en")
_VOIKKO_LOCK = threading.Lock()
_CACHE_LIMIT = 200_000
_PLACE_CLASSES = {"paikannimi"}
_WORD_RE = r"\w+"


@cache
def _voikko():
    if os.environ.get("MARKETPLACE_SEARCH_USE_VOIKKO", "true").lower() in ("0", "false", "no"):
        log.info("Voikko turned off by MARKETPLACE_SEARCH_USE_VOIKKO: Finnish search uses the Snowball stemmer")
        return None
    try:
        import libvoikko

        return libvoikko.Voikko("fi")
    except (ImportError, OSError) as error:  # the library or the Finnish dictionary is missing
        log.warning("Voikko is not available (%s): Finnish search uses the Snowball stemmer", error)
        return None


def voikko_available() -> bool:
    return _voikko() is not None


def analyzer_key() -> str:
    """Which analysis wrote an index: the version and the Finnish engine. Another key means rebuild."""
    return f"{ANALYZER_VERSION}-{'voikko' if voikko_available() else 'snowball'}"


_snowball_fi = stemmer_for_language("fi")


def snowball_fi(word: str) -> str:
    """Snowball's Finnish stem, with the -minen/-misen alternation of verbal nouns unified."""
    stem = _snowball_fi(word)
    if stem.endswith(("min", "mis")) and len(stem) > 5:
        stem = stem[:-1]
    return stem


def _compound_parts(analysis: dict) -> list[str]:
    """The parts of a compound from Voikko's WORDBASES: työkokeilu → työ, kokeilu;
    puusepänverstas → puu, seppä, verstas."""
    baseform = analysis.get("BASEFORM", "").lower()
    segments = re.findall(r"\+([^+(]*)(?:\(([^)]*)\))?", analysis.get("WORDBASES", ""))
    words: list[list[tuple[str, str]]] = []
    for surface, lemma in segments:
        if lemma and not lemma.startswith("+"):
            words.append([(surface, lemma)])
        elif words:  # a derivational suffix or a linking sound belongs to the word before it
            words[-1].append((surface, lemma))
    if len(words) == 1 and "=" in words[0][0][1] and analysis.get("CLASS") not in _PLACE_CLASSES:
        return [part.lower() for part in words[0][0][1].split("=") if part]  # maahan=muuttaja
    if len(words) < 2:
        return []
    parts, consumed = [], 0
    for word in words[:-1]:
        parts.append(word[0][1].lower() if len(word) == 1 else "".join(s for s, _ in word).lower())
        consumed += len("".join(s for s, _ in word))
    parts.append(baseform[consumed:])  # the last part keeps its derivation: työ|kokeilu, palkka|tuettu
    return [part for part in parts if len(part) > 1 and part.isalpha()]


class FinnishLemmaFilter(Filter):
    """Replace each word with its lemmas and compound parts (all at the word's position).

    Ambiguous words keep all their lemmas (nuorille → nuori, nuora), except that a municipality's
    name wins over common nouns (Salossa → salo, not salko). Words Voikko does not know get the
    Snowball stem.
    """

    is_morph = True

    def __init__(self):
        self._cache: dict[str, tuple[str, ...]] = {}

    def __getstate__(self):
        return {}  # no native handle and no cache in the pickled index schema

    def __setstate__(self, state):
        self._cache = {}

    def __eq__(self, other):
        return type(other) is type(self)

    def lemmas_and_parts(self, word: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The word's lemmas (alternatives) and, for a compound, its parts."""
        cached = self._cache.get(word)
        if cached is None:
            if len(self._cache) >= _CACHE_LIMIT:
                self._cache.clear()
            cached = self._cache[word] = self._analyse(word)
        return cached

    def terms(self, word: str) -> tuple[str, ...]:
        lemmas, parts = self.lemmas_and_parts(word)
        return tuple(dict.fromkeys(lemmas + parts))

    def _analyse(self, word: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        voikko = _voikko()
        if voikko and not word.isdigit():
            with _VOIKKO_LOCK:  # a Voikko handle must not be used by two threads at once
                analyses = voikko.analyze(word)
        else:
            analyses = []
        if not analyses:
            return (snowball_fi(word),), ()
        places = [a for a in analyses if a.get("CLASS") in _PLACE_CLASSES and _is_municipality(a.get("BASEFORM", ""))]
        chosen = places or analyses
        lemmas = tuple(dict.fromkeys(a.get("BASEFORM", word).lower() for a in chosen))
        parts = dict.fromkeys(part for analysis in chosen for part in _compound_parts(analysis))
        return lemmas, tuple(part for part in parts if part not in lemmas)

    def __call__(self, tokens):
        for token in tokens:
            for term in self.terms(token.text):
                token.text = term
                yield token


@cache
def _municipality_names() -> frozenset[str]:
    return frozenset(name.lower() for m in all_municipalities() for name in (m.name_fi, m.name_sv))


def _is_municipality(name: str) -> bool:
    return name.lower() in _municipality_names()


def analyzer(language: str):
    """The analyzer for texts written in `language` (fi, sv or en)."""
    tokens = RegexTokenizer(_WORD_RE) | LowercaseFilter() | StopFilter(stopwords_for_language(language), minsize=2)
    if language == "fi":
        return tokens | FinnishLemmaFilter()
    return tokens | StemFilter(lang=language)


def terms_of(text: str, language: str = "fi") -> list[str]:
    """The index terms a text becomes (for tests, diagnostics and query building)."""
    return [token.text for token in analyzer(language)(text)]
