"""Top-k ranking without scoring every match.

A tier's matching documents are known as a set (docsets). When the set is small, every document is
scored exactly: the same BM25F score Whoosh would give (the sum of the matching term scores), by
stepping each term's postings through just those documents. When it is large, the pool is first
narrowed to the documents matching every word in the strongest fields (titles, then summaries, type
names, places), since a title match outweighs any description, and, past a limit, to the most
recently confirmed of them.
"""

from collections.abc import Iterable

from whoosh.query import Term

from marketplace.search import docsets

EXACT_LIMIT = 400
# Field groups from strongest to weakest (BM25F boosts in schema.TEXT_FIELDS); "body" is everything.
STRONG_LEVELS = (("title",), ("title", "summary"), ("title", "summary", "tags"),
                 ("title", "summary", "tags", "places", "organisation"))


def _base(field: str) -> str:
    name, _, language = field.rpartition("_")
    return name if language in ("fi", "sv", "en") else field


def exact_scores(searcher, pairs: list[tuple[str, str]], docs: Iterable[int]) -> dict[int, float]:
    """BM25F score of each document: the sum of the scores of the (field, term) pairs it matches."""
    ordered = sorted(docs)
    scores = dict.fromkeys(ordered, 0.0)
    reader = searcher.reader()
    context = searcher.context()
    for field, text in dict.fromkeys(pairs):
        if (field, text) not in reader:
            continue
        matcher = Term(field, text).matcher(searcher, context)
        for doc in ordered:
            if not matcher.is_active():
                break
            if matcher.id() < doc:
                matcher.skip_to(doc)
                if not matcher.is_active():
                    break
            if matcher.id() == doc:
                scores[doc] += matcher.score()
    return scores


def _strong_docs(searcher, words: dict[str, list[tuple[str, str]]], level: tuple[str, ...]) -> frozenset:
    """Documents that match every word in one of the level's fields."""
    sets = []
    for pairs in words.values():
        sets.append(frozenset().union(*(docsets.term(searcher, field, text) for field, text in pairs
                                        if _base(field) in level)))
    return frozenset.intersection(*sets) if sets else frozenset()


def _pool(searcher, words, docs: frozenset, wanted: int) -> frozenset:
    if len(docs) <= EXACT_LIMIT:
        return docs
    pool = docs
    for level in STRONG_LEVELS:
        strong = docs & _strong_docs(searcher, words, level)
        if len(strong) >= wanted:
            pool = strong
            break
    if len(pool) <= EXACT_LIMIT:
        return pool
    newest = []
    for doc in docsets.descending(searcher, "confirmed"):
        if doc in pool:
            newest.append(doc)
            if len(newest) == EXACT_LIMIT:
                break
    return frozenset(newest)


def rank(searcher, words: dict[str, list[tuple[str, str]]], docs: frozenset, wanted: int) -> list[int]:
    """The best `wanted` documents of `docs` for the query words, best first."""
    if not docs or wanted <= 0:
        return []
    pool = _pool(searcher, words, docs, wanted)
    pairs = [pair for word_pairs in words.values() for pair in word_pairs]
    scores = exact_scores(searcher, pairs, pool)
    return sorted(scores, key=lambda doc: (-scores[doc], doc))[:wanted]


def in_order(searcher, column: str, docs: frozenset, wanted: int) -> list[int]:
    """The first `wanted` documents of `docs` by a column, largest first."""
    chosen = []
    for doc in docsets.descending(searcher, column):
        if doc in docs:
            chosen.append(doc)
            if len(chosen) == wanted:
                break
    return chosen
