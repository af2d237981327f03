"""A provider describes which units its offering teaches; the offering page and search show it."""

import pytest
from sqlalchemy import select

from marketplace.catalog.models import OfferingChange
from marketplace.errors import InvalidInput, NotPermitted
from marketplace.extensions import db
from marketplace.learning import service
from marketplace.search.query import Filters, SearchRequest, search
from tests.learning.conftest import unit_of


def describe(network, qualification, code="105444", positions=(0, 2)):
    unit = unit_of(qualification, code)
    return service.describe_unit(network.offering, unit, "Puusepänverstaan tilaustyöt",
                                 {unit.requirements[n].id for n in positions}, network.provider_member)


def test_provider_describes_a_unit_through_the_form(client, login, network, qualification):
    login(network.provider_member)
    page = client.get(f"/offerings/{network.offering.uuid}/learning?qualification={qualification.id}")
    assert page.status_code == 200 and "Puutuotevalmistuksessa toimiminen (105444)" in page.get_data(as_text=True)
    unit = unit_of(qualification, "105444")
    chosen = client.get(f"/offerings/{network.offering.uuid}/learning/describe?unit={unit.id}")
    assert chosen.headers["Location"].endswith(f"/learning/units/{unit.id}")
    form = client.get(chosen.headers["Location"]).get_data(as_text=True)
    assert "valmistaa puuteollisuuden tuotteita" in form
    response = client.post(chosen.headers["Location"], data={
        "tasks": "Puusepänverstaan tilaustyöt", "requirements": [str(unit.requirements[2].id)]})
    assert response.status_code == 302
    [offered] = network.offering.learning_units
    assert (offered.unit, offered.tasks, offered.requirement_ids) == (unit, "Puusepänverstaan tilaustyöt",
                                                                     {unit.requirements[2].id})
    changes = db.session.scalars(select(OfferingChange.field).where(OfferingChange.offering_id == network.offering.id))
    assert "learning_units" in list(changes)


def test_the_offering_page_shows_the_units_and_the_badge(client, network, qualification):
    describe(network, qualification)
    page = client.get(f"/offerings/{network.offering.uuid}").get_data(as_text=True)
    assert "opinnollistettu" in page and "Opinnollistaminen: opittavat tutkinnon osat" in page
    assert "Puusepänverstaan tilaustyöt" in page and "valmistaa puuteollisuuden tuotteita" in page
    assert "opinnollistettu" in client.get("/offerings").get_data(as_text=True)


def test_search_filters_by_qualification_and_unit(client, network, qualification, make_offering):
    other = make_offering(org=network.provider_org, title="Keittiötyöt")
    describe(network, qualification)
    assert search(SearchRequest(filters=Filters(qualifications=("351741",)))).ids == [str(network.offering.uuid)]
    assert search(SearchRequest(filters=Filters(units=("105444",)))).ids == [str(network.offering.uuid)]
    assert search(SearchRequest(filters=Filters(units="105426"))).ids == []
    result = search(SearchRequest())
    assert ("351741", 1) in result.facets["qualifications"] and str(other.uuid) in result.ids
    page = client.get("/offerings?qualification=351741").get_data(as_text=True)
    assert "Opinnollistaminen: tutkinto" in page and "Puuteollisuuden perustutkinto" in page
    assert "Puutyöpaja" in page and "Keittiötyöt" not in page
    assert "Puutuotevalmistuksessa toimiminen" in page  # the unit facet appears once a qualification is chosen
    assert client.get("/offerings?qualification=nonsense").status_code == 200  # unknown values are ignored


def test_removing_a_unit_takes_the_offering_out_of_the_facet(client, login, network, qualification):
    offered = describe(network, qualification)
    login(network.provider_member)
    response = client.post(f"/offerings/{network.offering.uuid}/learning/{offered.id}/remove")
    assert response.status_code == 302 and network.offering.learning_units == []
    assert search(SearchRequest(filters=Filters(qualifications=("351741",)))).ids == []


@pytest.mark.parametrize(("tasks", "positions", "field"), [("", (0,), "tasks"), ("Tehtävät", (), "requirements"),
                                                          ("Hetu 131052-308T", (0,), "tasks")])
def test_a_description_needs_tasks_and_requirements(network, qualification, tasks, positions, field):
    unit = unit_of(qualification, "105444")
    with pytest.raises(InvalidInput) as error:
        service.describe_unit(network.offering, unit, tasks, {unit.requirements[n].id for n in positions},
                              network.provider_member)
    assert error.value.field == field


def test_requirements_of_another_unit_are_refused(network, qualification):
    unit, other = unit_of(qualification, "105444"), unit_of(qualification, "105426")
    with pytest.raises(InvalidInput):
        service.describe_unit(network.offering, unit, "Tehtävät", {other.requirements[0].id}, network.provider_member)


def test_another_organisation_cannot_describe(client, login, network, qualification):
    unit = unit_of(qualification, "105444")
    with pytest.raises(NotPermitted):
        service.describe_unit(network.offering, unit, "Tehtävät", {unit.requirements[0].id}, network.other_provider)
    login(network.other_provider)
    assert client.get(f"/offerings/{network.offering.uuid}/learning").status_code == 403
    assert client.post(f"/offerings/{network.offering.uuid}/learning/units/{unit.id}",
                       data={"tasks": "X", "requirements": [str(unit.requirements[0].id)]}).status_code == 403
    assert network.offering.learning_units == []


def test_a_missing_field_is_explained(client, login, network, app):
    login(network.provider_member)
    page = client.get(f"/offerings/{network.offering.uuid}/learning").get_data(as_text=True)
    assert "Tutkintoja ei ole vielä tuotu" in page and "koordinaattoria" in page


def test_a_header_only_qualification_is_explained(client, login, network, qualification):
    ravintola = service.current_version("381142")
    login(network.provider_member)
    page = client.get(
        f"/offerings/{network.offering.uuid}/learning?qualification={ravintola.id}"
    ).get_data(as_text=True)
    assert "vain perustiedot" in page
