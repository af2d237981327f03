"""/healthz for load balancers: the database, the index and the jobs, and nothing anybody wrote."""

from datetime import timedelta

from sqlalchemy import update
from sqlalchemy.exc import OperationalError

from marketplace.clock import utcnow
from marketplace.extensions import db
from marketplace.operations import jobs
from marketplace.operations.models import JobRun


def test_healthy_when_the_database_answers_and_jobs_ran(client, runner, network):
    runner.invoke(args=["search", "reindex"])
    runner.invoke(args=["jobs", "run-due"])
    response = client.get("/healthz")
    body = response.get_json()
    assert response.status_code == 200 and body["status"] == "ok", body
    assert body["database"] == "ok" and body["search"]["generation"] and body["search"]["pending_changes"] == 0
    assert set(body["jobs"]) == {job.name for job in jobs.JOBS}
    assert response.headers["Cache-Control"] == "no-store"
    text = response.get_data(as_text=True)
    for private in ("Verstas", "coach@salo.fi", "Puutyöpaja"):
        assert private not in text


def test_degraded_when_a_job_is_late(client, runner):
    runner.invoke(args=["jobs", "run-due"])
    db.session.execute(update(JobRun).values(finished_at=utcnow() - timedelta(days=3),
                                             created_at=utcnow() - timedelta(days=9)))
    db.session.commit()
    body = client.get("/healthz").get_json()
    assert body["status"] == "degraded" and body["jobs"]["catalog-daily"]["late"] is True


def test_unavailable_when_the_database_does_not_answer(client, monkeypatch):
    def unreachable(*args, **kwargs):
        raise OperationalError("SELECT 1", {}, Exception("connection refused"))

    monkeypatch.setattr(db.session, "execute", unreachable)
    response = client.get("/healthz")
    assert response.status_code == 503 and response.get_json() == {"status": "unavailable",
                                                                  "database": "unreachable"}
