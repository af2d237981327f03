"""A provider writes an offering in more languages; readers see their language's version, search finds it."""

import json

import pytest

from marketplace.accounts.models import MemberRole
from marketplace.catalog.models import Offering, OfferingStatus
from marketplace.extensions import db
from tests.catalog.test_forms import form_data

SWEDISH = {
    "title_sv": "Snickeriverkstad för unga",
    "summary_sv": "Riktiga kundarbeten i en snickeriverkstad.",
    "description_sv": "Vi renoverar möbler.",
    "plain_language_summary_sv": "Du gör träarbeten.",
}


@pytest.fixture
def org(make_org):
    return make_org(name="Salon Työpajat ry")


@pytest.fixture
def member(make_user, org, login):
    user = make_user(org=org, role=MemberRole.ADMIN)
    login(user)
    return user


def publish(client, org, **fields):
    response = client.post(f"/organisations/{org.uuid}/offerings/new", data=form_data(**fields))
    assert response.status_code == 302, response.get_data(as_text=True)
    offering = db.session.scalars(db.select(Offering)).all()[-1]
    offering.status = OfferingStatus.PUBLISHED
    db.session.commit()
    return offering


def test_a_swedish_reader_sees_the_swedish_version_and_an_english_one_is_told_what_language_it_is(
        client, org, member):
    offering = publish(client, org, **SWEDISH)
    assert [(t.language, t.title) for t in offering.translations] == [("sv", "Snickeriverkstad för unga")]
    swedish = client.get(f"/offerings/{offering.uuid}", headers={"Accept-Language": "sv"}).get_data(as_text=True)
    assert "<h1 >Snickeriverkstad för unga</h1>" in swedish and "Vi renoverar möbler." in swedish
    assert "Du gör träarbeten." in swedish and "Puutyöpaja nuorille" not in swedish
    assert 'class="notice"' not in swedish.split("<main", 1)[1]
    english = client.get(f"/offerings/{offering.uuid}", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert '<h1 lang="fi">Puutyöpaja nuorille</h1>' in english
    assert '<p class="notice">The texts of this service are only in Finnish.</p>' in english
    finnish = client.get(f"/offerings/{offering.uuid}").get_data(as_text=True)
    assert "<h1 >Puutyöpaja nuorille</h1>" in finnish and "Snickeriverkstad" not in finnish
    cards = client.get("/offerings", headers={"Accept-Language": "sv"}).get_data(as_text=True)
    assert "Snickeriverkstad för unga" in cards and "Riktiga kundarbeten" in cards


def test_a_version_without_a_description_shows_the_offerings_own_marked_with_its_language(client, org, member):
    offering = publish(client, org, title_sv="Snickeriverkstad", summary_sv="Kundarbeten.")
    page = client.get(f"/offerings/{offering.uuid}", headers={"Accept-Language": "sv"}).get_data(as_text=True)
    assert "<h1 >Snickeriverkstad</h1>" in page and '<p class="lead" >Kundarbeten.</p>' in page
    assert '<div class="prose-block" lang="fi"><p>Kunnostamme huonekaluja.</p>' in page


def test_search_finds_the_offering_through_its_swedish_version(app, client, org, member):
    offering = publish(client, org, **SWEDISH)
    page = client.get("/search?q=snickeriverkstad", headers={"Accept-Language": "sv"}).get_data(as_text=True)
    assert f"/offerings/{offering.uuid}" in page
    stemmed = client.get("/search?q=m%C3%B6bler").get_data(as_text=True)  # a word of the Swedish description
    assert f"/offerings/{offering.uuid}" in stemmed


def test_the_edit_form_shows_and_changes_the_versions_and_the_history_says_which_language(client, org, member):
    offering = publish(client, org, **SWEDISH)
    form = client.get(f"/offerings/{offering.uuid}/edit").get_data(as_text=True)
    assert 'value="Snickeriverkstad för unga"' in form and 'lang="sv"' in form
    edited = form_data(version=str(offering.version), **{**SWEDISH, "title_sv": "Snickeri för unga"},
                       title_en="Carpentry workshop for young people", summary_en="Real work for customers.")
    assert client.post(f"/offerings/{offering.uuid}/edit", data=edited).status_code == 302
    assert {t.language: t.title for t in offering.translations} == {
        "sv": "Snickeri för unga", "en": "Carpentry workshop for young people"}
    history = client.get(f"/offerings/{offering.uuid}/history").get_data(as_text=True)
    assert "Palvelun nimi (ruotsi)" in history and "Snickeriverkstad för unga" in history
    assert "Palvelun nimi (englanti)" in history
    cleared = form_data(version=str(offering.version), title_en="Carpentry workshop for young people",
                        summary_en="Real work for customers.")
    assert client.post(f"/offerings/{offering.uuid}/edit", data=cleared).status_code == 302
    assert [t.language for t in offering.translations] == ["en"]  # emptying a language removes its version


@pytest.mark.parametrize(("fields", "message"), [
    ({"summary_sv": "Bara en sammanfattning."}, "Anna käännökselle myös palvelun nimi."),
    ({"title_fi": "Toinen nimi"}, "Palvelun tekstit on jo kirjoitettu tällä kielellä"),
    ({"title_sv": "Verkstad"}, "Anna käännökselle myös lyhyt kuvaus."),
    ({"title_sv": "x" * 201, "summary_sv": "Kort."}, "200"),
    ({"title_sv": "Verkstad", "summary_sv": "Kund 010101-123N"}, "henkilötunnu"),
])
def test_a_wrong_version_is_refused_beside_its_field_and_nothing_is_saved(client, org, member, fields, message):
    response = client.post(f"/organisations/{org.uuid}/offerings/new", data=form_data(**fields))
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert db.session.scalars(db.select(Offering)).all() == []


def versions(service: dict) -> dict:
    """The other language versions of an HSDS service: its "translation" attributes."""
    found = [json.loads(a["value"]) for a in service["attributes"] if a["taxonomy_term"]["code"] == "translation"]
    return {texts.pop("language"): texts for texts in found}


def test_the_api_answers_in_the_language_asked_for_and_lists_the_other_versions(client, org, member):
    offering = publish(client, org, **SWEDISH)
    swedish = client.get(f"/api/v1/services/{offering.uuid}", headers={"Accept-Language": "sv"}).get_json()
    assert (swedish["name"], swedish["language"]) == ("Snickeriverkstad för unga", "sv")
    assert versions(swedish) == {"fi": {"name": "Puutyöpaja nuorille", "description": form_data()["description"],
                                        "summary": form_data()["summary"],
                                        "plain_language_summary": form_data()["plain_language_summary"]}}
    default = client.get(f"/api/v1/services/{offering.uuid}", headers={"Accept-Language": "en"}).get_json()
    assert (default["name"], default["language"]) == ("Puutyöpaja nuorille", "fi")  # no English version
    assert list(versions(default)) == ["sv"]
    listed = client.get("/api/v1/services", headers={"Accept-Language": "sv"}).get_json()["contents"]
    assert [service["name"] for service in listed] == ["Snickeriverkstad för unga"]


def test_a_reimport_without_versions_keeps_them_and_our_own_export_brings_them_back(app, client, org, member):
    import io

    from marketplace.api.hsds.importer import import_services

    offering = publish(client, org, **SWEDISH)
    exported = client.get(f"/api/v1/services/{offering.uuid}", headers={"Accept-Language": "sv"}).get_json()
    finnish = client.get(f"/api/v1/services/{offering.uuid}", headers={"Accept-Language": "fi"}).get_json()
    plain = {key: value for key, value in finnish.items() if key not in ("attributes", "language")}  # another system
    plain["attributes"] = [a for a in finnish["attributes"] if a["taxonomy_term"]["taxonomy"] == "offering-type"]
    import_services(io.BytesIO(json.dumps([plain]).encode()))
    db.session.commit()
    assert [(t.language, t.title) for t in offering.translations] == [("sv", "Snickeriverkstad för unga")]
    import_services(io.BytesIO(json.dumps([exported]).encode()))  # Swedish shown, Finnish among the versions
    db.session.commit()
    texts = {texts.language: texts.title for texts in offering.all_texts()}
    assert texts == {"sv": "Snickeriverkstad för unga", "fi": "Puutyöpaja nuorille"}
