"""Municipalities and employment areas: Pertunmaa merged into Mäntyharju (2025), old data still resolves."""

from marketplace.catalog import service as catalog
from marketplace.catalog.models import OfferingMunicipality
from marketplace.catalog.service import OfferingData
from marketplace.extensions import db
from marketplace.reference import (
    employment_area_of,
    employment_areas,
    find_municipality,
    municipalities,
    municipality_name,
)
from tests.accounts.test_registration import registration


def test_the_shipped_areas_cover_every_current_municipality_once():
    areas = employment_areas()
    assert len(areas) == 46  # 45 on the mainland, and Åland
    members = [code for area in areas for code in area.municipality_codes]
    assert sorted(members) == sorted(m.code for m in municipalities())
    assert len(members) == len(set(members)) == 308
    salo = next(area for area in areas if area.code == "34")
    assert [municipality_name(code) for code in salo.municipality_codes] == ["Koski Tl", "Marttila", "Salo", "Somero"]


def test_pertunmaa_resolves_but_cannot_be_picked():
    pertunmaa = find_municipality("Pertunmaa")
    assert pertunmaa.code == "588" and not pertunmaa.is_current
    assert pertunmaa.successor.name_fi == "Mäntyharju"
    assert municipality_name("588") == "Pertunmaa"  # old records still show their name
    assert "588" not in {m.code for m in municipalities()}
    assert employment_area_of("588").name_fi == "Mikkelin seutu"


def test_registering_in_pertunmaa_says_to_choose_mantyharju(client):
    response = client.post("/register", data=registration(municipality="Pertunmaa"))
    assert response.status_code == 422
    assert "Pertunmaa ei ole enää oma kuntansa: se yhdistyi kuntaan Mäntyharju. Valitse Mäntyharju." in \
        response.get_data(as_text=True)


def test_an_old_offering_in_pertunmaa_is_saved_as_mantyharju(client, login, make_org, make_user, make_offering):
    org = make_org()
    user = make_user(org=org)
    offering = make_offering(org=org, by=user)
    offering.municipalities = [OfferingMunicipality(code="588")]  # written before 2025
    db.session.commit()
    data = OfferingData.of(offering)
    catalog.update_offering(offering, data, user)
    assert offering.municipality_codes == ["507"]
    login(user)
    page = client.get(f"/offerings/{offering.uuid}").get_data(as_text=True)
    assert "Mäntyharju" in page
