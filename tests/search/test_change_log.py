"""The change log reaches every index even when transactions commit out of order, and requests do bounded work."""

import os
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from marketplace.catalog.models import Offering, OfferingStatus
from marketplace.extensions import db
from marketplace.search import indexer
from marketplace.search.query import SearchRequest, search
from tests.search.test_consistency import found

on_postgres = pytest.mark.skipif(not os.environ.get("MARKETPLACE_TEST_POSTGRES_URL"),
                                 reason="needs two concurrent writers: PostgreSQL")


def pending() -> int:
    return indexer.status().pending


@on_postgres
def test_a_change_committed_after_a_later_one_still_reaches_the_index(app, make_org, make_offering):
    org = make_org()
    slow = make_offering(org=org, title="Hidas palvelu")
    quick = make_offering(org=org, title="Nopea palvelu")
    indexer.sync()
    with Session(db.engine) as slow_transaction:
        slow_transaction.get(Offering, slow.id).title = "Myöhässä tallennettu"
        slow_transaction.flush()  # takes the lower change number, then keeps its transaction open

        quick.title = "Ripeä palvelu"
        db.session.commit()  # a higher number, committed first
        indexer.sync()
        assert found("ripeä") == {"Ripeä palvelu"}
        indexer.reindex()  # even a rebuild in the meantime must not skip the open transaction's change
        slow_transaction.commit()

    assert found("myöhässä") == {"Myöhässä tallennettu"}
    assert pending() == 0 and not indexer.verify().any


@on_postgres
def test_an_index_reads_no_change_twice_while_an_old_transaction_stays_open(app, make_org, make_offering):
    org = make_org()
    waiting = make_offering(org=org, title="Odottava palvelu")
    others = [make_offering(org=org, title=f"Muu palvelu {n}") for n in range(3)]
    indexer.sync()
    with Session(db.engine) as old_transaction:
        old_transaction.get(Offering, waiting.id).title = "Odottanut palvelu"
        old_transaction.flush()
        for offering in others:
            offering.title += " muutettu"
            db.session.commit()
        assert indexer.sync().applied == 3
        assert indexer.sync().applied == 0 and pending() == 0  # applied once, though older work is still open
        old_transaction.commit()
    assert pending() == 1
    assert indexer.sync().applied == 1
    assert found("odottanut") == {"Odottanut palvelu"}


def _add_offerings(org, count: int, title: str = "Massapalvelu") -> None:
    """Many published offerings at once (their change rows too): an import, without the import's indexing."""
    db.session.execute(insert(Offering), [
        {"organisation_id": org.id, "title": f"{title} {n}", "summary": "Tuotu.", "offering_type": "coaching",
         "status": OfferingStatus.PUBLISHED} for n in range(count)])
    from marketplace.search.models import SearchChange

    uuids = db.session.scalars(select(Offering.uuid).where(Offering.title.like(f"{title} %"))).all()
    db.session.add_all(SearchChange(kind="offering", key=str(uuid)) for uuid in uuids)
    db.session.commit()


def test_a_search_applies_a_small_batch_and_answers_from_the_index_as_it_is(client, make_org, make_offering,
                                                                             monkeypatch):
    org = make_org()
    make_offering(org=org, title="Ensimmäinen palvelu")
    indexer.sync()
    monkeypatch.setattr(indexer, "REQUEST_BATCH", 20, raising=False)
    _add_offerings(org, 70)

    assert client.get("/search?q=massapalvelu").status_code == 200
    assert pending() == 50  # the rest is left for the next requests and `search sync`
    assert client.get("/search?q=massapalvelu").status_code == 200
    assert pending() == 30


def test_the_sync_command_applies_everything_in_batches_with_a_progress_bar(runner, make_org, make_offering):
    org = make_org()
    make_offering(org=org)
    indexer.sync()
    _add_offerings(org, 1200)
    result = runner.invoke(args=["search", "sync"])
    assert result.exit_code == 0, result.output
    assert "Applying changes" in result.output and "Applied 1200 changes." in result.output
    assert pending() == 0 and search(SearchRequest(text="massapalvelu")).total == 1200


def test_a_crash_while_syncing_keeps_what_was_applied_and_the_rest_for_later(runner, make_org, make_offering,
                                                                             monkeypatch):
    org = make_org()
    make_offering(org=org)
    indexer.sync()
    _add_offerings(org, 1200)
    original, calls = indexer._apply, []

    def crash_on_the_second_batch(*args):
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return original(*args)

    monkeypatch.setattr(indexer, "_apply", crash_on_the_second_batch)
    with pytest.raises(KeyboardInterrupt):
        indexer.sync()
    assert 0 < pending() < 1200  # the first batch stands
    monkeypatch.setattr(indexer, "_apply", original)
    assert runner.invoke(args=["search", "sync"]).exit_code == 0
    assert pending() == 0 and not indexer.verify().any


def test_a_long_transaction_logs_a_change_again_after_forgetting_and_the_index_is_right(app, make_org,
                                                                                      make_offering, monkeypatch):
    from marketplace.search import changes
    from marketplace.search.models import SearchChange

    monkeypatch.setattr(changes, "_KEYS_REMEMBERED", 2)  # a bulk import's transaction, in small
    org = make_org()
    first, second, third = (make_offering(org=org, title=f"Lokipalvelu {n}") for n in range(3))
    indexer.sync()
    logged = db.session.scalar(select(func.count()).select_from(SearchChange))
    for offering, title in ((first, "Lokipalvelu A"), (second, "Lokipalvelu B"), (third, "Lokipalvelu C"),
                            (first, "Lokipalvelu D")):
        offering.title = title
        db.session.flush()
    db.session.commit()
    assert db.session.scalar(select(func.count()).select_from(SearchChange)) == logged + 4  # the first twice
    assert found("lokipalvelu") == {"Lokipalvelu B", "Lokipalvelu C", "Lokipalvelu D"}
    assert pending() == 0


def test_search_status_shows_what_is_pending(runner, make_org, make_offering):
    org = make_org()
    make_offering(org=org)
    runner.invoke(args=["search", "sync"])
    make_offering(org=org, title="Toinen")  # created, then published: two changes
    output = runner.invoke(args=["search", "status"]).output
    assert "pending changes: 2" in output


def test_verify_repair_heals_drift(runner, make_org, make_offering):
    org = make_org()
    dropped = make_offering(org=org, title="Pudotettu")
    indexer.sync()
    _, index = indexer.store().open_current()
    with index.writer() as writer:
        writer.delete_by_term("id", str(dropped.uuid))
    result = runner.invoke(args=["search", "verify", "--repair"])
    assert result.exit_code == 0, result.output
    assert "missing: 1" in result.output and "Repaired 1 documents." in result.output
    assert not indexer.verify().any and found("pudotettu") == {"Pudotettu"}


def _children(pid: int) -> set[int]:
    """Living child processes of `pid` (zombies count as dead)."""
    found_children = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found_children.add(int(stat.parent.name))
    return found_children


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.subprocess
def test_killing_a_reindex_leaves_no_workers_and_the_next_reindex_cleans_up(app, tmp_path, make_org, make_offering):
    org = make_org()
    make_offering(org=org, title="Alkuperäinen palvelu")
    indexer.sync()
    live = indexer.store().current_name()
    _add_offerings(org, 1500)
    env = {**os.environ, "MARKETPLACE_SECRET_KEY": secrets.token_hex(32),
           "MARKETPLACE_INSTANCE_PATH": str(tmp_path / "instance"),
           "MARKETPLACE_SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
           "MARKETPLACE_SEARCH_INDEX_DIR": app.config["SEARCH_INDEX_DIR"], "MARKETPLACE_SEARCH_PARALLEL_ABOVE": "100"}
    process = subprocess.Popen([sys.executable, "-m", "flask", "--app", "marketplace", "search", "reindex"], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: set[int] = set()
    try:
        deadline = time.monotonic() + 60
        while not workers and time.monotonic() < deadline and process.poll() is None:
            workers = _children(process.pid)
            time.sleep(0.01)
        assert workers, "the reindex finished before its workers could be seen"
        process.send_signal(signal.SIGKILL)
        process.wait()
        deadline = time.monotonic() + 10
        while any(map(_alive, workers)) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(map(_alive, workers)), "worker processes outlived the killed reindex"
    finally:
        for pid in workers:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)

    root = indexer.store().root
    partial = {path.name for path in root.glob("gen-*")} - {live}
    assert partial and indexer.store().current_name() == live  # the crash left a partial generation, not a swap
    indexer.reindex()
    assert not partial & {path.name for path in root.glob("gen-*")}
    assert search(SearchRequest(text="massapalvelu")).total == 1500
