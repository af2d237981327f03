"""Honest counts: the total of a search says how many offerings match every word, and partial matches are
counted apart, on the results page and in the API."""

import re

from pyroaring import FrozenBitMap

from marketplace.search.query import SearchRequest, _by_words_matched, search


def test_offerings_matching_some_words_are_counted_apart(client, make_offering):
    def offering(title, summary):
        make_offering(title=title, summary=summary, description=summary, offering_type="coaching",
                      target_groups=["long_term_unemployed"])

    offering("Puutyöpaja nuorille", "Puutöitä nuorille.")
    offering("Puutyöpaja aikuisille", "Puutöitä ja nuorten ohjausta.")
    for n in range(3):
        offering(f"Ompelimo {n}", "Ompelua nuorille.")
    offering("Siivous", "Siivousta kaikille.")

    result = search(SearchRequest(text="puutyöpaja nuorille"))
    assert (result.full_matches, result.partial_matches, result.total) == (2, 3, 5)

    page = client.get("/search?q=puutyöpaja+nuorille").get_data(as_text=True)
    heading = re.sub(r"\s+", " ", re.search(r'class="results-count"[^>]*>(.*?)</h2>', page, re.S)[1]).strip()
    assert heading == "2 palvelua vastaa kaikkia hakusanoja ”puutyöpaja nuorille”, 3 osittain"

    listing = client.get("/api/v1/services?search=puutyöpaja+nuorille").get_json()
    assert listing["matches"] == {"all_words": 2, "some_words": 3} and listing["total_items"] == 5
    assert [item["name"] for item in listing["contents"]][:2] == ["Puutyöpaja nuorille", "Puutyöpaja aikuisille"]

    # a condition only the database can check (modified_after) counts the same way, among what it keeps
    kept = client.get("/api/v1/services?search=puutyöpaja+nuorille&modified_after=2020-01-01").get_json()
    assert kept["matches"] == {"all_words": 2, "some_words": 3} and kept["total_items"] == 5
    located = client.get("/api/v1/service_at_locations?search=puutyöpaja+nuorille&modified_after=2099-01-01")
    assert located.get_json()["matches"] == {"all_words": 0, "some_words": 0}


def test_a_search_every_offering_matches_fully_has_no_partial_count(client, make_offering):
    make_offering(title="Puutyöpaja nuorille")
    page = client.get("/search?q=puutyöpaja").get_data(as_text=True)
    assert "1 palvelu haulla ”puutyöpaja”" in page and "osittain" not in page
    assert client.get("/api/v1/services?search=puutyöpaja").get_json()["matches"] == {"all_words": 1,
                                                                                     "some_words": 0}
    assert "matches" not in client.get("/api/v1/services").get_json()  # no words, nothing to count apart


def test_tiers_hold_the_documents_matching_exactly_k_words():
    words = [FrozenBitMap([1, 2, 3, 4]), FrozenBitMap([2, 3, 5]), FrozenBitMap([3, 5, 6]), FrozenBitMap([7])]
    tiers = _by_words_matched(words)
    assert [sorted(tier) for tier in tiers] == [[], [3], [2, 5], [1, 4, 6, 7]]  # 4, 3, 2 and 1 of the words
