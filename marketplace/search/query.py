"""Searching: user text to a safe query, AND with an OR fallback, filters, facet counts, suggestions, snippets.

User input never reaches Whoosh's query parser: the text is split into words, each word analysed like
the indexed texts, and the query built from Term objects. Quotes, `*`, `AND`/`OR`, control characters
and very long texts are just words (or nothing).
"""

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from itertools import chain

from markupsafe import Markup, escape
from whoosh import highlight
from whoosh.query import And, Every, NumericRange, Or, Term

from marketplace.clock import today
from marketplace.search.analysis import LANGUAGES, FinnishLemmaFilter, analyzer, terms_of
from marketplace.search.indexer import META_ID, current_index
from marketplace.search.schema import LANGUAGE_FIELDS, SHARED_FIELDS

MAX_QUERY_CHARS = 500
MAX_WORDS = 12
STRICT_ENOUGH = 10  # when all words together find this many, partial matches are not added
FACETS = ("type", "municipalities", "groups", "languages", "mode")
SORTS = ("relevance", "newest", "open")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_WORD = re.compile(r"\w+")
_finnish = FinnishLemmaFilter()


@dataclass
class Filters:
    """Facet filters, one value each; empty means no filter."""

    type: str = ""
    municipalities: str = ""
    groups: str = ""
    languages: str = ""
    mode: str = ""
    open_only: bool = False
    organisation_id: str = ""

    def terms(self, leave_out: str | None = None) -> list[Term]:
        terms = [Term(name, getattr(self, name)) for name in FACETS if getattr(self, name) and name != leave_out]
        if self.organisation_id:
            terms.append(Term("organisation_id", self.organisation_id))
        return terms


@dataclass
class SearchRequest:
    text: str = ""
    filters: Filters = field(default_factory=Filters)
    sort: str = "relevance"
    page: int = 1
    per_page: int = 20
    with_facets: bool = True


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
    corrected_from: str | None = None  # the user's query, when it found nothing and a corrected one is shown

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def clean_words(text: str) -> list[str]:
    text = _CONTROL.sub(" ", text or "")[:MAX_QUERY_CHARS]
    return [word.lower() for word in _WORD.findall(text)][:MAX_WORDS]


def _finnish_alternatives(field_name: str, word: str) -> list:
    if not terms_of(word, "fi"):  # a stopword
        return []
    lemmas, parts = _finnish.lemmas_and_parts(word)
    alternatives = [Term(field_name, lemma) for lemma in lemmas]
    if len(parts) > 1:  # "kiinteistön huolto" also matches "kiinteistöhuolto", though lower
        alternatives.append(And([Term(field_name, part) for part in parts]))
    return alternatives


def word_query(word: str):
    """Everything one query word may match: in every language's fields, as lemma, compound or stem."""
    alternatives = []
    for language in LANGUAGES:
        for name in LANGUAGE_FIELDS:
            field_name = f"{name}_{language}"
            if language == "fi":
                alternatives += _finnish_alternatives(field_name, word)
            else:
                alternatives += [Term(field_name, term) for term in terms_of(word, language)]
    for name in SHARED_FIELDS:
        alternatives += _finnish_alternatives(name, word)
    return Or(alternatives) if alternatives else None


def _expired(searcher) -> set[int]:
    return set(searcher.docs_for_query(NumericRange("ends", 1, today().toordinal() - 1)))


def _allowed(searcher, filters: Filters, leave_out: str | None = None) -> set[int] | None:
    terms = filters.terms(leave_out)
    if filters.open_only and leave_out != "open":
        terms.append(NumericRange("open", 1, None))
    return set(searcher.docs_for_query(And(terms))) if terms else None


def _facet_values(searcher) -> dict[str, list[tuple[str, ...]]]:
    """Each document's facet values by document number (read once per index version)."""
    values = {name: [()] * searcher.doc_count_all() for name in FACETS}
    for docnum, fields in searcher.iter_docs():
        for name in FACETS:
            raw = fields.get(name) or ""
            values[name][docnum] = tuple(raw.split(",")) if raw else ()
    return values


_facet_cache: dict[tuple, dict] = {}


def facet_values(generation: str, searcher) -> dict[str, list[tuple[str, ...]]]:
    key = (generation, searcher.reader().generation(), searcher.doc_count_all())
    if key not in _facet_cache:
        _facet_cache.clear()
        _facet_cache[key] = _facet_values(searcher)
    return _facet_cache[key]


def _count_facets(values, docs: set[int]) -> list[tuple[str, int]]:
    return Counter(chain.from_iterable(map(values.__getitem__, docs))).most_common()


def search(request: SearchRequest) -> SearchResult:
    """Search; a query that finds nothing but has a likely typo is answered with the corrected query."""
    result = _search(request)
    if result.total == 0 and result.suggestion:
        corrected = _search(replace(request, text=result.suggestion))
        if corrected.total:
            corrected.corrected_from = request.text
            return corrected
    return result


def _search(request: SearchRequest) -> SearchResult:
    """Rank the matching offerings: all words first, then those matching fewer words (for long questions)."""
    words = clean_words(request.text)
    queries = {word: q for word in dict.fromkeys(words) if (q := word_query(word)) is not None}
    generation, index = current_index()
    page = max(1, request.page)
    needed = page * request.per_page
    sort = request.sort if request.sort in SORTS else "relevance"
    if not queries and sort == "relevance":
        sort = "newest"
    sortedby = {"newest": "confirmed", "open": "open"}.get(sort)
    with index.searcher() as searcher:
        excluded = _expired(searcher) | set(searcher.docs_for_query(Term("id", META_ID)))
        allowed = _allowed(searcher, request.filters)

        def live(docs) -> set[int]:
            return set(docs) - excluded

        def filtered(docs: set[int]) -> set[int]:
            return docs if allowed is None else docs & allowed

        if not queries:
            tiers = [(Every("type"), live(searcher.docs_for_query(Every("type"))))]
        else:
            word_docs = {word: live(searcher.docs_for_query(q)) for word, q in queries.items()}
            all_words = set.intersection(*word_docs.values())
            everything = list(queries.values())
            if len(everything) == 1 or len(filtered(all_words)) >= STRICT_ENOUGH:
                tiers = [(And(everything), all_words)]
            else:  # fewer matches than a coach needs: add offerings matching most of the words
                counts = Counter(chain.from_iterable(word_docs.values()))
                tiers = [(Or(everything), {doc for doc, n in counts.items() if n == k})
                         for k in range(len(everything), 0, -1)]
        base = set().union(*(docs for _, docs in tiers))
        matched = filtered(base)
        if sortedby:  # a sort order other than relevance ignores the tiers
            tiers = [(Or([q for q, _ in tiers]) if len(tiers) > 1 else tiers[0][0], base)]
        ids: list[str] = []
        for query, docs in tiers:
            docs = filtered(docs)
            if len(ids) >= needed:
                break
            if docs:
                hits = searcher.search(query, limit=needed - len(ids), filter=docs, sortedby=sortedby,
                                       reverse=bool(sortedby), terms=False)
                ids += [hit["id"] for hit in hits]
        result = SearchResult(
            ids=ids[(page - 1) * request.per_page:needed], total=len(matched), page=page, per_page=request.per_page,
            broadened=len(tiers) > 1 and bool(matched - tiers[0][1]), full_matches=len(filtered(tiers[0][1])),
            words=words,
        )
        if request.with_facets:
            result.facets = _facets(searcher, generation, base, request.filters)
        unknown = [word for word in words if word in queries and not word_docs[word]] if queries else []
        if unknown:
            result.suggestion = _suggest(searcher, words, set(unknown))
    return result


def _facets(searcher, generation, base: set[int], filters: Filters) -> dict:
    """Counts per facet value, each facet counted with the other facets' filters (so alternatives show)."""
    values = facet_values(generation, searcher)
    facets = {}
    for name in FACETS:
        allowed = _allowed(searcher, filters, leave_out=name)
        facets[name] = _count_facets(values[name], base if allowed is None else base & allowed)
    allowed = _allowed(searcher, filters, leave_out="open")
    open_docs = set(searcher.docs_for_query(NumericRange("open", 1, None)))
    facets["open"] = [("open", len((base if allowed is None else base & allowed) & open_docs))]
    return facets


def _suggest(searcher, words: list[str], unknown: set[str]) -> str | None:
    """"Tarkoititko: …": the query with its unknown words replaced by the closest words in the index."""
    corrector = searcher.corrector("words")
    corrected = []
    for word in words:
        suggestions = corrector.suggest(word, limit=1, maxdist=2) if word in unknown and len(word) > 3 else []
        corrected.append(suggestions[0] if suggestions else word)
    return " ".join(corrected) if corrected != words else None


class _MarkFormatter(highlight.Formatter):
    """<mark> around matched words; everything else escaped."""

    between = " … "

    def _text(self, text):
        return str(escape(text))

    def format_token(self, text, token, replace=False):
        return f"<mark>{self._text(highlight.get_text(text, token, replace))}</mark>"


def snippet(text: str, words: list[str], language: str = "fi", top: int = 2) -> Markup:
    """The parts of `text` where the query's words (in any inflected form) appear, matches marked."""
    if not text or not words:
        return Markup("")
    terms = set()
    for word in words:
        terms.update(terms_of(word, language if language in LANGUAGES else "fi"))
    fragmenter = highlight.ContextFragmenter(maxchars=200, surround=60)
    result = highlight.highlight(text, frozenset(terms), analyzer(language), fragmenter, _MarkFormatter(), top=top)
    return Markup(result)
