"""`flask jobs run-due`: each daily job once a Finnish day after its hour, mail on every call, one host at a time."""

import threading
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select, update

from marketplace.clock import FINLAND, utcnow
from marketplace.extensions import db
from marketplace.operations import jobs
from marketplace.operations.models import JobRun
from tests.helpers import at_once, meet_at

NOON = datetime(2026, 12, 2, 12, 0, tzinfo=FINLAND)
DAILY = ["privacy-purge", "catalog-daily", "referrals-daily", "daily-digests"]
EVERY_CALL = ["saved-search-alerts", "mail-deliver"]
EVERY_JOB = DAILY + EVERY_CALL


@pytest.fixture
def calls(app, monkeypatch):
    """Jobs that count their runs (the real ones are tested by their own domains)."""
    counts: dict[str, int] = {}
    lock = threading.Lock()

    def counting(name):
        def run():
            with lock:
                counts[name] = counts.get(name, 0) + 1
            return f"{name} ran"
        return run

    monkeypatch.setattr(jobs, "JOBS", tuple(
        jobs.Job(job.name, job.label, counting(job.name), job.hour) for job in jobs.JOBS))
    return counts


def names(outcomes) -> list[str]:
    return [outcome.job.name for outcome in outcomes]


def test_the_first_call_of_a_day_runs_every_job_and_later_calls_only_mail(calls):
    assert names(jobs.run_due(NOON)) == EVERY_JOB
    assert names(jobs.run_due(NOON + timedelta(minutes=5))) == EVERY_CALL
    assert names(jobs.run_due(NOON + timedelta(days=1))) == EVERY_JOB
    assert calls == {**dict.fromkeys(DAILY, 2), **dict.fromkeys(EVERY_CALL, 3)}
    run = db.session.get(JobRun, "catalog-daily")
    assert run.succeeded and run.summary == "catalog-daily ran" and run.claimed_on == (NOON + timedelta(days=1)).date()


def test_a_daily_job_waits_for_its_hour(calls):
    early = NOON.replace(hour=6, minute=30)
    assert names(jobs.run_due(early)) == ["privacy-purge", "catalog-daily", *EVERY_CALL]
    assert names(jobs.run_due(early.replace(hour=7))) == ["referrals-daily", *EVERY_CALL]
    assert names(jobs.run_due(early.replace(hour=8))) == ["daily-digests", *EVERY_CALL]


def test_a_failing_job_is_recorded_and_the_others_still_run(monkeypatch, runner, calls):
    def broken():
        raise RuntimeError("SMTP-palvelin ei vastaa")

    monkeypatch.setattr(jobs, "JOBS", tuple(
        jobs.Job(job.name, job.label, broken if job.name == "catalog-daily" else job.run, job.hour)
        for job in jobs.JOBS))
    monkeypatch.setattr(jobs, "utcnow", lambda: NOON)  # past every job's hour, whenever the suite runs
    result = runner.invoke(args=["jobs", "run-due"])
    assert result.exit_code == 1
    assert "catalog-daily: FAILED" in result.output and "referrals-daily: ok" in result.output
    run = db.session.get(JobRun, "catalog-daily")
    assert run.succeeded is False and "SMTP-palvelin ei vastaa" in run.summary


def test_two_hosts_calling_at_once_run_each_job_once(monkeypatch, calls):
    meet_at(monkeypatch, jobs, "_ensure_rows", 2)  # both have their rows before either claims
    results = at_once(lambda: names(jobs.run_due(NOON)), lambda: names(jobs.run_due(NOON)))
    assert not any(isinstance(result, Exception) for result in results), results
    assert {name: count for name, count in calls.items() if name in DAILY} == dict.fromkeys(DAILY, 1)


def test_a_job_whose_host_died_is_taken_over_later(calls):
    jobs.run_due(NOON)
    db.session.execute(update(JobRun).where(JobRun.name == "catalog-daily").values(
        finished_at=None, claimed_on=(NOON + timedelta(days=1)).date(), started_at=NOON + timedelta(days=1)))
    db.session.commit()
    tomorrow = NOON + timedelta(days=1, minutes=30)
    assert "catalog-daily" not in names(jobs.run_due(tomorrow))  # still running, as far as anyone knows
    assert "catalog-daily" in names(jobs.run_due(tomorrow + jobs.STALE_AFTER))


def test_jobs_are_late_after_two_days_without_success(calls):
    assert all(status.late for status in jobs.statuses())  # `jobs run-due` has never been called
    jobs.run_due(utcnow())
    assert not any(status.late for status in jobs.statuses())
    later = utcnow() + jobs.LATE_AFTER + timedelta(hours=1)
    assert {status.job.name for status in jobs.statuses(later) if status.late} == set(DAILY)


def test_the_real_jobs_run_from_the_command_line(runner):
    result = runner.invoke(args=["jobs", "run-due"])
    assert result.exit_code == 0, result.output
    assert "mail-deliver: ok" in result.output and "no MAIL_SERVER" in result.output
    status = runner.invoke(args=["jobs", "status"])
    assert "mail-deliver: ok, last" in status.output
    runs = [run for run in db.session.scalars(select(JobRun)) if run.started_at]  # daily ones wait for their hour
    assert runs and all(run.succeeded for run in runs)


def test_the_coordinators_front_page_says_when_a_job_is_late(client, login, make_user, calls):
    jobs.run_due(NOON)
    db.session.execute(update(JobRun).values(finished_at=utcnow()))  # the others ran just now, whatever the date
    db.session.execute(update(JobRun).where(JobRun.name == "referrals-daily").values(
        finished_at=utcnow() - timedelta(days=3)))
    db.session.commit()
    login(make_user(coordinator=True))
    page = client.get("/").get_data(as_text=True)
    assert "eivät ole onnistuneet kahteen päivään" in page and "Muistutukset myöhässä olevista ohjauksista" in page
    assert "Palvelujen tarkistus- ja rahoitusmuistutukset" not in page
