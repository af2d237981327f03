"""The database is the truth: every change reaches the index, in any process, and drift is found and healed."""

import json
import secrets
import threading
from datetime import timedelta

import pytest
from sqlalchemy import select, text

from marketplace import create_app
from marketplace.accounts import service as accounts
from marketplace.accounts.models import OrganisationStatus
from marketplace.catalog import service as catalog
from marketplace.catalog.models import Offering
from marketplace.clock import today
from marketplace.extensions import db
from marketplace.search import indexer
from marketplace.search.query import SearchRequest, search
from marketplace.search.storage import POINTER
from tests.conftest import base_config


def found(text_query: str = "", **filters) -> set[str]:
    """Titles of the offerings a search finds."""
    from marketplace.search.query import Filters

    result = search(SearchRequest(text=text_query, filters=Filters(**filters), per_page=100))
    return {o.title for o in catalog.offerings_by_uuids(result.ids)}


@pytest.fixture
def coordinator(make_user):
    return make_user(coordinator=True)


def test_every_kind_of_change_reaches_the_index(make_org, make_user, make_offering, coordinator):
    org = make_org(name="Kierrätysyhdistys ry")
    member = make_user(org=org)
    offering = make_offering(org=org, title="Työkokeilu kierrätyskeskuksessa", status="draft", by=member)
    assert found("työkokeilu") == set()  # drafts are not searchable

    catalog.publish_offering(offering, member)
    assert found("työkokeilu") == {"Työkokeilu kierrätyskeskuksessa"}

    data = catalog.OfferingData.of(offering)
    data.title = "Asiakaspalvelun harjoittelu"
    catalog.update_offering(offering, data, member)
    assert found("työkokeilu") == set() and found("asiakaspalvelu") == {"Asiakaspalvelun harjoittelu"}

    catalog.set_open_places(offering, 0, member)
    assert found("asiakaspalvelu", open_only=True) == set()
    catalog.set_open_places(offering, 2, member)
    assert found("asiakaspalvelu", open_only=True) == {"Asiakaspalvelun harjoittelu"}

    catalog.pause_offering(offering, member)
    assert found("asiakaspalvelu") == set()
    catalog.publish_offering(offering, member)

    organisation = offering.organisation
    profile = accounts.OrganisationProfile(name="Uusiokeskus ry", kind=organisation.kind,
                                           business_id=organisation.business_id,
                                           municipality_code=organisation.municipality_code, email=organisation.email)
    make_user(org=organisation, role="admin")
    admin = [m.user for m in organisation.memberships if m.role == "admin"][0]
    accounts.update_organisation(organisation, profile, admin)
    assert found("uusiokeskus") == {"Asiakaspalvelun harjoittelu"}

    accounts.set_organisation_status(organisation, OrganisationStatus.SUSPENDED, coordinator, "Tauko")
    assert found("asiakaspalvelu") == set()
    accounts.set_organisation_status(organisation, OrganisationStatus.VERIFIED, coordinator)
    assert found("asiakaspalvelu") == {"Asiakaspalvelun harjoittelu"}

    catalog.archive_offering(offering, member)
    assert found("asiakaspalvelu") == set()


def test_pending_organisation_appears_when_verified(make_org, make_user, make_offering, coordinator):
    org = make_org(verified=False)
    make_offering(org=org, title="Vertaisryhmä työnhakijoille")
    assert found("vertaisryhmä") == set()
    accounts.set_organisation_status(org, OrganisationStatus.VERIFIED, coordinator)
    assert found("vertaisryhmä") == {"Vertaisryhmä työnhakijoille"}


def test_offerings_whose_funding_ended_are_never_found(make_offering):
    make_offering(title="Päättynyt hanke", funding_ends_on=today() - timedelta(days=1))
    make_offering(title="Jatkuva hanke", funding_ends_on=today() + timedelta(days=1))
    assert found("hanke") == {"Jatkuva hanke"}


def test_changes_are_logged_in_the_same_transaction(make_offering):
    offering = make_offering()
    rows = db.session.execute(text("SELECT kind, key FROM search_change ORDER BY id")).all()
    assert ("offering", str(offering.uuid)) in [tuple(row) for row in rows]


def test_a_rolled_back_change_leaves_no_change_row(make_offering):
    offering = make_offering()
    before = db.session.execute(text("SELECT count(*) FROM search_change")).scalar()
    offering.title = "Ei tallennettu"
    db.session.flush()
    db.session.rollback()
    assert db.session.execute(text("SELECT count(*) FROM search_change")).scalar() == before


def test_two_instances_with_their_own_index_converge(app, tmp_path, make_offering):
    make_offering(title="Ensimmäinen palvelu")
    assert found("ensimmäinen") == {"Ensimmäinen palvelu"}
    other = create_app({**base_config(tmp_path / "other"),
                        "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"]},
                       instance_path=str(tmp_path / "other-instance"))
    with other.app_context():
        assert found("ensimmäinen") == {"Ensimmäinen palvelu"}  # built its own index from the database
    make_offering(title="Toinen palvelu")  # written through the first instance
    with other.app_context():
        assert found("palvelu") == {"Ensimmäinen palvelu", "Toinen palvelu"}  # caught up by itself
        assert indexer.status().pending == 0
        indexer.close_searchers()
        db.session.remove()
        db.engine.dispose()


def test_reindex_swaps_atomically_while_searches_continue(app, make_org, make_offering):
    org = make_org()
    for n in range(30):
        make_offering(org=org, title=f"Valmennus numero {n}")
    indexer.sync()
    failures, counts, stop = [], [], threading.Event()

    def keep_searching():
        with app.app_context():
            while not stop.is_set():
                try:
                    counts.append(search(SearchRequest(text="valmennus", per_page=5)).total)
                except Exception as error:  # noqa: BLE001 (any failure is what the test looks for)
                    failures.append(error)
            db.session.remove()

    worker = threading.Thread(target=keep_searching)
    worker.start()
    try:
        first = indexer.store().current_name()
        for _ in range(3):
            indexer.reindex()
        assert indexer.store().current_name() != first
    finally:
        stop.set()
        worker.join()
    assert failures == [] and counts and set(counts) == {30}


def test_verify_finds_planted_drift_and_sync_or_reindex_heals_it(runner, make_org, make_offering):
    org = make_org()
    kept, dropped, changed = (make_offering(org=org, title=title) for title in ("Pidetty", "Pudotettu", "Muutettu"))
    indexer.sync()
    assert runner.invoke(args=["search", "verify"]).exit_code == 0

    _, index = indexer.store().open_current()
    with index.writer() as writer:  # plant drift behind the application's back
        writer.delete_by_term("id", str(dropped.uuid))
        writer.add_document(id="00000000-0000-0000-0000-000000000001", stamp="x", type="coaching")
    db.session.execute(text("UPDATE offering SET version = version + 5 WHERE id = :id"), {"id": changed.id})
    db.session.commit()

    drift = indexer.verify()
    assert drift.missing == [str(dropped.uuid)]
    assert drift.extra == ["00000000-0000-0000-0000-000000000001"]
    assert drift.stale == [str(changed.uuid)]
    result = runner.invoke(args=["search", "verify"])
    assert result.exit_code == 1 and "missing: 1" in result.output and "stale: 1" in result.output

    assert runner.invoke(args=["search", "reindex"]).exit_code == 0
    assert not indexer.verify().any


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")  # Whoosh leaves the broken file open
def test_an_unreadable_or_outdated_index_rebuilds_itself(app, make_offering):
    make_offering(title="Kestävä palvelu")
    assert found("kestävä") == {"Kestävä palvelu"}
    root = indexer.store().root
    pointer = json.loads((root / POINTER).read_text())

    (root / POINTER).write_text(json.dumps({**pointer, "analyzer": "0-old"}))  # written by an older analyzer
    assert found("kestävä") == {"Kestävä palvelu"}
    assert indexer.store().current_name() != pointer["generation"]

    for segment in (root / indexer.store().current_name()).iterdir():  # a crash left garbage behind
        segment.write_bytes(b"\x00broken")
    indexer.store()._opened.clear()
    assert found("kestävä") == {"Kestävä palvelu"}


def test_a_busy_index_never_fails_a_request(client, login, make_org, make_user, make_offering):
    org = make_org()
    member = make_user(org=org)
    offering = make_offering(org=org, title="Lukittu palvelu")
    indexer.sync()
    _, index = indexer.store().open_current()
    writer = index.writer()  # another process holds the write lock
    try:
        login(member)
        response = client.post(f"/offerings/{offering.uuid}/pause")
        assert response.status_code == 302
        assert indexer.sync().busy
        assert client.get("/search?q=lukittu").status_code == 200
    finally:
        writer.cancel()
    indexer.sync()
    assert found("lukittu") == set()  # applied once the lock was free


def test_search_status_command(runner, make_offering):
    make_offering()
    assert "generation: (none" in runner.invoke(args=["search", "status"]).output
    runner.invoke(args=["search", "sync"])
    make_offering(title="Toinen")  # committed outside a request: pending until the next sync or search
    result = runner.invoke(args=["search", "status"])
    assert result.exit_code == 0
    assert "finnish analysis: Voikko" in result.output and "documents: 1" in result.output
    assert "pending changes: 2" in result.output


def test_sync_command_builds_a_missing_index(runner, make_offering):
    make_offering()
    result = runner.invoke(args=["search", "sync"])
    assert result.exit_code == 0 and "built it from the database" in result.output
    assert runner.invoke(args=["search", "sync"]).output.strip().endswith("Applied 0 changes.")
    assert db.session.scalar(select(Offering.id)) is not None


@pytest.mark.subprocess
def test_a_process_killed_mid_update_leaves_an_index_that_works(app, tmp_path, make_org, make_offering):
    import os
    import signal
    import subprocess
    import sys
    import time

    org = make_org()
    make_offering(org=org, title="Alkuperäinen palvelu")
    indexer.sync()
    for n in range(120):  # pending changes for the process that will be killed
        make_offering(org=org, title=f"Myöhempi palvelu {n}")
    env = {**os.environ, "MARKETPLACE_SECRET_KEY": secrets.token_hex(32),
           "MARKETPLACE_INSTANCE_PATH": str(tmp_path / "instance"),
           "MARKETPLACE_SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
           "MARKETPLACE_SEARCH_INDEX_DIR": app.config["SEARCH_INDEX_DIR"]}
    process = subprocess.Popen([sys.executable, "-m", "flask", "--app", "marketplace", "search", "sync"], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.5)  # long enough to start analysing, usually not to finish
    process.send_signal(signal.SIGKILL)
    process.wait()

    assert found("alkuperäinen") == {"Alkuperäinen palvelu"}  # the index works, and catches up
    assert search(SearchRequest(text="myöhempi")).total == 120
    assert not indexer.verify().any
