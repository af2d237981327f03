"""`make run`'s setup path: from an empty instance folder to a migrated database with demo data."""

import os
import sqlite3
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.subprocess

ROOT = Path(__file__).resolve().parent.parent


def run_setup(instance: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MARKETPLACE_")}
    env["MARKETPLACE_INSTANCE_PATH"] = str(instance)
    env["MARKETPLACE_SEARCH_INDEX_DIR"] = str(instance.parent / "search_index")
    return subprocess.run(["make", "--no-print-directory", "setup"], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=300)


@pytest.fixture(scope="module")
def instance(tmp_path_factory):
    return tmp_path_factory.mktemp("setup") / "instance"


def count(database: Path, sql: str) -> int:
    with sqlite3.connect(database) as connection:
        return connection.execute(sql).fetchone()[0]


def test_setup_from_an_empty_instance_folder(instance):
    result = run_setup(instance)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "SECRET_KEY = " in (instance / "config.py").read_text()
    database = instance / "marketplace.db"
    assert count(database, "SELECT count(*) FROM organisation") >= 10
    assert count(database, "SELECT count(*) FROM organisation WHERE status = 'pending'") == 1
    assert count(database, "SELECT count(*) FROM user_account WHERE is_coordinator") == 1
    # a full offering with two waiting in line, the first long enough for its coach to be asked to reconsider
    assert count(database, "SELECT count(DISTINCT queue_rank) FROM referral WHERE status = 'queued' "
                           "AND queue_rank IS NOT NULL") >= 2
    assert count(database, "SELECT count(*) FROM referral WHERE status = 'queued' "
                           "AND queued_at < datetime('now', '-56 days')") >= 1
    assert "koordinaattori@kumppanitori.example" in result.stdout
    assert "password for all: kumppanitori-demo" in result.stdout
    assert (instance.parent / "search_index" / "CURRENT").exists()  # the search index is built too


def test_running_setup_again_keeps_the_data(instance):
    database = instance / "marketplace.db"
    secret = (instance / "config.py").read_text()
    with sqlite3.connect(database) as connection:
        connection.execute("UPDATE organisation SET description = 'Muokattu käsin' "
                           "WHERE name = 'Saimaan Toimintakeskus ry'")
    organisations = count(database, "SELECT count(*) FROM organisation")

    result = run_setup(instance)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "already has data" in result.stdout
    assert count(database, "SELECT count(*) FROM organisation") == organisations
    assert count(database, "SELECT count(*) FROM organisation WHERE description = 'Muokattu käsin'") == 1
    assert (instance / "config.py").read_text() == secret
