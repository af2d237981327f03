"""Searching as a coach does: inflected words, facets with counts, sorting, typos, and hostile input."""

import pytest

from marketplace.catalog import service as catalog
from marketplace.catalog.models import DeliveryMode
from marketplace.search.query import Filters, SearchRequest, search


def titles(result) -> list[str]:
    return [o.title for o in catalog.offerings_by_uuids(result.ids)]


@pytest.fixture
def network(make_org, make_offering):
    salo = make_org(name="Salon Työpajat ry")
    tampere = make_org(name="Tampereen Säätiö sr")
    return {
        "puupaja": make_offering(org=salo, title="Nuorten puutyöpaja", offering_type="workshop",
                                 summary="Puusepänverstaalla tehdään asiakastöitä.", target_groups=["under_30"],
                                 municipalities=["734"], capacity_total=6, open_places=2),
        "kokeilu": make_offering(org=salo, title="Työkokeilu kiinteistöhuollossa", offering_type="work_trial",
                                 summary="Kiinteistöhuollon tehtäviä Salossa.", target_groups=["long_term_unemployed"],
                                 municipalities=["734", "284"], capacity_total=3, open_places=0),
        "kieli": make_offering(org=tampere, title="Suomen kielen kurssi", offering_type="language_training",
                               summary="Suomea maahanmuuttajille työelämän tilanteisiin.", target_groups=["immigrants"],
                               municipalities=["837"], languages=["fi", "en"]),
        "sv": make_offering(org=tampere, title="Arbetsprövning i verkstaden", offering_type="work_trial",
                            summary="Arbetsprövning för unga på svenska.", content_language="sv", languages=["sv"],
                            municipalities=["837"], delivery_mode=DeliveryMode.REMOTE, postal_code="", post_office=""),
    }


@pytest.mark.parametrize(
    ("query", "expected_first"),
    [
        ("työkokeiluun", "Työkokeilu kiinteistöhuollossa"),
        ("kiinteistöhuolto", "Työkokeilu kiinteistöhuollossa"),
        ("paja nuorille", "Nuorten puutyöpaja"),
        ("verstas", "Nuorten puutyöpaja"),
        ("maahanmuuttajille suomen kieltä", "Suomen kielen kurssi"),
        ("Salossa", "Työkokeilu kiinteistöhuollossa"),
        ("arbetsprövningen", "Arbetsprövning i verkstaden"),
        ("Punkalaitumella ja Kosken kunnassa", "Työkokeilu kiinteistöhuollossa"),
    ],
)
def test_inflected_and_compound_queries_find_the_offering(network, query, expected_first):
    assert titles(search(SearchRequest(text=query)))[0] == expected_first


def test_place_names_match_in_any_case(network):
    assert set(titles(search(SearchRequest(text="Tampereella")))) == {
        "Suomen kielen kurssi", "Arbetsprövning i verkstaden"}
    assert set(titles(search(SearchRequest(text="Tammerfors")))) == {
        "Suomen kielen kurssi", "Arbetsprövning i verkstaden"}
    assert set(titles(search(SearchRequest(text="Pirkanmaalla")))) == {
        "Suomen kielen kurssi", "Arbetsprövning i verkstaden"}


def test_long_questions_fall_back_to_partial_matches_best_first(network):
    result = search(SearchRequest(text="haluaisin puutöitä nuorelle asiakkaalle salossa"))
    assert result.broadened and titles(result)[0] == "Nuorten puutyöpaja"


def test_facet_counts_and_combined_filters(network):
    result = search(SearchRequest())
    assert dict(result.facets["type"]) == {"work_trial": 2, "workshop": 1, "language_training": 1}
    assert dict(result.facets["municipalities"])["734"] == 2
    assert dict(result.facets["open"]) == {"open": 3}  # not limited counts as open

    filtered = search(SearchRequest(filters=Filters(type=("work_trial",), municipalities=("837",))))
    assert titles(filtered) == ["Arbetsprövning i verkstaden"]
    # Each facet is counted with the other facets' filters, so the alternatives stay visible.
    assert dict(filtered.facets["type"]) == {"work_trial": 1, "language_training": 1}
    assert dict(filtered.facets["municipalities"]) == {"734": 1, "284": 1, "837": 1}


def test_open_places_filter_and_sorts(network):
    assert "Työkokeilu kiinteistöhuollossa" not in titles(search(SearchRequest(filters=Filters(open_only=True))))
    by_places = titles(search(SearchRequest(sort="open")))
    assert by_places.index("Nuorten puutyöpaja") < by_places.index("Työkokeilu kiinteistöhuollossa")
    assert titles(search(SearchRequest(sort="newest")))[0] == "Arbetsprövning i verkstaden"  # made last


def test_pagination(make_org, make_offering):
    org = make_org()
    for n in range(25):
        make_offering(org=org, title=f"Valmennusryhmä {n}")
    first, second = (search(SearchRequest(text="valmennus", page=p, per_page=10)) for p in (1, 3))
    assert first.total == 25 and first.pages == 3 and len(first.ids) == 10 and len(second.ids) == 5
    assert not set(first.ids) & set(second.ids)


def test_a_typo_is_corrected_from_the_index_vocabulary(network):
    result = search(SearchRequest(text="työkokelu"))
    assert result.corrected_from == "työkokelu" and titles(result)[0] == "Työkokeilu kiinteistöhuollossa"
    typo_with_hits = search(SearchRequest(text="kiinteistöhuolto puutyöpja"))  # the typo alone found nothing
    assert typo_with_hits.corrected_from == "kiinteistöhuolto puutyöpja" and typo_with_hits.typed_total == 1
    assert typo_with_hits.words == ["kiinteistöhuolto", "puutyöpaja"]
    as_typed = search(SearchRequest(text="kiinteistöhuolto puutyöpja", correct=False))
    assert as_typed.suggestion == "kiinteistöhuolto puutyöpaja" and as_typed.corrected_from is None


@pytest.mark.parametrize(
    "query",
    ['"', "'", "*", "?", "AND", "OR NOT", "title:(", "työ*", "((((", '"työkokeilu', "~2", "^3", "\x00\x07\x1b",
     "x" * 5000, "työkokeilu " * 500, "<script>alert(1)</script>", "DROP TABLE offering;", "ää öö åå", "🙂"],
)
def test_hostile_queries_answer_without_errors(network, query):
    result = search(SearchRequest(text=query))
    assert result.total >= 0 and result.pages >= 1
