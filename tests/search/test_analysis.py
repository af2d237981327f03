"""Finnish analysis: inflected and compound forms meet on the same terms; unrelated words do not."""

import pickle

import pytest

from marketplace.search.analysis import analyzer, snowball_fi, terms_of
from marketplace.search.query import clean_words, word_matches


def query_terms(text: str) -> set[str]:
    """The terms a query's words look for in a Finnish title."""
    return {match.term for word in clean_words(text) for match in word_matches(word) if match.field == "title_fi"}


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("työkokeilu", "Työkokeiluun hakeudutaan"),
        ("kokeilu", "työkokeilu kierrätyskeskuksessa"),
        ("paja", "työpajassa opitaan"),
        ("kiinteistöhuolto", "kiinteistöhuollon työtehtävät"),
        ("nuoret", "nuorille ja nuorten aikuisten"),
        ("valmennus", "valmennukseen ohjataan"),
        ("Salo", "palvelu Salossa"),
        ("verstas", "puusepänverstaalla tehdään"),
        ("opinnollistaminen", "opinnollistamisen malli"),
        ("maahanmuuttaja", "maahanmuuttajille suunnattu"),
    ],
)
def test_forms_of_a_word_share_terms(query, text):
    assert query_terms(query) & set(terms_of(text))


@pytest.mark.parametrize(("query", "text"), [
    ("paja", "pihatyöt"), ("kokki", "kokeilu"), ("salko", "Salossa"),
    ("työpaja", "korjaustöitä metallipajassa"),  # työ and paja, but in two words: no työpaja here
])
def test_unrelated_words_do_not_match(query, text):
    assert not query_terms(query) & set(terms_of(text))


def test_compound_keeps_the_whole_lemma_its_marked_parts_and_runs_of_parts():
    assert terms_of("työkokeiluun") == ["työkokeilu", "~työ", "~kokeilu", "työ+kokeilu"]
    assert terms_of("puusepänverstaalla") == ["puusepänverstas", "~puu", "~seppä", "~verstas", "puu+seppä",
                                              "puu+seppä+verstas", "seppä+verstas"]


def test_a_compound_query_meets_the_same_compound_inside_a_longer_one():
    assert query_terms("mielenterveys") & set(terms_of("mielenterveyskuntoutujille"))
    assert query_terms("työpaja") & set(terms_of("puutyöpajassa"))
    assert query_terms("paja") == {"paja", "~paja"}  # a simple word, also as a part


def test_municipality_wins_over_a_common_noun():
    assert terms_of("Salossa") == ["salo"]  # not "salko"


def test_stopwords_are_dropped():
    assert terms_of("ja tai että") == []


def test_swedish_and_english_have_their_own_stemming():
    assert terms_of("arbetsprövningen", "sv") == terms_of("arbetsprövning", "sv")
    assert terms_of("coaching", "en") == terms_of("coach", "en")


def test_snowball_fallback_unifies_verbal_nouns():
    assert snowball_fi("opinnollistaminen") == snowball_fi("opinnollistamisen")


def test_analyzer_pickles_without_native_handles():
    finnish = analyzer("fi")
    list(finnish("työpajaan"))  # creates the Voikko handle and fills the cache
    restored = pickle.loads(pickle.dumps(finnish))
    assert [token.text for token in restored("työpajaan")] == ["työpaja", "~työ", "~paja", "työ+paja"]
    assert b"libvoikko" not in pickle.dumps(finnish)
