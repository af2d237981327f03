"""A worker's first search, and the first after a new index generation, costs what any other does: the sets
every search needs are built as the generation is written, saved with it, and read, never walked from postings
in a visitor's request."""

import pytest
from whoosh.searching import Searcher

from marketplace.search import docsets
from marketplace.search.indexer import reindex, store
from marketplace.search.query import SearchRequest, search, warm_up


@pytest.fixture
def no_postings(monkeypatch):
    """Fail any search that builds a document set from postings (other than finding the meta document)."""
    reads = Searcher.docs_for_query

    def refuse(searcher, query, **kwargs):
        if query.field() != "id":
            raise AssertionError(f"a visitor's search built a document set: {query}")
        return reads(searcher, query, **kwargs)

    def read(reader, field, text):
        raise AssertionError(f"a visitor's search read the postings of {field}:{text}")

    def forbid():
        monkeypatch.setattr(Searcher, "docs_for_query", refuse)
        monkeypatch.setattr(docsets, "postings", read)

    return forbid


def _offerings(make_offering):
    for n in range(3):
        make_offering(title=f"Puutyöpaja {n}", municipalities=["734", "853"][: n + 1])


def test_after_the_warm_up_a_first_search_reads_no_postings(app, make_offering, no_postings):
    _offerings(make_offering)
    assert warm_up() > 0
    no_postings()
    result = search(SearchRequest())
    assert result.total == 3 and dict(result.facets["municipalities"]) == {"734": 3, "853": 2}


def test_a_new_generation_carries_its_sets_to_a_fresh_worker(app, make_offering, no_postings):
    _offerings(make_offering)
    assert reindex() == 3
    folder = store().root / store().current_name()
    assert (folder / docsets.SAVED).stat().st_size > 0
    docsets.clear()  # a worker that has never seen this generation
    no_postings()
    result = search(SearchRequest())
    assert result.total == 3 and dict(result.facets["municipalities"]) == {"734": 3, "853": 2}
    assert dict(result.facets["type"]) == {"workshop": 3}


def test_an_unreadable_saved_file_only_means_building_the_sets(app, make_offering):
    _offerings(make_offering)
    reindex()
    folder = store().root / store().current_name()
    (folder / docsets.SAVED).write_bytes(b"not a pickle")
    docsets.clear()
    assert search(SearchRequest()).total == 3
