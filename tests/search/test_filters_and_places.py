"""Filters that show themselves, places in the query and distance: what a coach sees on the results page."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from marketplace.catalog import service as catalog
from marketplace.search.places import distance_km, point_code, split_places, within
from marketplace.search.query import Filters, SearchRequest, search

SALO, PAIMIO, TURKU, HELSINKI, ROVANIEMI = "734", "577", "853", "091", "698"


@pytest.fixture
def spread(make_org, make_offering):
    """Work trials and workshops around Salo, one in Helsinki, one far north, and one remote for the region."""
    org = make_org(name="Lounaispaja ry")

    def offering(title, **fields):
        return make_offering(org=org, title=title, summary=f"{title}.", **fields)

    return {
        "salo": offering("Työkokeilu Salon kierrätyskeskuksessa", offering_type="work_trial",
                              municipalities=[SALO]),
        "paimio": offering("Työkokeilu Paimion puutarhalla", offering_type="work_trial",
                                municipalities=[PAIMIO]),
        "turku": offering("Puutyöpaja Turussa", offering_type="workshop",
                               municipalities=[TURKU]),
        "helsinki": offering("Työkokeilu Helsingin kirjastossa", offering_type="work_trial",
                                  municipalities=[HELSINKI]),
        "rovaniemi": offering("Työkokeilu Rovaniemen matkailussa", offering_type="work_trial",
                                   municipalities=[ROVANIEMI]),
        "remote": offering("Työkokeilu verkossa: asiakaspalvelu", offering_type="work_trial",
                                municipalities=[SALO, TURKU], delivery_mode="remote"),
    }


def titles(page: str) -> list[str]:
    return re.findall(r'class="card-title"[^>]*><a [^>]*>([^<]+)</a>', page)


def test_distances_are_between_municipality_centres():
    assert distance_km((60.0, 24.0), (60.0, 24.0)) == 0
    assert 140 < distance_km((60.17, 24.94), (61.50, 23.76)) < 170  # Helsinki-Tampere, about 160 km
    nearby = dict(within(SALO, 30))
    assert nearby[SALO] == 0 and PAIMIO in nearby and HELSINKI not in nearby
    assert [d for _, d in within(SALO, 30)] == sorted(d for _, d in within(SALO, 30))
    assert point_code("24100") == SALO and point_code("Salossa") == SALO and point_code("Åbo") == TURKU
    assert point_code("99999") is None and point_code("Atlantis") is None


def test_place_names_in_a_query_in_any_form_and_language(app):
    assert split_places(["työkokeilu", "nuorille", "salossa"]) == ([SALO], ["työkokeilu", "nuorille"])
    assert split_places(["porin", "työpajat"]) == (["609"], ["työpajat"])
    assert split_places(["arbetsprövning", "i", "raseborg"]) == (["710"], ["arbetsprövning", "i"])
    assert split_places(["paja", "mänttä", "vilppulassa"]) == (["508"], ["paja"])
    assert split_places(["työkokeilu", "nuorille"]) == ([], ["työkokeilu", "nuorille"])
    assert split_places(["pertunmaalla"]) == (["507"], [])  # merged into Mäntyharju in 2025
    assert split_places(["kuntoutus", "ii"]) == ([], ["kuntoutus", "ii"]) and split_places(["iissä"])[0] == ["139"]


def test_several_values_of_a_facet_are_any_and_facets_together_are_all(spread):
    either = search(SearchRequest(filters=Filters(municipalities=(SALO, TURKU))))
    assert len(either.ids) == 3  # Salo, Turku and the remote one serving both
    trials = search(SearchRequest(filters=Filters(municipalities=(SALO, TURKU), type=("work_trial",))))
    assert len(trials.ids) == 2
    # each facet is counted under the others' filters: the alternatives to Salo and Turku still show
    assert dict(trials.facets["municipalities"])[HELSINKI] == 1
    assert dict(trials.facets["type"]) == {"work_trial": 2, "workshop": 1}


def test_the_page_takes_several_values_and_shows_each_as_a_removable_chip(client, spread):
    page = client.get(f"/offerings?municipality={SALO}&municipality=Turku&offering_type=work_trial").get_data(True)
    assert sorted(titles(page)) == ["Työkokeilu Salon kierrätyskeskuksessa", "Työkokeilu verkossa: asiakaspalvelu"]
    for chip in ("Kunta: Salo", "Kunta: Turku", "Palvelun tyyppi: Työkokeilu"):
        assert chip in page
    removal = re.search(r'href="([^"]+)" class="chip">Kunta: Turku', page).group(1).replace("&amp;", "&")
    assert parse_qs(urlsplit(removal).query) == {"municipality": [SALO], "offering_type": ["work_trial"]}
    assert "Poista kaikki rajaukset" in page
    # the Helsinki facet link adds Helsinki to the chosen municipalities
    adding = re.search(r'href="([^"]+)">Helsinki <span class="count">', page).group(1).replace("&amp;", "&")
    assert parse_qs(urlsplit(adding).query)["municipality"] == [SALO, TURKU, HELSINKI]


@pytest.mark.parametrize("box", ["search-keep", "header-keep"])
def test_a_new_query_keeps_the_filters_only_when_asked(client, spread, box):
    page = client.get(f"/search?q=työkokeilu&municipality={SALO}").get_data(True)
    assert f'id="{box}" name="keep"' in page  # both search boxes offer the same choice
    dropped = client.get(f"/search?form=1&q=puutyöpaja&municipality={SALO}")
    assert dropped.status_code == 302 and parse_qs(urlsplit(dropped.location).query) == {"q": ["puutyöpaja"]}
    kept = client.get(f"/search?form=1&q=puutyöpaja&municipality={SALO}&keep=y")
    assert parse_qs(urlsplit(kept.location).query) == {"q": ["puutyöpaja"], "municipality": [SALO]}
    assert "Puutyöpaja Turussa" in client.get(dropped.location).get_data(True)


def test_a_place_in_the_query_becomes_a_filter_and_can_be_turned_off(client, spread):
    page = client.get("/search?q=työkokeilu+salossa").get_data(True)
    assert sorted(titles(page)) == ["Työkokeilu Salon kierrätyskeskuksessa", "Työkokeilu verkossa: asiakaspalvelu"]
    assert "Haettiin kunnasta Salo." in page and "Kunta haussa: Salo" in page
    chip = re.search(r'href="([^"]+)" class="chip">Kunta haussa', page).group(1).replace("&amp;", "&")
    assert parse_qs(urlsplit(chip).query) == {"q": ["työkokeilu"]}
    assert 'id="near" name="near" value="Salo"' in page  # widening to a distance starts from the place
    near = client.get("/search?q=työkokeilu+salossa&near=Lohja&km=50").get_data(True)  # the distance says where
    assert titles(near)[0] == "Työkokeilu Helsingin kirjastossa" and "Kunta haussa" not in near
    as_words = client.get("/search?q=työkokeilu+salossa&places=off").get_data(True)
    assert "Haettiin kunnasta" not in as_words and "Työkokeilu Helsingin kirjastossa" in as_words


def test_nothing_in_the_named_place_shows_the_nearest(client, spread):
    page = client.get("/search?q=puutyöpaja+salossa").get_data(True)
    assert "Kunnasta Salo ei löytynyt hakua vastaavia palveluja. Näytetään lähimmät." in page
    assert titles(page)[0] == "Puutyöpaja Turussa" and "n. 50 km" in page


def test_near_search_sorts_by_distance_and_lists_remote_offerings_apart(client, spread):
    page = client.get("/search?q=työkokeilu&near=24100&km=50").get_data(True)
    assert titles(page)[:2] == ["Työkokeilu Salon kierrätyskeskuksessa", "Työkokeilu Paimion puutarhalla"]
    assert "Työkokeilu Helsingin kirjastossa" not in page and "Työkokeilu Rovaniemen matkailussa" not in page
    assert "n. 0 km" in page and "n. 25 km" in page and "Enintään 50 km: Salo" in page
    remote = page.split('id="remote-heading"', 1)[1]
    assert "Etäpalvelut alueelle" in page and titles(remote) == ["Työkokeilu verkossa: asiakaspalvelu"]
    assert "etäpalvelu" in remote
    far = client.get("/search?q=työkokeilu&near=Lohjalla&km=50").get_data(True)  # Lohja: Helsinki 45 km, Salo 54
    assert titles(far)[0] == "Työkokeilu Helsingin kirjastossa" and "Työkokeilu Salon" not in far
    unknown = client.get("/search?q=työkokeilu&near=Atlantis").get_data(True)
    assert "Paikkaa ”Atlantis” ei löytynyt" in unknown and "Työkokeilu Rovaniemen matkailussa" in unknown


def test_the_offering_page_leads_back_to_the_search_it_came_from(client, spread):
    page = client.get("/search?q=työkokeilu&near=Salo").get_data(True)
    link = re.search(r'<a href="(/offerings/[^"]+)" dir="auto">Työkokeilu Salon', page).group(1).replace("&amp;", "&")
    offering = client.get(link).get_data(True)
    back = re.search(r'<a href="([^"]+)">← Takaisin hakutuloksiin', offering).group(1).replace("&amp;", "&")
    assert parse_qs(urlsplit(back).query) == {"q": ["työkokeilu"], "near": ["Salo"]}
    uuid = spread["salo"].uuid
    for hostile in ("//evil.example/search", "https://evil.example/", "/search\\\\evil", "javascript:alert(1)"):
        other = client.get(f"/offerings/{uuid}", query_string={"from": hostile}).get_data(True)
        assert "Takaisin hakutuloksiin" not in other and "evil" not in other.split("<main", 1)[1]
    assert catalog.offerings_by_uuids([str(uuid)])


@pytest.mark.parametrize("extra", ["_scheme=x", "_anchor=x", "endpoint=x", "_method=x", "_external=1"])
def test_parameters_of_url_building_are_ignored(client, spread, extra):
    response = client.get(f"/search?q=työkokeilu&municipality={SALO}&{extra}")
    assert response.status_code == 200 and "http://" not in response.get_data(True).split("<main", 1)[1][:5000]


def test_suits_an_age_within_each_offerings_limits(client, make_org, make_offering):
    org = make_org(name="Ikäpaja ry")
    for title, low, high in (("Nuorten paja", 16, 29), ("Aikuisten paja", 30, None), ("Kaikille paja", None, None),
                             ("Senioripaja", 55, 68)):
        make_offering(org=org, title=title, summary=f"{title}.", min_age=low, max_age=high, municipalities=[SALO])
    assert sorted(titles(client.get("/search?q=paja&age=24").get_data(True))) == ["Kaikille paja", "Nuorten paja"]
    assert sorted(titles(client.get("/search?q=paja&age=29").get_data(True))) == ["Kaikille paja", "Nuorten paja"]
    assert sorted(titles(client.get("/search?q=paja&age=60").get_data(True))) == [
        "Aikuisten paja", "Kaikille paja", "Senioripaja"]
    page = client.get(f"/search?q=paja&age=24&municipality={SALO}").get_data(True)  # "suits: 24, Salo"
    assert "Sopii 24-vuotiaalle" in page and 'name="age" min="0" max="120" inputmode="numeric" value="24"' in page
    nonsense = client.get("/search?q=paja&age=kolmekymmentä")
    assert nonsense.status_code == 200 and len(titles(nonsense.get_data(True))) == 4
    assert search(SearchRequest("paja", Filters(age=70))).total == 2  # over 30, and no limits
