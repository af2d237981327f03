"""The jobs that keep the network current, run by `flask jobs run-due` every few minutes from a timer.

A daily job runs once per Finnish day, at or after its hour; the mail job runs on every call. Whichever host
calls first claims a job with one conditional UPDATE, so two hosts calling at once never both run it.
"""

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite

from marketplace.clock import FINLAND, utcnow
from marketplace.extensions import db
from marketplace.operations.models import JobRun

log = logging.getLogger("marketplace.jobs")

STALE_AFTER = timedelta(hours=2)  # a claimed job that never finished (its host died) may be claimed again
LATE_AFTER = timedelta(days=2)  # /healthz and the coordinator's front page warn after this


def _catalog_daily() -> str:
    from marketplace.catalog.service import run_daily

    report = run_daily()
    return (f"stale reminders {report.stale_reminders}, funding notices {report.funding_notices}, "
            f"paused {report.expired}")


def _referrals_daily() -> str:
    from marketplace.referrals.service import send_overdue_reminders, send_queue_reminders

    return f"overdue reminders {send_overdue_reminders()}, long waits in queues {send_queue_reminders()}"


def _privacy_purge() -> str:
    from marketplace.accounts import service as accounts
    from marketplace.audit import service as audit
    from marketplace.notifications.service import purge_outbox
    from marketplace.ratelimits import purge_expired_counters
    from marketplace.referrals.service import purge_personal_data

    erased = purge_personal_data()
    events, views, shortened = audit.purge()
    return (f"erased {erased} referrals, sessions {accounts.purge_sessions()}, "
            f"registrations {accounts.purge_registrations()}, audit events {events}, views {views}, "
            f"addresses shortened {shortened}, rate-limit counters {purge_expired_counters()}, "
            f"outbox messages {purge_outbox()}")


def _daily_digests() -> str:
    from marketplace.notifications.service import send_daily_digests

    return f"digests {send_daily_digests()}"


def _saved_search_alerts() -> str:
    from marketplace.search import indexer
    from marketplace.search.saved import send_saved_search_alerts

    indexer.sync()  # the index has every committed change before it is asked what is new
    return f"alerts {send_saved_search_alerts()}"


def _mail_deliver() -> str:
    from marketplace.notifications.service import deliver_queued, smtp_configured
    from marketplace.notifications.sms import deliver_queued_sms, sms_configured

    mail = f"sent {deliver_queued(limit=10_000)}" if smtp_configured() else "no MAIL_SERVER: mail stays in the outbox"
    sms = f"sent {deliver_queued_sms(limit=10_000)}" if sms_configured() else "no SMS_BACKEND: stays in the outbox"
    return f"email {mail}; text messages {sms}"


@dataclass(frozen=True)
class Job:
    name: str
    label: object
    run: Callable[[], str]
    hour: int | None  # a daily job's earliest Finnish hour; None: on every call


JOBS = (
    Job("privacy-purge", _l("Vanhentuneiden henkilötietojen poisto"), _privacy_purge, hour=2),
    Job("catalog-daily", _l("Palvelujen tarkistus- ja rahoitusmuistutukset"), _catalog_daily, hour=6),
    Job("referrals-daily", _l("Muistutukset myöhässä olevista ohjauksista ja pitkistä jonotuksista"), _referrals_daily,
        hour=7),
    Job("daily-digests", _l("Päivän koosteet sähköpostiin"), _daily_digests, hour=8),
    Job("saved-search-alerts", _l("Tallennettujen hakujen ilmoitukset"), _saved_search_alerts, hour=None),
    Job("mail-deliver", _l("Sähköpostien ja tekstiviestien lähetys"), _mail_deliver, hour=None),
)


def _ensure_rows() -> None:
    table = JobRun.__table__
    dialect = postgresql if db.session.get_bind().dialect.name == "postgresql" else sqlite
    now = utcnow()
    db.session.execute(dialect.insert(table).values([{"name": job.name, "created_at": now} for job in JOBS])
                       .on_conflict_do_nothing())
    db.session.commit()


def _claim(job: Job, now: datetime) -> bool:
    """Mark the job as running on this host if it is due and nobody else has it; True if this call got it."""
    local = now.astimezone(FINLAND)
    day = local.date()
    if job.hour is not None and local.hour < job.hour:
        return False
    stale = and_(JobRun.finished_at.is_(None), JobRun.started_at < now - STALE_AFTER)
    due = or_(JobRun.started_at.is_(None), stale)
    if job.hour is None:
        due = or_(due, JobRun.finished_at.is_not(None))
    else:
        due = or_(due, and_(JobRun.finished_at.is_not(None), or_(JobRun.claimed_on.is_(None),
                                                                 JobRun.claimed_on < day)))
    claimed = db.session.execute(
        update(JobRun).where(JobRun.name == job.name, due)
        .values(claimed_on=day, started_at=now, finished_at=None, succeeded=None, summary="")
        .execution_options(synchronize_session=False)).rowcount
    db.session.commit()
    return claimed == 1


def _finish(job: Job, now: datetime, seconds: float, succeeded: bool, summary: str) -> None:
    db.session.execute(update(JobRun).where(JobRun.name == job.name).values(
        finished_at=now + timedelta(seconds=seconds), succeeded=succeeded, summary=summary[:500]))
    db.session.commit()


@dataclass
class Outcome:
    job: Job
    succeeded: bool
    summary: str
    seconds: float


def run_due(at: datetime | None = None) -> list[Outcome]:
    """Run every job whose time has come; a job that fails is recorded and the others still run."""
    _ensure_rows()
    outcomes = []
    for job in JOBS:
        now = at or utcnow()
        if not _claim(job, now):
            continue
        started = time.monotonic()
        try:
            summary, succeeded = job.run(), True
        except Exception as error:  # noqa: BLE001 (recorded, logged, and the next job still runs)
            db.session.rollback()
            summary, succeeded = f"{type(error).__name__}: {error}", False
            log.exception("job %s failed", job.name)
        seconds = time.monotonic() - started
        _finish(job, now, seconds, succeeded, summary)
        log.info("job %s %s in %.1f s: %s", job.name, "done" if succeeded else "FAILED", seconds, summary,
                 extra={"job": job.name, "succeeded": succeeded, "seconds": round(seconds, 3)})
        outcomes.append(Outcome(job, succeeded, summary, seconds))
    return outcomes


@dataclass
class JobStatus:
    job: Job
    run: JobRun | None
    late: bool


def statuses(now: datetime | None = None) -> list[JobStatus]:
    """Each job's last run; a daily job is late when it has not succeeded for LATE_AFTER (counted from the first
    `jobs run-due`), and every job is late when `jobs run-due` has never been called."""
    now = now or utcnow()
    runs = {run.name: run for run in db.session.scalars(select(JobRun))}
    result = []
    for job in JOBS:
        run = runs.get(job.name)
        if run is None:
            late = True
        else:
            last_good = run.finished_at if run.succeeded else None
            late = job.hour is not None and now - (last_good or run.created_at) > LATE_AFTER
        result.append(JobStatus(job, run, late))
    return result


def late_jobs() -> list[JobStatus]:
    return [status for status in statuses() if status.late]
