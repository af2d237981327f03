"""Snippets: where the query's words appear in a result's text, marked, escaped and cut between words; each
distinct word is analysed once, so a page of snippets never re-analyses its documents."""

from markupsafe import Markup

from marketplace.search import snippets
from marketplace.search.analysis import terms_of
from marketplace.search.snippets import snippet

FILLER = "Täyteteksti on pitkä ja sitä on paljon. " * 4


def test_inflected_forms_are_marked_and_the_rest_escaped():
    marked = snippet("Puutyöpajassa <b>nuoret</b> & aikuiset tekevät töitä.", frozenset(terms_of("puutyöpaja nuori")))
    assert isinstance(marked, Markup)
    assert str(marked) == ("<mark>Puutyöpajassa</mark> &lt;b&gt;<mark>nuoret</mark>&lt;/b&gt; &amp; aikuiset "
                           "tekevät töitä.")


def test_fragments_are_cut_between_words_and_the_richest_come_first_in_text_order():
    text = (FILLER + "Puutyöpajassa opitaan. " + FILLER + "Nuorille puutyöpaja on avoinna. " + FILLER
            + "Pajalla on myös kahvio.")
    marked = str(snippet(text, frozenset(terms_of("puutyöpaja nuorille")), top=2))
    first, second = marked.split(" … ")
    assert "<mark>Puutyöpajassa</mark>" in first and "<mark>Nuorille</mark> <mark>puutyöpaja</mark>" in second
    for fragment in (first, second):  # each starts and ends with a whole word
        plain = fragment.replace("<mark>", "").replace("</mark>", "")
        assert plain.split()[0] in text.split() and plain.split()[-1] in text.split()
        assert len(plain) <= snippets.MAX_CHARS
    assert "kahvio" not in marked  # a third, poorer fragment is left out


def test_no_match_and_no_terms_give_nothing():
    assert snippet("Ompelua ja siivousta.", frozenset(terms_of("puutyöpaja"))) == ""
    assert snippet("Puutyöpaja", frozenset()) == "" and snippet("", frozenset(terms_of("paja"))) == ""


def test_a_word_seen_before_is_not_analysed_again(monkeypatch):
    text = "Metallipajassa hitsataan ja korjataan koneita nuorten kanssa."
    terms = frozenset(terms_of("metallipaja"))
    first = snippet(text, terms)

    def refuse(*args):
        raise AssertionError("a word was analysed again")

    monkeypatch.setattr(snippets, "terms_of", refuse)
    assert snippet(text, terms) == first and "<mark>Metallipajassa</mark>" in first
