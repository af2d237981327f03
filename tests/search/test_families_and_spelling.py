"""What a coach means: word families, compound parts that count less, and typos corrected word by word."""

import re

import pytest

from marketplace import create_app
from marketplace.catalog import service as catalog
from marketplace.extensions import db
from marketplace.search import families
from marketplace.search.models import WordFamily
from marketplace.search.query import SearchRequest, search
from marketplace.search.snippets import snippet


def found(text: str) -> list[str]:
    return [o.title for o in catalog.offerings_by_uuids(search(SearchRequest(text=text, per_page=50)).ids)]


@pytest.fixture
def offerings(make_org, make_offering):
    org = make_org(name="Kaarisilta ry")
    for title, summary in [
        ("Kuntouttava työtoiminta ompelimossa", "Ompelimon tehtäviä pienissä ryhmissä."),
        ("Kuntoutus ja liikunta", "Kuntoutuksen ryhmät."),
        ("Metallipaja", "Hitsaajaksi opitaan levytöissä ja korjaustöitä tehden."),
        ("Laitoshuoltajan työkokeilu", "Siisteystehtävät palvelutalossa."),
        ("Kiinteistöhuollon työpaja", "Kiinteistön huoltotehtäviä."),
    ]:
        make_offering(org=org, title=title, summary=summary)


@pytest.fixture
def coordinator(make_user, login):
    user = make_user(coordinator=True)
    login(user)
    return user


def test_a_shipped_family_finds_related_words_below_the_word_itself(offerings):
    assert found("kuntoutus")[:2] == ["Kuntoutus ja liikunta", "Kuntouttava työtoiminta ompelimossa"]
    assert found("kuntoutukseen")[:2] == ["Kuntoutus ja liikunta", "Kuntouttava työtoiminta ompelimossa"]
    assert found("siivooja") == ["Laitoshuoltajan työkokeilu"]
    assert "Kuntouttava työtoiminta ompelimossa" in found("ompelija")


def test_voikko_joins_derivations_without_a_list(offerings):
    assert found("hitsaus") == ["Metallipaja"]  # hitsaus and hitsaaja both derive from hitsata


def test_parts_of_two_words_are_not_a_compound_and_are_not_marked(offerings):
    result = search(SearchRequest(text="työpaja"))
    assert found("työpaja")[0] == "Kiinteistöhuollon työpaja"  # the word itself before paja, its family
    marked = snippet("Hitsaajaksi opitaan levytöissä ja korjaustöitä metallipajassa.", result.highlight)
    assert "<mark>metallipajassa</mark>" in marked and "<mark>korjaustöitä</mark>" not in marked


def test_a_part_in_most_offerings_never_matches_alone(make_org, make_offering):
    org = make_org()
    for n in range(60):
        make_offering(org=org, title=f"{('Korjaus', 'Metalli', 'Siivous', 'Kokki')[n % 4]}työ {n}", summary="Pieniä.")
    make_offering(org=org, title="Työ ja arki", summary="Työstä arkeen.")
    assert found("työ") == ["Työ ja arki"]  # not the 60 where työ is only a part
    assert len(found("korjaus")) == 15  # a part that says something still matches


def test_a_coordinators_family_applies_at_once_in_every_worker(client, coordinator, offerings, app_config, tmp_path):
    assert found("ompeluseura") == []
    response = client.post("/coordinator/word-families", data={"words": "ompeluseura, ompelimo"})
    assert response.status_code == 302
    assert found("ompeluseura") == ["Kuntouttava työtoiminta ompelimossa"]
    row = db.session.scalar(db.select(WordFamily).where(WordFamily.shipped_key.is_(None)))
    assert row.words == "ompeluseura,ompelimo" and row.updated_by_id == coordinator.id
    other = create_app({**app_config}, instance_path=str(tmp_path / "other"))  # another worker, same database
    with other.app_context():
        try:
            assert families.current().related_words("ompeluseura") == ("ompelimo",)
        finally:
            db.session.remove()
            db.engine.dispose()


def test_a_shipped_family_can_be_changed_switched_off_and_restored(client, coordinator, offerings):
    page = client.get("/coordinator/word-families").get_data(as_text=True)
    assert "kuntoutus, kuntouttava, kuntoutuja" in page and "Toimitettu" in page
    client.post("/coordinator/word-families/switch", data={"shipped_key": "siivous", "active": "0"})
    assert found("siivooja") == []
    client.post("/coordinator/word-families", data={"shipped_key": "siivous", "words": "siivooja, laitoshuoltaja"})
    assert found("siivooja") == ["Laitoshuoltajan työkokeilu"] and found("siivous") == []
    assert "Toimitettu, muutettu" in client.get("/coordinator/word-families").get_data(as_text=True)
    client.post("/coordinator/word-families/restore", data={"shipped_key": "siivous"})
    assert db.session.scalar(db.select(db.func.count(WordFamily.id))) == 0 and found("siivous")


@pytest.mark.parametrize(("words", "message"), [("ompelu", "vähintään kaksi sanaa"), (", ,", "vähintään kaksi"),
                                                (" ".join(f"sana{n}" for n in range(13)), "Enintään 12")])
def test_a_family_needs_two_to_twelve_words(client, coordinator, words, message):
    response = client.post("/coordinator/word-families", data={"words": words})
    assert response.status_code == 422 and message in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(WordFamily.id))) == 0


@pytest.mark.parametrize("data", [{"family_id": "999", "words": "a1, b2"}, {"shipped_key": "nope", "words": "a1, b2"},
                                  {"family_id": "x", "words": "a1, b2"}])
def test_an_unknown_family_is_404(client, coordinator, data):
    assert client.post("/coordinator/word-families", data=data).status_code == 404
    assert client.post("/coordinator/word-families/switch", data={**data, "active": "0"}).status_code == 404
    assert client.post("/coordinator/word-families/restore", data={"shipped_key": "nope"}).status_code == 404


def test_only_a_coordinator_changes_families(client, make_user, login):
    login(make_user())
    assert client.get("/coordinator/word-families").status_code == 403
    assert client.post("/coordinator/word-families", data={"words": "a1, b2"}).status_code == 403
    assert client.post("/coordinator/word-families/switch", data={"shipped_key": "kuntoutus"}).status_code == 403
    assert client.post("/coordinator/word-families/restore", data={"shipped_key": "kuntoutus"}).status_code == 403
    assert db.session.scalar(db.select(db.func.count(WordFamily.id))) == 0


def test_a_typo_in_any_word_is_corrected_and_said(client, offerings):
    page = client.get("/search?q=kiinteistöhuolon+työpaja").get_data(as_text=True)
    assert "Näytetään tulokset haulla ”kiinteistöhuollon työpaja”." in page
    assert re.findall(r'class="card-title"[^>]*><a [^>]*>([^<]+)</a>', page)[0] == "Kiinteistöhuollon työpaja"
    typed = re.search(r'Hae sen sijaan: <a href="([^"]+)">kiinteistöhuolon työpaja</a>', page).group(1)
    as_typed = client.get(typed.replace("&amp;", "&")).get_data(as_text=True)
    assert "Näytetään tulokset haulla" not in as_typed and "Tarkoititko" in as_typed


def test_a_word_voikko_does_not_know_is_corrected_from_the_index(offerings, make_offering):
    make_offering(title="Palkkatuettu työ ompelimossa", summary="Palkkatuettu työsuhde.")
    result = search(SearchRequest(text="palkatuettu"))
    assert result.corrected_from == "palkatuettu" and result.words == ["palkkatuettu"]
