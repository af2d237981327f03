"""The results page a coach sees: highlighted snippets, badges, facets as links, and a helpful empty state."""

import pytest


@pytest.fixture
def offerings(make_org, make_offering):
    org = make_org(name="Salon Työpajat ry")
    make_offering(org=org, title="Nuorten puutyöpaja", summary="Pajajakso nuorille.",
                  description="Puusepänverstaalla tehdään tilaustöitä päiväkodeille.", capacity_total=5, open_places=2)
    make_offering(org=org, title="Kiinteistötyön kokeilu", offering_type="work_trial", capacity_total=2, open_places=0,
                  description="Kiinteistöhuollon tehtäviä kaupungin kohteissa.", municipalities=["734", "284"])


def test_results_show_snippets_badges_and_places(client, offerings):
    page = client.get("/search?q=puusepänverstas").get_data(as_text=True)
    assert "1 palvelu haulla ”puusepänverstas”" in page
    assert "<mark>Puusepänverstaalla</mark>" in page
    assert "Työpajatoiminta" in page and "2 paikkaa vapaana" in page and "Salon Työpajat ry" in page
    assert "Tiedot päivitetty" in page

    full = client.get("/search?q=kiinteistöhuolto").get_data(as_text=True)
    assert "Ei vapaita paikkoja (jonotuslista)" in full and "<mark>Kiinteistöhuollon</mark>" in full


def test_facets_are_links_with_counts_and_bookmarkable(client, offerings):
    page = client.get("/search?q=").get_data(as_text=True)
    assert '/offerings?offering_type=work_trial' in page or 'offering_type=work_trial' in page
    assert "Työkokeilu <span class=\"count\">(1)</span>" in page
    filtered = client.get("/search?offering_type=work_trial&municipality=Koski+Tl").get_data(as_text=True)
    assert "Kiinteistötyön kokeilu" in filtered and "Nuorten puutyöpaja" not in filtered
    assert "Palvelun tyyppi: Työkokeilu" in filtered and "Kunta: Koski Tl" in filtered  # chips, each removable
    assert "Poista kaikki rajaukset" in filtered


def test_typo_shows_what_was_searched_instead(client, offerings):
    page = client.get("/search?q=puutyöpja").get_data(as_text=True)
    assert "Haulla ”puutyöpja” ei löytynyt palveluja. Näytetään tulokset haulla ”puutyöpaja”." in page
    assert "Nuorten puutyöpaja" in page


def test_empty_state_offers_ways_forward(client, offerings):
    page = client.get("/search?q=puutyöpaja&municipality=Helsinki&open_only=y").get_data(as_text=True)
    assert "Hakuehdoilla ei löytynyt palveluja." in page
    assert "Poista rajaus: Kunta: Helsinki" in page
    assert "Poista rajaus: Vain vapaita paikkoja" in page


@pytest.mark.parametrize("query", ['"', "*", "AND OR", "x" * 5000, "%00", "<script>", "\x07"])
def test_hostile_input_never_breaks_the_page(client, offerings, query):
    response = client.get("/search", query_string={"q": query, "page": "-1", "sort": "evil", "offering_type": "<b>"})
    assert response.status_code == 200
    assert "<script>" not in response.get_data(as_text=True).split("<main", 1)[1]


def test_search_box_is_on_every_page(client, offerings):
    for path in ("/", "/login", "/offerings"):
        assert 'action="/search"' in client.get(path).get_data(as_text=True)
