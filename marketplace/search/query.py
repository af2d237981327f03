"""Searching: user text to a safe query, AND with an OR fallback, filters, facet counts, suggestions, snippets.

User input never reaches Whoosh's query parser: the text is split into words, each word analysed like
the indexed texts, and the query built from Term objects. Quotes, `*`, `AND`/`OR`, control characters
and very long texts are just words (or nothing).
"""

import re
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from functools import lru_cache

from pyroaring import FrozenBitMap

from marketplace.catalog.models import DeliveryMode
from marketplace.clock import today
from marketplace.search import docsets, families, places, ranking
from marketplace.search.analysis import (
    JOIN,
    LANGUAGES,
    PART,
    FinnishLemmaFilter,
    compound_key,
    is_known_word,
    part_term,
    root_term,
    spelling_suggestions,
    terms_of,
)
from marketplace.search.indexer import live_searcher
from marketplace.search.schema import LANGUAGE_FIELDS, SHARED_FIELDS
from marketplace.search.signals import generation_built

MAX_QUERY_CHARS = 500
MAX_WORDS = 12
STRICT_ENOUGH = 10  # when all words together find this many, partial matches are not added
FACETS = ("type", "municipalities", "groups", "languages", "mode", "qualifications", "units", "open_on", "access")
# An offering passes these when it has every chosen value: open on Monday and Friday, step-free with a toilet
EVERY_VALUE = frozenset({"open_on", "access"})
FACET_ORDER = {"open_on": ("mo", "tu", "we", "th", "fr", "sa", "su", "evening"),
               "access": ("step_free_access", "accessible_toilet", "induction_loop", "public_transport")}
SORTS = ("relevance", "newest", "open", "distance")  # "distance" only with a near filter
REMOTE = DeliveryMode.REMOTE.value
REMOTE_SHOWN = 5  # remote offerings listed beside a near search
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_WORD = re.compile(r"\w+")
_finnish = FinnishLemmaFilter()


@dataclass
class Filters:
    """Facet filters: an offering passes a facet when it has any of the facet's values (every one of them, for
    EVERY_VALUE facets), and passes the filters when it passes every facet in use. An empty facet is no filter."""

    type: tuple[str, ...] = ()
    municipalities: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    mode: tuple[str, ...] = ()
    qualifications: tuple[str, ...] = ()  # qualification keys (koulutuskoodi)
    units: tuple[str, ...] = ()  # qualification unit codes
    open_on: tuple[str, ...] = ()  # days (mo…su) and "evening"
    access: tuple[str, ...] = ()  # accessibility features
    open_only: bool = False
    age: int | None = None  # suits a jobseeker of this age: within the offering's age limits
    organisation_id: str = ""
    near: places.Near | None = None  # within a distance of a point (the distance facet)

    def chosen(self, leave_out: str | None = None) -> list[tuple[str, tuple[str, ...]]]:
        """(field, values) of every facet in use, but `leave_out` (to count that facet's alternatives)."""
        chosen = [(name, getattr(self, name)) for name in FACETS if getattr(self, name) and name != leave_out]
        if self.organisation_id:
            chosen.append(("organisation_id", (self.organisation_id,)))
        return chosen

    @property
    def in_use(self) -> bool:
        return bool(self.chosen() or self.open_only or self.near or self.age is not None)


@dataclass
class SearchRequest:
    text: str = ""
    filters: Filters = field(default_factory=Filters)
    sort: str = "relevance"
    page: int = 1
    per_page: int = 20
    with_facets: bool = True
    read_places: bool = True  # a municipality named in the text becomes a filter
    correct: bool = True  # misspelled words may be corrected (False: search exactly as typed)


@dataclass
class SearchResult:
    ids: list[str]
    total: int
    page: int
    per_page: int
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    suggestion: str | None = None
    broadened: bool = False  # partial matches (fewer words) follow those that match every word
    full_matches: int = 0  # how many match every word, when broadened
    words: list[str] = field(default_factory=list)
    highlight: frozenset = frozenset()  # the index terms the words matched (for marking them in snippets)
    unmatched: frozenset = frozenset()  # words that found nothing
    corrected_from: str | None = None  # the user's query, when a corrected one is shown instead
    typed_total: int = 0  # what the query as typed found, when corrected
    places: list[str] = field(default_factory=list)  # municipality codes the text named (now filters)
    text_without_places: str = ""
    nearest: bool = False  # nothing in the named place: the nearest offerings are shown instead
    distances: dict[str, float] = field(default_factory=dict)  # id -> km, with a near filter
    remote_ids: list[str] = field(default_factory=list)  # remote offerings serving the area of a near search
    remote_total: int = 0

    @property
    def partial_matches(self) -> int:
        """How many of the total match only some of the words (listed after those matching every word)."""
        return self.total - self.full_matches if self.broadened else 0

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def clean_words(text: str) -> list[str]:
    text = _CONTROL.sub(" ", text or "")[:MAX_QUERY_CHARS]
    return [word.lower() for word in _WORD.findall(text)][:MAX_WORDS]


PART_WEIGHT = 0.5  # a word found only as a compound's part counts less
FAMILY_WEIGHT = 0.6  # a word of the same family (by derivation, or a listed family or synonym) counts less
# A part found in more offerings than this (työ, palvelu, toiminta, …) says nothing alone: it never matches.
GENERAL_PART_SHARE, GENERAL_PART_MIN = 0.25, 50


@dataclass(frozen=True)
class Match:
    """A term in a field that a query word matches, and how much a match counts."""

    field: str
    term: str
    weight: float = 1.0


@lru_cache(maxsize=20_000)
def word_matches(word: str) -> tuple[Match, ...]:
    """Everything one query word may match, in every language's fields: its lemmas or stems, a Finnish
    compound as the same run of parts in a longer compound ("mielenterveys" meets "mielenterveyskuntoutujille":
    mieli+terveys), and, counting less, a simple word as a compound's part ("paja" meets "työpaja")."""
    analysis = _finnish.analyse(word) if terms_of(word, "fi") else None
    found: list[Match] = []
    for language in LANGUAGES:
        fields = [f"{name}_{language}" for name in LANGUAGE_FIELDS]
        if language != "fi":
            found += [Match(field, term) for field in fields for term in terms_of(word, language)]
        elif analysis:
            fields += SHARED_FIELDS
            found += [Match(field, term) for field in fields for term in (*analysis.lemmas, *analysis.whole_keys)]
            if not analysis.parts:
                found += [Match(field, part_term(lemma), PART_WEIGHT) for field in fields for lemma in analysis.lemmas]
            found += [Match(field, run, PART_WEIGHT) for field in fields for run in _shorter_runs(analysis)]
            found += [Match(field, root_term(root), FAMILY_WEIGHT) for field in fields for root in analysis.roots]
    return tuple(found)


def _shorter_runs(analysis) -> list[str]:
    """The runs of two or more adjacent parts inside a compound of three or more: työkokeilupaikka → työ+kokeilu,
    kokeilu+paikka."""
    runs = []
    for parts in (key.split(JOIN) for key in analysis.whole_keys):
        runs += [compound_key(parts[i:j]) for i in range(len(parts)) for j in range(i + 2, len(parts) + 1)
                 if j - i < len(parts)]
    return list(dict.fromkeys(runs))


def with_family(word: str, in_use: families.Families) -> list[Match]:
    """The word's matches and, counting less, those of the other words of its families."""
    best: dict[tuple[str, str], Match] = {}
    related = [replace(m, weight=m.weight * FAMILY_WEIGHT) for member in in_use.related_words(word)
               for m in word_matches(member)]
    for match in (*word_matches(word), *related):
        key = (match.field, match.term)
        if key not in best or best[key].weight < match.weight:
            best[key] = match
    return list(best.values())


def _pairs(matches) -> list[tuple[str, str]]:
    return [(match.field, match.term) for match in matches]


def _general(searcher, term: str) -> bool:
    """Whether a compound part is in so many offerings that it means nothing alone."""
    found = docsets.any_count(searcher, tuple((f"{name}_fi", term) for name in LANGUAGE_FIELDS) +
                              tuple((name, term) for name in SHARED_FIELDS))
    return found > max(GENERAL_PART_MIN, GENERAL_PART_SHARE * searcher.doc_count())


def _usable(searcher, matches: list[Match]) -> list[Match]:
    general = {term for term in {m.term for m in matches if m.term.startswith(PART)} if _general(searcher, term)}
    return [match for match in matches if match.term not in general]


def _compound_fallback(searcher, word: str) -> tuple[FrozenBitMap, list[Match]]:
    """For a compound no offering has, even in part, the offerings with each of its meaningful parts somewhere
    ("metallipaja": metalli and paja): matches that count as parts do."""
    fields = [f"{name}_fi" for name in LANGUAGE_FIELDS] + list(SHARED_FIELDS)
    analysis = _finnish.analyse(word) if terms_of(word, "fi") else None
    for parts in [key.split(JOIN) for key in analysis.whole_keys] if analysis else []:
        meaningful = [part for part in parts if not _general(searcher, part_term(part))]
        each = [[Match(field, term, PART_WEIGHT) for field in fields for term in (part, part_term(part))]
                for part in meaningful]
        docs = docsets.intersection(docsets.any_pair(searcher, _pairs(m)) for m in each)
        if docs:
            return docs, [match for matches in each for match in matches]
    return docsets.EMPTY, []


def _expired(searcher) -> FrozenBitMap:
    return docsets.numeric_range(searcher, "ends", 1, today().toordinal() - 1)


def _near(searcher, near: places.Near, remote: bool) -> FrozenBitMap:
    """Offerings serving a municipality near the point: those one goes to, or (remote) those given remotely."""
    serving = docsets.any_term(searcher, "municipalities", near.codes())
    remote_docs = docsets.term(searcher, "mode", REMOTE)
    return serving & remote_docs if remote else serving - remote_docs


def _allowed(searcher, filters: Filters, leave_out: str | None = None) -> FrozenBitMap | None:
    """The documents the facet filters let through (None: no filter)."""
    sets = [docsets.intersection(docsets.term(searcher, field, value) for value in values)
            if field in EVERY_VALUE else docsets.any_term(searcher, field, values)
            for field, values in filters.chosen(leave_out)]
    if filters.open_only and leave_out != "open":
        sets.append(docsets.numeric_range(searcher, "open", 1, None))
    if filters.near and leave_out != "near":
        sets.append(_near(searcher, filters.near, remote=False))
    if filters.age is not None:
        sets.append(docsets.numeric_range(searcher, "min_age", None, filters.age)
                    & docsets.numeric_range(searcher, "max_age", filters.age, None))
    return docsets.intersection(sets) if sets else None


def search(request: SearchRequest) -> SearchResult:
    """Search. A municipality named in the text is a filter (and when nothing is there, the nearest offerings
    are shown); a query that finds nothing but has a likely typo is answered with the corrected query."""
    words = clean_words(request.text)
    codes, rest = places.split_places(words) if request.read_places else ([], words)
    if not codes:
        return _corrected(request)
    if request.filters.near:  # the distance filter says where: the place's words are not searched for
        return _corrected(replace(request, text=" ".join(rest)))
    filters = replace(request.filters, municipalities=tuple(dict.fromkeys((*request.filters.municipalities, *codes))))
    placed = replace(request, text=" ".join(rest), filters=filters)
    result = _corrected(placed)
    if not result.total and len(codes) == 1 and not request.filters.near:
        nearest = _corrected(replace(placed, filters=replace(request.filters, near=places.Near(codes[0])),
                                     sort="distance"))
        if nearest.total:
            result = nearest
            result.nearest = True
    result.places, result.text_without_places = codes, placed.text
    return result


def _corrected(request: SearchRequest) -> SearchResult:
    """The search as typed, or with its misspelled words corrected when that finds clearly more: when the typed
    query found nothing, when the words corrected found nothing themselves, or when twice as many offerings
    match every word."""
    result = _search(request)
    if not (request.correct and result.suggestion):
        return result
    corrected = _search(replace(request, text=result.suggestion))
    replaced = {typed for typed, fixed in zip(result.words, result.suggestion.split(), strict=False) if typed != fixed}
    if corrected.total and (not result.total or replaced <= result.unmatched
                            or corrected.full_matches >= 2 * result.full_matches + 1):
        corrected.corrected_from, corrected.typed_total = request.text, result.total
        return corrected
    return result


def _search(request: SearchRequest) -> SearchResult:
    """Rank the matching offerings: all words first, then those matching fewer words (for long questions)."""
    words = clean_words(request.text)
    with live_searcher() as searcher:
        in_use = families.current()
        terms = {word: matches for word in dict.fromkeys(words)
                 if (matches := _usable(searcher, with_family(word, in_use)))}
        page = max(1, request.page)
        needed = page * request.per_page
        sort = request.sort if request.sort in SORTS else "relevance"
        if sort == "distance" and not request.filters.near:
            sort = "relevance"
        if not terms and sort == "relevance":
            sort = "newest"
        live = docsets.all_documents(searcher) - _expired(searcher)
        allowed = _allowed(searcher, request.filters)

        def filtered(docs: FrozenBitMap) -> FrozenBitMap:
            return docs if allowed is None else docs & allowed

        word_docs = {word: docsets.any_pair(searcher, _pairs(matches)) & live for word, matches in terms.items()}
        for word in [word for word, docs in word_docs.items() if not docs]:
            docs, extra = _compound_fallback(searcher, word)
            word_docs[word], terms[word] = docs & live, [*terms[word], *extra]
        if not terms:
            tiers = [live]
        else:
            all_words = docsets.intersection(word_docs.values())
            if len(terms) == 1 or len(filtered(all_words)) >= STRICT_ENOUGH:
                tiers = [all_words]
            else:  # fewer matches than a coach needs: add offerings matching most of the words
                tiers = _by_words_matched(list(word_docs.values()))
        full = tiers[0]
        if terms:  # every word as a word (not only as a compound's part) before the rest
            whole = docsets.intersection(docsets.any_pair(searcher, _pairs(m for m in matches if m.weight == 1))
                                         for matches in terms.values())
            tiers = [full & whole, full - whole, *tiers[1:]]
        base = docsets.union(tiers)
        matched = filtered(base)
        distances: dict[int, float] = {}
        if sort == "relevance":
            docnums = []
            for tier in tiers:
                docnums += ranking.rank(searcher, terms, filtered(tier), needed - len(docnums))
        elif sort == "distance":
            docnums, distances = _by_distance(searcher, terms, matched, request.filters.near, needed)
        else:
            docnums = ranking.in_order(searcher, {"newest": "confirmed", "open": "open"}[sort], matched, needed)
        page_docs = docnums[(page - 1) * request.per_page:needed]
        result = SearchResult(
            ids=[searcher.stored_fields(doc)["id"] for doc in page_docs], total=len(matched), page=page,
            per_page=request.per_page, broadened=bool(matched - full), full_matches=len(filtered(full)), words=words,
            highlight=frozenset(match.term for matches in terms.values() for match in matches),
            unmatched=frozenset(word for word, docs in word_docs.items() if not docs),
            distances={searcher.stored_fields(doc)["id"]: distances[doc] for doc in page_docs if doc in distances},
        )
        if request.filters.near:
            remote_allowed = _allowed(searcher, request.filters, leave_out="near")
            remote = _near(searcher, request.filters.near, remote=True) & base
            remote = remote if remote_allowed is None else remote & remote_allowed
            result.remote_total = len(remote)
            result.remote_ids = [searcher.stored_fields(doc)["id"] for doc in _best(searcher, terms, remote)]
        if request.with_facets:
            result.facets = _facets(searcher, base, request.filters)
        result.suggestion = _suggest(searcher, words, word_docs)
        return result


def warm_up() -> int:
    """A first search in this process, before a visitor's: it reads the sets saved with the generation and pays
    the database's and the analyzer's first-use costs (deploy/gunicorn.conf.py calls it). Returns the offerings."""
    return search(SearchRequest(text="työpaja nuorille")).total + search(SearchRequest()).total


@generation_built.connect
def _warm_and_save(searcher, folder, **extra) -> None:
    """Build what every search needs from postings (the live set, each facet value's documents, the ordering
    columns) once, as a new generation is written, and save it with the generation: no worker's first search
    after a rebuild walks postings for them."""
    live = docsets.all_documents(searcher) - _expired(searcher)
    _facets(searcher, live, Filters())
    for column in ranking.COLUMNS:
        docsets.column_values(searcher, column)
    docsets.save(searcher, folder)


def _by_words_matched(word_docs: list[FrozenBitMap]) -> list[FrozenBitMap]:
    """The documents matching all n words, then those matching n - 1 of them, …, down to one word.

    at_least[k] holds the documents matching at least k of the words seen so far; bitmap algebra, so
    no document is counted one by one."""
    at_least = [None, *[docsets.EMPTY] * len(word_docs)]
    for seen, docs in enumerate(word_docs, start=1):
        for k in range(seen, 1, -1):
            at_least[k] = at_least[k] | (at_least[k - 1] & docs)
        at_least[1] = at_least[1] | docs
    return [at_least[k] - (at_least[k + 1] if k < len(word_docs) else docsets.EMPTY)
            for k in range(len(word_docs), 0, -1)]


def _by_distance(searcher, terms, docs: FrozenBitMap, near: places.Near, wanted: int):
    """The nearest `wanted` documents, each municipality's in order of relevance (or the newest first), with the
    distance of each: that of the nearest municipality it serves."""
    order: list[int] = []
    distances: dict[int, float] = {}
    left = docs
    for code, km in places.within(near.code, near.km):
        if len(order) >= wanted or not left:
            break
        here = left & docsets.term(searcher, "municipalities", code)
        if here:
            left = left - here
            ranked = _best(searcher, terms, here, wanted - len(order))
            order += ranked
            distances.update(dict.fromkeys(ranked, km))
    return order, distances


def _best(searcher, terms, docs: FrozenBitMap, wanted: int = REMOTE_SHOWN) -> list[int]:
    if terms:
        return ranking.rank(searcher, terms, docs, wanted)
    return ranking.in_order(searcher, "confirmed", docs, wanted)


def _facets(searcher, base: FrozenBitMap, filters: Filters) -> dict:
    """Counts per facet value, each facet counted with the other facets' filters (so alternatives show)."""
    facets = {}
    for name in FACETS:
        allowed = _allowed(searcher, filters, leave_out=None if name in EVERY_VALUE else name)
        docs = base if allowed is None else base & allowed
        counts = ((value, docs.intersection_cardinality(docsets.term(searcher, name, value)))
                  for value in docsets.values(searcher, name))
        facets[name] = sorted(((value, n) for value, n in counts if n), key=_facet_order(name))
    allowed = _allowed(searcher, filters, leave_out="open")
    open_docs = docsets.numeric_range(searcher, "open", 1, None)
    facets["open"] = [("open", (base if allowed is None else base & allowed).intersection_cardinality(open_docs))]
    return facets


def _facet_order(name: str):
    """Days in week order, features as listed; other values the most frequent first."""
    order = FACET_ORDER.get(name)
    if order:
        return lambda pair: order.index(pair[0]) if pair[0] in order else len(order)
    return lambda pair: (-pair[1], pair[0])


def _suggest(searcher, words: list[str], word_docs: dict[str, FrozenBitMap]) -> str | None:
    """"Tarkoititko: …": the query with each word that looks misspelled replaced by its likeliest correction."""
    corrected = [(_correction(searcher, word, word_docs[word]) if word in word_docs else None) or word
                 for word in words]  # a stop word is never corrected
    return " ".join(corrected) if corrected != words else None


def _correction(searcher, word: str, found: FrozenBitMap) -> str | None:
    """A word that finds nothing, or a word Voikko does not know that is not in the index's vocabulary either,
    may be a typo: its correction is the candidate (Voikko's suggestions and the closest indexed words) most like
    it that finds clearly more offerings."""
    if len(word) <= 3 or word.isdigit():
        return None
    if found and (is_known_word(word) or ("words", word) in searcher.reader()):
        return None
    candidates = dict.fromkeys((*spelling_suggestions(word), *searcher.corrector("words").suggest(word, limit=3,
                                                                                                maxdist=2)))
    best, best_key = None, None
    for candidate in candidates:
        pairs = _pairs(word_matches(candidate)) if candidate != word else []
        matches = len(docsets.any_pair(searcher, pairs)) if pairs else 0
        key = (round(SequenceMatcher(None, word, candidate).ratio(), 2), matches)
        if matches >= max(1, 3 * len(found)) and (best_key is None or key > best_key):
            best, best_key = candidate, key
    return best
