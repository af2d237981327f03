"""Export instance A, import into an empty instance B (as a data package or a JSON list): every endpoint of the
API answers the same."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from marketplace.demo.service import load_demo
from marketplace.extensions import db
from marketplace.search import indexer
from tests.api.hsds_schemas import errors
from tests.conftest import empty_tables

CORPUS_GENERATOR = Path(__file__).resolve().parents[3] / "shared" / "bench" / "make_corpus.py"
QUALIFICATIONS = Path(__file__).resolve().parents[2] / "marketplace" / "reference" / "qualifications.json"
ENDPOINTS = ["/api/v1/", "/api/v1/services?per_page=100&full=true", "/api/v1/services?per_page=100&page=2&full=true",
             "/api/v1/services?format=ndjson&full=true", "/api/v1/services?search=työpaja&full=true",
             "/api/v1/organizations?full_service=true&per_page=100", "/api/v1/service_at_locations?per_page=100",
             "/api/v1/taxonomies", "/api/v1/taxonomy_terms?per_page=100&page=1",
             "/api/v1/taxonomy_terms?per_page=100&page=4", "/api/v1/taxonomy_terms?taxonomy_id=qualification-unit",
             "/api/v1/taxonomy_terms?taxonomy_id=competence-requirement&per_page=100"]


@pytest.fixture
def app_config(app_config):
    """Hundreds of reads in a second, as a harvester makes: no rate limit."""
    return {**app_config, "RATELIMIT_ENABLED": False}


FILES = {"datapackage": "datapackage.json", "json": "services.json"}


def answers(client) -> dict[str, str]:
    """Every endpoint's body, and each service and organisation by id, in Finnish and Swedish."""
    found = {}
    for language in ("fi", "sv"):
        headers = {"Accept-Language": language}
        for path in ENDPOINTS:
            response = client.get(path, headers=headers)
            assert response.status_code == 200, (path, response.get_data(as_text=True)[:300])
            found[f"{language} {path}"] = response.get_data(as_text=True)
        listed = client.get("/api/v1/services?minimal=true&per_page=100", headers=headers).get_json()["contents"]
        for item in listed:
            response = client.get(f"/api/v1/services/{item['id']}", headers=headers)
            assert response.status_code == 200
            found[f"{language} {item['id']}"] = response.get_data(as_text=True)
    return found


def export_wipe_import(runner, tmp_path, file_format: str) -> str:
    """`flask hsds export`, then every table emptied and the index rebuilt, then `flask hsds import`."""
    result = runner.invoke(args=["hsds", "export", "--format", file_format, str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    db.session.remove()
    empty_tables()
    indexer.reindex()
    assert runner.invoke(args=["qualifications", "import", str(QUALIFICATIONS)]).exit_code == 0
    result = runner.invoke(args=["hsds", "import", str(tmp_path / "out" / FILES[file_format])])
    assert result.exit_code == 0 and "rejected 0" in result.output, result.output
    return result.output


def assert_same(before: dict, after: dict) -> None:
    assert before.keys() == after.keys()
    for key in before:
        assert after[key] == before[key], key


def test_the_demo_survives_a_round_trip(app, client, runner, tmp_path):
    load_demo()
    before = answers(client)
    services = json.loads(before["fi /api/v1/services?per_page=100&full=true"])["contents"]
    assert len(services) > 50 and all(errors("service", service) == [] for service in services)
    assert any(attribute["taxonomy_term"]["taxonomy"] == "qualification-unit"
               for service in services for attribute in service["attributes"])
    output = export_wipe_import(runner, tmp_path, "datapackage")
    assert f"Created {len(services)}," in output
    assert_same(before, answers(client))
    again = runner.invoke(args=["hsds", "import", str(tmp_path / "out")])
    assert f"Created 0, updated 0, unchanged {len(services)}" in again.output


@pytest.mark.skipif(not CORPUS_GENERATOR.exists(), reason="the shared corpus generator is not beside the repo")
def test_a_generated_corpus_survives_a_round_trip(app, client, runner, tmp_path):
    corpus = tmp_path / "corpus.json"
    corpus.write_text(subprocess.run([sys.executable, str(CORPUS_GENERATOR), "--n", "1000", "--seed", "7"],
                                     capture_output=True, text=True, check=True).stdout)
    first = runner.invoke(args=["hsds", "import", str(corpus)])
    assert first.exit_code == 0 and "Created " in first.output, first.output
    before = answers(client)
    total = json.loads(before["fi /api/v1/services?per_page=100&full=true"])["total_items"]
    assert total > 900
    export_wipe_import(runner, tmp_path, "json")
    assert_same(before, answers(client))
