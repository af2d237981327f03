"""`flask hsds import`: HSDS services become organisations and offerings; bad ones are rejected with reasons."""

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from marketplace.accounts.models import Organisation, OrganisationStatus
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
    assert f"Created {len(services)}, updated 0, rejected 0 services" in result.output
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
    assert f"Created 0, updated {len(services)}" in result.output
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


def test_a_malformed_file_changes_nothing(runner, tmp_path, services):
    content = json.dumps(services, ensure_ascii=False)
    truncated = content[: len(content) * 2 // 3]
    result = runner.invoke(args=["hsds", "import", write(tmp_path, truncated)])
    assert result.exit_code == 1
    assert "ei ole kelvollinen JSON" in result.output and "Nothing was imported" in result.output
    assert count(Offering) == 0 and count(Organisation) == 0


def test_imported_services_are_searchable(runner, client, tmp_path, services):
    runner.invoke(args=["hsds", "import", write(tmp_path, services)])
    page = client.get("/api/v1/services", query_string={"search": services[0]["name"]}).get_json()
    assert page["contents"][0]["id"] == services[0]["id"]


def _uuid(value):
    from uuid import UUID

    return UUID(value)
