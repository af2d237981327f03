"""Document sets cached per index segment: counts, facets and filters as fast set algebra.

Counting matches, facet counts, filters and candidate pools are intersections and unions of these
sets instead of walking Whoosh matchers in Python on every search. The sets are Roaring bitmaps
(pyroaring): a set of 95,000 of 100,000 documents takes 12 KB instead of some 5 MB as a Python set, and
their algebra runs in C. Sets are cached per segment, so applying a change (which adds a small segment
and deletes a few documents) keeps the large segment's sets; deleted documents are subtracted on every use.
"""

import os
import pickle
from array import array
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Callable, Iterable
from pathlib import Path
from threading import Lock

from pyroaring import FrozenBitMap
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.query import NumericRange, Term

from marketplace.search.schema import META_ID

EMPTY = FrozenBitMap()
SAVED = "docsets.pickle"  # in a generation's directory: the sets every search needs, written with the index


def union(sets) -> FrozenBitMap:
    sets = list(sets)
    return FrozenBitMap.union(*sets) if sets else EMPTY


def intersection(sets) -> FrozenBitMap:
    sets = list(sets)
    return FrozenBitMap.intersection(*sets) if sets else EMPTY


def _size(value) -> int:
    """Bytes held, roughly: a bitmap's containers, 8 bytes a posting of a weight array, 40 bytes an element else."""
    if isinstance(value, FrozenBitMap):
        stats = value.get_statistics()
        return 64 + stats["n_bytes_array_containers"] + stats["n_bytes_run_containers"] + \
            stats["n_bytes_bitset_containers"]
    if isinstance(value, tuple) and value and isinstance(value[0], array):
        return 8 * len(value[0])
    return 40 * len(value)


class _Cache:
    """Least recently used entries first out, bounded by the bytes held."""

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self.entries: OrderedDict = OrderedDict()
        self.held = 0

    def get(self, key):
        found = self.entries.get(key)
        if found is not None:
            self.entries.move_to_end(key)
        return found

    def put(self, key, value) -> None:
        if key in self.entries:
            self.held -= _size(self.entries.pop(key))
        self.entries[key] = value
        self.held += _size(value)
        while self.held > self.max_bytes and len(self.entries) > 1:
            self.held -= _size(self.entries.popitem(last=False)[1])

    def clear(self) -> None:
        self.entries.clear()
        self.held = 0


_lock = Lock()
_segments = _Cache(max_bytes=96 * 2**20)  # (segment id, key) -> the segment's own document numbers, weights
_versions = _Cache(max_bytes=32 * 2**20)  # key -> value for the current index version only
_current_version: tuple | None = None


def clear() -> None:
    """Forget every cached set. Segments are known by their ids, which Whoosh draws from the `random` module: a
    process that opens one index after another (the tests, where Hypothesis seeds `random` alike in every
    example) must start afresh with each, or it may take one index's sets for another's."""
    global _current_version
    with _lock:
        _segments.clear()
        _versions.clear()
        _current_version = None
        _loaded.clear()


def _leaves(searcher) -> list[tuple[str, object, int]]:
    return _layout(searcher)[0]


def _version(searcher) -> tuple:
    return _layout(searcher)[1]


def _layout(searcher) -> tuple[list, tuple]:
    """The searcher's segments (id, leaf searcher, offset) and its version: a searcher is a snapshot that never
    changes, so both are worked out once per searcher rather than on every set looked up."""
    found = searcher.__dict__.get("_docsets_layout")
    if found is None:
        leaves = [(sub.reader().segment().segment_id(), sub, offset) for sub, offset in searcher.leaf_searchers()]
        version = tuple((segment_id, offset, sub.reader().segment().deleted_count())
                        for segment_id, sub, offset in leaves)
        found = searcher.__dict__["_docsets_layout"] = (leaves, version)
    return found


def _per_version(searcher, key, compute: Callable[[], object]):
    global _current_version
    version = _version(searcher)
    with _lock:
        if version != _current_version:
            _versions.clear()
            _current_version = version
        found = _versions.get(key)
        if found is not None:
            return found
    value = compute()
    with _lock:
        if version == _current_version:
            _versions.put(key, value)
    return value


def _per_segment(segment_id: str, key, compute: Callable[[], Iterable[int]]) -> FrozenBitMap:
    with _lock:
        found = _segments.get((segment_id, key))
        if found is not None:
            return found
    found = FrozenBitMap(array("I", compute()))
    with _lock:
        _segments.put((segment_id, key), found)
    return found


def save(searcher, folder: Path) -> None:
    """Write the per-segment sets and columns this process holds for the searcher's segments into the
    generation's folder (after warming them): a worker reads them there instead of walking postings."""
    own = {segment_id for segment_id, _, _ in _leaves(searcher)}
    with _lock:
        entries = {key: value for key, value in _segments.entries.items() if key[0] in own}
    temporary = folder / f".{SAVED}.{os.getpid()}"
    temporary.write_bytes(pickle.dumps(entries, protocol=pickle.HIGHEST_PROTOCOL))
    os.replace(temporary, folder / SAVED)


_loaded: set[str] = set()


def load(folder: Path) -> None:
    """Take the sets saved with a generation into this process's cache, once per generation. Only our own
    rebuild writes the file, into the index directory whose pickled schema Whoosh trusts alike."""
    with _lock:
        if str(folder) in _loaded:
            return
        _loaded.add(str(folder))
    try:
        entries = pickle.loads((folder / SAVED).read_bytes())
    except (FileNotFoundError, pickle.UnpicklingError, EOFError):
        return  # an index built before sets were saved: they are built on demand
    with _lock:
        for key, value in entries.items():
            if _segments.get(key) is None:
                _segments.put(key, value)


def deleted(searcher) -> FrozenBitMap:
    def compute():
        return FrozenBitMap(array("I", (offset + doc for _, sub, offset in _leaves(searcher)
                                        for doc in (sub.reader().segment().deleted_docs() or ()))))
    return _per_version(searcher, ("deleted",), compute)


def _global(searcher, key, local: Callable[[object], Iterable[int]]) -> FrozenBitMap:
    """A set over the whole index from per-segment sets, without deleted documents."""
    def compute():
        parts = []
        for segment_id, sub, offset in _leaves(searcher):
            own = _per_segment(segment_id, key, lambda sub=sub: local(sub))
            parts.append(own if offset == 0 else own.shift(offset))
        whole = union(parts)
        gone = deleted(searcher)
        return whole - gone if gone else whole
    return _per_version(searcher, key, compute)


def postings(reader, field: str, text: str) -> tuple[array, array]:
    """A term's document numbers and weights in one segment, deleted documents included (every set is used
    without them). Read a block at a time: Whoosh's matcher steps one posting at a time in Python, which over
    a term most of 100,000 documents have is most of a first search's time."""
    ids, weights = array("I"), array("f")
    if (field, text) not in reader:
        return ids, weights
    matcher = reader.postings(field, text)
    if isinstance(matcher, FilterMatcher):  # the segment's deletions, left to the caller
        matcher = matcher.child
    if isinstance(matcher, W3LeafMatcher):  # the codec Whoosh writes: its blocks' id and weight arrays
        while matcher.is_active():
            matcher._read_ids()
            matcher._read_weights()
            ids.extend(matcher._ids)
            weights.extend(matcher._weights)
            matcher._next_block()
        return ids, weights
    while matcher.is_active():
        ids.append(matcher.id())
        weights.append(matcher.weight())
        matcher.next()
    return ids, weights


def term(searcher, field: str, text: str) -> FrozenBitMap:
    if searcher.schema[field].scorable:  # words: ranking will want their weights
        return _global(searcher, ("term", field, text), lambda sub: _segment_postings(sub, field, text)[0])
    return _global(searcher, ("term", field, text), lambda sub: postings(sub.reader(), field, text)[0])


def _segment_postings(sub, field: str, text: str) -> tuple[array, array]:
    """A segment's postings of a term, read once for both its set and its weights (ranking wants the weights
    of most terms whose sets a search builds)."""
    key = (sub.reader().segment().segment_id(), ("weights", field, text))
    with _lock:
        found = _segments.get(key)
    if found is None:
        found = postings(sub.reader(), field, text)
        with _lock:
            _segments.put(key, found)
    return found


def any_term(searcher, field: str, texts) -> FrozenBitMap:
    """The documents with any of the values in the field."""
    return union(term(searcher, field, text) for text in texts)


def any_pair(searcher, pairs) -> FrozenBitMap:
    """The documents with any of the (field, term) pairs."""
    return union(term(searcher, field, text) for field, text in pairs)


def any_count(searcher, pairs: tuple) -> int:
    """How many documents have any of the (field, term) pairs, remembered for the index version."""
    return _per_version(searcher, ("count", pairs), lambda: (len(any_pair(searcher, pairs)),))[0]


def numeric_range(searcher, field: str, low, high) -> FrozenBitMap:
    return _global(searcher, ("range", field, low, high),
                   lambda sub: sub.docs_for_query(NumericRange(field, low, high)))


def all_documents(searcher) -> FrozenBitMap:
    """Every offering document (not the index's meta document)."""
    def local(sub):
        meta = set(sub.docs_for_query(Term("id", META_ID)))
        return (doc for doc in range(sub.doc_count_all()) if doc not in meta)
    return _global(searcher, ("all",), local)


def values(searcher, field: str) -> frozenset:
    """The values a keyword field has (the facet's possible values)."""
    return _per_version(searcher, ("values", field), lambda: frozenset(searcher.reader().field_terms(field)))


def column_values(searcher, column: str) -> list:
    """Each document's raw value of a sortable column, by document number (for ordering pools)."""
    def segment_values(segment_id, sub) -> tuple:
        key = (segment_id, ("column", column))
        with _lock:
            found = _segments.get(key)
        if found is None:
            reader = sub.reader().column_reader(column, translate=False)
            found = tuple(reader[doc] for doc in range(sub.doc_count_all()))
            with _lock:
                _segments.put(key, found)
        return found

    def compute() -> list:
        values = []
        for segment_id, sub, _offset in _leaves(searcher):  # leaves are in document-number order
            values.extend(segment_values(segment_id, sub))
        return values

    return _per_version(searcher, ("column", column), compute)


class Weights:
    """A term's weights (frequency with boosts) per document, kept compact: sorted ids and weights per
    segment (8 bytes a posting), looked up by bisection."""

    def __init__(self, segments: list[tuple[int, array, array]]):
        self.segments = segments  # (offset, ids, weights), in document order

    def __getitem__(self, doc: int) -> float:
        for offset, ids, values in reversed(self.segments):
            if doc >= offset:
                local = doc - offset
                index = bisect_left(ids, local)
                return values[index] if index < len(ids) and ids[index] == local else 0.0
        return 0.0


def weights(searcher, field: str, text: str) -> Weights:
    return Weights([(offset, *_segment_postings(sub, field, text)) for _, sub, offset in _leaves(searcher)])
