"""Top-k ranking without scoring every match.

A tier's matching documents are known as a set (docsets). When the set is small, every document is
scored exactly: the same BM25F score Whoosh would give (the sum of the matching term scores), from
cached per-term weights, without walking postings. When it is large, the pool is first
narrowed to the documents matching every word in the strongest fields (titles, then summaries, type
names, places), since a title match outweighs any description, and, past a limit, to the most
recently confirmed of them (the exact scores then order that pool).
"""

import heapq
from collections.abc import Iterable

from pyroaring import FrozenBitMap
from whoosh.scoring import bm25

from marketplace.search import docsets

EXACT_LIMIT = 40  # documents scored exactly per tier (at least three times the results wanted)
COLUMNS = ("confirmed", "open")  # the sortable columns results are ordered by
# Field groups from strongest to weakest (BM25F boosts in schema.TEXT_FIELDS); "body" is everything.
STRONG_LEVELS = (("title",), ("title", "summary"), ("title", "summary", "tags"),
                 ("title", "summary", "tags", "places", "organisation"))


def _base(field: str) -> str:
    name, _, language = field.rpartition("_")
    return name if language in ("fi", "sv", "en") else field


def exact_scores(searcher, pairs: list[tuple[str, str, float]], docs: Iterable[int]) -> dict[int, float]:
    """BM25F score of each document: the sum of the scores of the (field, term) pairs it matches, each
    multiplied by its weight.

    The same formula and statistics Whoosh's BM25F uses, over cached per-term weights, so scoring a
    pool never walks postings.
    """
    pool = docs if isinstance(docs, FrozenBitMap) else FrozenBitMap(docs)
    scores = dict.fromkeys(pool, 0.0)
    weighting = searcher.weighting
    for field, text, factor in dict.fromkeys(pairs):
        present = pool & docsets.term(searcher, field, text)
        if not present:
            continue
        term_weights = docsets.weights(searcher, field, text)
        idf = searcher.idf(field, text)
        average = searcher.avg_field_length(field) or 1
        b = weighting._field_B.get(field, weighting.B)
        for doc in present:
            length = searcher.doc_field_length(doc, field, 1)
            scores[doc] += factor * bm25(idf, term_weights[doc], length, average, b, weighting.K1)
    return scores


def _strong_docs(searcher, words: dict, level: tuple[str, ...]) -> FrozenBitMap:
    """Documents that match every word in one of the level's fields."""
    sets = [docsets.any_pair(searcher, [(m.field, m.term) for m in matches if _base(m.field) in level])
            for matches in words.values()]
    return docsets.intersection(sets)


def _pool(searcher, words, docs: FrozenBitMap, wanted: int) -> FrozenBitMap:
    limit = max(EXACT_LIMIT, 3 * wanted)
    if len(docs) <= limit:
        return docs
    pool = docs
    for level in STRONG_LEVELS:
        strong = docs & _strong_docs(searcher, words, level)
        if len(strong) >= wanted:
            pool = strong
            break
    if len(pool) <= limit:
        return pool
    confirmed = docsets.column_values(searcher, "confirmed")
    return FrozenBitMap(heapq.nlargest(limit, pool, key=confirmed.__getitem__))


def rank(searcher, words: dict[str, list], docs: FrozenBitMap, wanted: int) -> list[int]:
    """The best `wanted` documents of `docs` for the query words (their Match lists), best first."""
    if not docs or wanted <= 0:
        return []
    pool = _pool(searcher, words, docs, wanted)
    scores = exact_scores(searcher, [(m.field, m.term, m.weight) for ms in words.values() for m in ms], pool)
    # Equal scores: the more recently confirmed first, so the order does not depend on the order documents
    # were written in (a rebuilt index, or another instance with the same data, answers the same).
    confirmed = docsets.column_values(searcher, "confirmed")
    return sorted(sorted(scores), key=lambda doc: (scores[doc], confirmed[doc]), reverse=True)[:wanted]


def in_order(searcher, column: str, docs: FrozenBitMap, wanted: int) -> list[int]:
    """The first `wanted` documents of `docs` by a column, largest first (ties: earlier documents first)."""
    values = docsets.column_values(searcher, column)
    return heapq.nlargest(wanted, docs, key=lambda doc: (values[doc], -doc))
