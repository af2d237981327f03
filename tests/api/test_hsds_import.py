"""`flask hsds import`: HSDS services become organisations and offerings; bad ones are rejected with reasons."""

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from marketplace.accounts.models import Organisation, OrganisationStatus
from marketplace.api.models import ForeignTerm, HeldService
from marketplace.catalog.models import Offering, OfferingStatus
from marketplace.extensions import db

SAMPLE = Path(__file__).resolve().parent / "data" / "services.json"  # nine services of the search dev set


@pytest.fixture
def services() -> list[dict]:
    return json.loads(SAMPLE.read_text())


def write(tmp_path, content) -> str:
    path = tmp_path / "services.json"
    path.write_text(content if isinstance(content, str) else json.dumps(content, ensure_ascii=False))
    return str(path)


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_import_creates_verified_organisations_and_offerings(runner, tmp_path, services):
    result = runner.invoke(args=["hsds", "import", write(tmp_path, services)])
    assert result.exit_code == 0, result.output
    assert f"Created {len(services)}, updated 0, unchanged 0, rejected 0 services" in result.output
    offering = db.session.scalar(select(Offering).where(Offering.uuid == _uuid(services[0]["id"])))
    assert offering.title == services[0]["name"]
    assert offering.organisation.status is OrganisationStatus.VERIFIED
    assert str(offering.organisation.uuid) == services[0]["organization"]["id"]
    assert offering.offering_type and offering.municipality_codes and offering.target_group_codes
    swedish = [s for s in services if s["languages"][0]["code"] == "sv"]
    if swedish:
        assert db.session.scalar(
            select(Offering.content_language).where(Offering.uuid == _uuid(swedish[0]["id"]))
        ) == "sv"


def test_import_again_updates_in_place(runner, tmp_path, services):
    runner.invoke(args=["hsds", "import", write(tmp_path, services)])
    services[0]["name"] = "Uusi nimi palvelulle"
    result = runner.invoke(args=["hsds", "import", write(tmp_path, services)])
    assert f"Created 0, updated 1, unchanged {len(services) - 1}" in result.output
    assert count(Offering) == len(services)
    assert db.session.scalar(
        select(Offering.title).where(Offering.uuid == _uuid(services[0]["id"]))
    ) == "Uusi nimi palvelulle"


def test_inactive_services_are_imported_but_never_found(runner, client, tmp_path, services):
    services[0]["status"] = "inactive"
    runner.invoke(args=["hsds", "import", write(tmp_path, services)])
    assert db.session.scalar(
        select(Offering.status).where(Offering.uuid == _uuid(services[0]["id"]))
    ) is OfferingStatus.PAUSED
    ids = [c["id"] for c in client.get("/api/v1/services?per_page=100").get_json()["contents"]]
    assert services[0]["id"] not in ids and services[1]["id"] in ids


def test_bad_services_are_rejected_with_reasons(runner, tmp_path, services):
    bad = [
        {**services[0], "id": "not-a-uuid"},
        {**services[1], "name": ""},
        {**services[2], "attributes": []},
        {**services[3], "service_areas": [{"name": "Stockholm"}]},
        {**services[4], "minimum_age": 40, "maximum_age": 20},
        "just a string",
    ]
    result = runner.invoke(args=["hsds", "import", write(tmp_path, bad + services[5:])])
    assert result.exit_code == 0
    assert f"rejected {len(bad)} services" in result.output
    for reason in ("ei ole kelvollinen UUID", "puuttuu nimi", "palvelun tyyppiä", "Stockholm", "Yläikäraja",
                   "JSON-objekti"):
        assert reason in result.output
    assert count(Offering) == len(services) - 5


def test_a_repeated_id_is_rejected_where_it_repeats_in_every_import(runner, tmp_path, services):
    repeated = [*services[:3], {**services[0], "name": "Toinen samalla tunnisteella"}]
    for created in (3, 0):  # the ids read are forgotten between imports: the second finds them unchanged
        result = runner.invoke(args=["hsds", "import", write(tmp_path, repeated)])
        assert result.exit_code == 0, result.output
        assert f"Created {created}," in result.output and "rejected 1 services" in result.output
        assert "Sama palvelun tunniste on tiedostossa jo aiemmin" in result.output
    assert db.session.scalar(select(Offering.title).where(Offering.uuid == _uuid(services[0]["id"]))) == \
        services[0]["name"]


def test_a_malformed_file_changes_nothing(runner, tmp_path, services):
    content = json.dumps(services, ensure_ascii=False)
    truncated = content[: len(content) * 2 // 3]
    result = runner.invoke(args=["hsds", "import", write(tmp_path, truncated)])
    assert result.exit_code == 1
    assert "ei ole kelvollinen HSDS-tiedosto" in result.output and "Nothing was imported" in result.output
    assert count(Offering) == 0 and count(Organisation) == 0


def test_imported_services_are_searchable(runner, client, tmp_path, services):
    runner.invoke(args=["hsds", "import", write(tmp_path, services)])
    page = client.get("/api/v1/services", query_string={"search": services[0]["name"]}).get_json()
    assert page["contents"][0]["id"] == services[0]["id"]


def _uuid(value):
    from uuid import UUID

    return UUID(value)


EXAMPLES = Path(__file__).resolve().parent / "data" / "hsds-examples"


def test_the_official_examples_import_with_a_report(runner, tmp_path):
    service = json.loads((EXAMPLES / "service_full.json").read_text())
    listed = json.loads((EXAMPLES / "service_list.json").read_text())
    result = runner.invoke(args=["hsds", "import", write(tmp_path, [service])])
    assert result.exit_code == 0, result.output
    assert "rejected 1 services" in result.output and "ei ole Suomen kunta" in result.output  # MyCity
    in_salo = {**service, "service_areas": [{"id": service["service_areas"][0]["id"], "name": "Salo"}]}
    result = runner.invoke(args=["hsds", "import", write(tmp_path, [in_salo])])
    assert "Held 1 services" in result.output and "taxonomy: name" in result.output  # its own term, unmapped
    typed = {**in_salo, "attributes": [*service["attributes"], {
        "id": "5f3b1c3e-0f6c-4d0e-9a43-0c5e5d7f1a11", "taxonomy_term": {"taxonomy": "offering-type",
                                                                        "code": "coaching"}}]}
    result = runner.invoke(args=["hsds", "import", write(tmp_path, [typed])])
    assert "Created 1," in result.output and "Muiden luokitusten termit tallennettiin" in result.output
    offering = db.session.scalar(select(Offering))
    assert (offering.street_address, offering.schedule[:20], offering.min_age) == (
        service["service_at_locations"][0]["location"]["addresses"][0]["address_1"],
        service["schedules"][0]["description"][:20], 12)
    assert db.session.scalar(select(func.count(HeldService.id))) == 0  # imported now: no longer waiting
    assert runner.invoke(args=["hsds", "import", write(tmp_path, listed)]).exit_code == 0


def test_a_rejected_service_leaves_no_organisation_behind(runner, tmp_path, services):
    services[0]["minimum_age"], services[0]["maximum_age"] = 40, 20  # found by the catalogue's own rules
    result = runner.invoke(args=["hsds", "import", write(tmp_path, services[:1])])
    assert "rejected 1" in result.output and "Yläikäraja" in result.output
    assert count(Organisation) == 0


def _foreign(service: dict, taxonomy: str, code: str, name: str) -> dict:
    """The service as another system sends it: its own taxonomy's term, none of ours."""
    return {**service, "attributes": [{"id": "1b6a9f0e-3d2c-4b5a-8e7f-0a1b2c3d4e5f",
                                       "taxonomy_term": {"id": "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b",
                                                         "taxonomy": taxonomy, "code": code, "name": name}}]}


def test_a_service_of_unknown_type_waits_for_a_coordinator_and_comes_in_when_mapped(
        runner, client, tmp_path, services, make_user, login):
    waiting = _foreign(services[0], "tmt-palvelut", "T123", "Työhönvalmennus")
    result = runner.invoke(args=["hsds", "import", write(tmp_path, [waiting])])
    assert "Created 0," in result.output and "Held 1 services" in result.output
    assert count(Offering) == 0
    login(make_user(coordinator=True))
    page = client.get("/coordinator/imported-terms").get_data(as_text=True)
    assert "Työhönvalmennus" in page and services[0]["name"] in page
    term = db.session.scalar(select(ForeignTerm))
    response = client.post("/coordinator/imported-terms", data={"term_id": term.id,
                                                               "meaning": "offering-type:coaching"})
    assert response.status_code == 302
    offering = db.session.scalar(select(Offering))
    assert offering.offering_type == "coaching" and db.session.scalar(select(func.count(HeldService.id))) == 0
    exported = client.get(f"/api/v1/services/{offering.uuid}").get_json()
    kept = [a["taxonomy_term"] for a in exported["attributes"] if a["taxonomy_term"]["taxonomy"] == "tmt-palvelut"]
    assert [(t["code"], t["name"], t["id"]) for t in kept] == [("T123", "Työhönvalmennus",
                                                                "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b")]
    term_page = client.get("/api/v1/taxonomy_terms/9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b").get_json()
    assert (term_page["taxonomy"], term_page["code"]) == ("tmt-palvelut", "T123")
    found = client.get("/api/v1/services?taxonomy_term_id=9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b").get_json()
    assert [s["id"] for s in found["contents"]] == [str(offering.uuid)]
    again = runner.invoke(args=["hsds", "import", write(tmp_path, [_foreign(services[1], "tmt-palvelut", "T123",
                                                                            "Työhönvalmennus")])])
    assert "Created 1," in again.output  # a later file reads the term as mapped


def test_mapping_a_term_is_for_coordinators_and_checks_the_meaning(runner, client, tmp_path, services, make_user,
                                                                    login, make_org):
    runner.invoke(args=["hsds", "import", write(tmp_path, [_foreign(services[0], "x", "y", "z")])])
    term = db.session.scalar(select(ForeignTerm))
    login(make_user(org=make_org()))
    assert client.get("/coordinator/imported-terms").status_code == 403
    client.post("/logout")
    login(make_user(coordinator=True))
    response = client.post("/coordinator/imported-terms", data={"term_id": term.id, "meaning": "offering-type:moon"})
    assert response.status_code == 422 and count(Offering) == 0
    response = client.post("/coordinator/imported-terms", data={"term_id": "999", "meaning": "offering-type:coaching"})
    assert response.status_code == 404
