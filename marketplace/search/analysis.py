"""Text analysis for search: Finnish with Voikko (lemmas and compound parts), Swedish and English with Snowball.

Whoosh pickles analyzers into the index, so the Voikko handle and the word cache are created lazily and
left out of the pickled state. When Voikko (libvoikko + voikko-fi) is missing, Finnish falls back to the
Snowball stemmer; `voikko_available()` tells which one runs.
"""

import logging
import os
import re
import threading
from dataclasses import dataclass
from functools import cache, lru_cache

from whoosh.analysis import Filter, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
from whoosh.lang import stemmer_for_language, stopwords_for_language

from marketplace.reference import all_municipalities

log = logging.getLogger(__name__)

# Bump when analysis changes: an index written by another version rebuilds itself.
# 2: qualification and unit facets; 3: Swedish taxonomy names; 4: compound parts marked, runs of parts, roots;
# 5: age limits
# 6: opening days and accessibility
ANALYZER_VERSION = 6

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


PART = "~"  # prefixes a compound's part: "~paja" is paja inside työpaja, never the word paja itself
JOIN = "+"  # joins the lemmas of adjacent parts: "työ+paja" is in työpaja, puutyöpaja and työpajoille
ROOT = "^"  # prefixes the word a word derives from: kuntoutus and kuntouttava are both "^kuntouttaa"


def part_term(lemma: str) -> str:
    return PART + lemma


def compound_key(parts) -> str:
    return JOIN.join(parts)


def root_term(root: str) -> str:
    return ROOT + root


def _derivation_root(analysis: dict) -> str | None:
    """The verb or noun a simple word derives from, as Voikko's WORDBASES tell it (hitsaus, hitsaaja → hitsata;
    kuntouttava → kuntouttaa); a verb is its own root, so "kuntouttaa" meets "kuntoutus"."""
    baseform = analysis.get("BASEFORM", "").lower()
    segments = re.findall(r"\+([^+(]*)(?:\(([^)]*)\))?", analysis.get("WORDBASES", ""))
    bases = [lemma for _, lemma in segments if lemma and not lemma.startswith("+")]
    if len(bases) != 1 or "=" in bases[0]:
        return None
    if analysis.get("CLASS") == "teonsana":
        return baseform
    base = bases[0].lower()
    return base if base != baseform else None


@dataclass(frozen=True)
class Analysis:
    """What a Finnish word is: its lemmas (alternatives), the parts of a compound, and the keys of each run of
    two or more adjacent parts (the whole compound's key among them)."""

    lemmas: tuple[str, ...]
    parts: tuple[str, ...] = ()
    keys: tuple[str, ...] = ()  # every run of adjacent parts, for the index
    whole_keys: tuple[str, ...] = ()  # the whole compound's key per analysis, for a query
    roots: tuple[str, ...] = ()  # what a simple word derives from

    def index_terms(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys((*self.lemmas, *map(part_term, self.parts), *self.keys,
                                    *map(root_term, self.roots))))


def _runs(parts: list[str]) -> list[str]:
    return [compound_key(parts[i:j]) for i in range(len(parts)) for j in range(i + 2, len(parts) + 1)]


class FinnishLemmaFilter(Filter):
    """Replace each word with its lemmas, its compound parts (marked) and the keys of adjacent parts, all at the
    word's position.

    Ambiguous words keep all their lemmas (nuorille → nuori, nuora), except that a municipality's
    name wins over common nouns (Salossa → salo, not salko). Words Voikko does not know get the
    Snowball stem. A compound's parts are marked (työpaja → ~työ, ~paja), so a query for "paja" can tell a
    workshop called "paja" from one called "työpaja", and a part found in one word never pairs with a part
    found in another: "työ+paja" is a run inside one compound (puutyöpaja), not "korjaustöitä … metallipaja".
    """

    is_morph = True

    def __init__(self):
        self._cache: dict[str, Analysis] = {}

    def __getstate__(self):
        return {}  # no native handle and no cache in the pickled index schema

    def __setstate__(self, state):
        self._cache = {}

    def __eq__(self, other):
        return type(other) is type(self)

    def analyse(self, word: str) -> Analysis:
        cached = self._cache.get(word)
        if cached is None:
            if len(self._cache) >= _CACHE_LIMIT:
                self._cache.clear()
            cached = self._cache[word] = self._analyse(word)
        return cached

    def lemmas(self, word: str) -> tuple[str, ...]:
        return self.analyse(word).lemmas

    def terms(self, word: str) -> tuple[str, ...]:
        return self.analyse(word).index_terms()

    def _analyse(self, word: str) -> Analysis:
        voikko = _voikko()
        if voikko and not word.isdigit():
            with _VOIKKO_LOCK:  # a Voikko handle must not be used by two threads at once
                analyses = voikko.analyze(word)
        else:
            analyses = []
        if not analyses:
            return Analysis((snowball_fi(word),))
        places = [a for a in analyses if a.get("CLASS") in _PLACE_CLASSES and _is_municipality(a.get("BASEFORM", ""))]
        chosen = places or analyses
        lemmas = tuple(dict.fromkeys(a.get("BASEFORM", word).lower() for a in chosen))
        split = [parts for parts in (_compound_parts(analysis) for analysis in chosen) if len(parts) > 1]
        parts = dict.fromkeys(part for each in split for part in each)
        roots = tuple(dict.fromkeys(root for analysis in chosen if (root := _derivation_root(analysis))))
        return Analysis(lemmas, tuple(parts), tuple(dict.fromkeys(key for each in split for key in _runs(each))),
                        tuple(dict.fromkeys(compound_key(each) for each in split)), roots)

    def __call__(self, tokens):
        for token in tokens:
            for term in self.terms(token.text):
                token.text = term
                yield token


@lru_cache(maxsize=20_000)
def is_known_word(word: str) -> bool:
    """Whether Voikko knows the Finnish word (True without Voikko: nothing then looks misspelled)."""
    voikko = _voikko()
    if voikko is None:
        return True
    with _VOIKKO_LOCK:
        return bool(voikko.spell(word))


@lru_cache(maxsize=5_000)
def spelling_suggestions(word: str, limit: int = 6) -> tuple[str, ...]:
    """Voikko's corrections of a misspelled Finnish word, likeliest first (none without Voikko)."""
    voikko = _voikko()
    if voikko is None:
        return ()
    with _VOIKKO_LOCK:
        suggestions = voikko.suggest(word)[:limit]
    return tuple(s.lower() for s in suggestions if re.fullmatch(_WORD_RE, s))


@cache
def _municipality_names() -> frozenset[str]:
    return frozenset(name.lower() for m in all_municipalities() for name in (m.name_fi, m.name_sv))


def _is_municipality(name: str) -> bool:
    return name.lower() in _municipality_names()


@cache
def analyzer(language: str):
    """The analyzer for texts written in `language` (fi, sv or en)."""
    tokens = RegexTokenizer(_WORD_RE) | LowercaseFilter() | StopFilter(stopwords_for_language(language), minsize=2)
    if language == "fi":
        return tokens | FinnishLemmaFilter()
    return tokens | StemFilter(lang=language)


def terms_of(text: str, language: str = "fi") -> list[str]:
    """The index terms a text becomes (for tests, diagnostics and query building)."""
    return [token.text for token in analyzer(language)(text)]
