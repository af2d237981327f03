"""`flask jobs run-due` (every few minutes, from a systemd timer or cron) and `flask jobs status`."""

import click
from flask import current_app
from flask.cli import AppGroup

from marketplace.i18n import show_datetime
from marketplace.operations import jobs
from marketplace.requestlog import configure_logging

jobs_cli = AppGroup("jobs", help="Scheduled jobs: reminders, purges, mail.")


@jobs_cli.command("run-due")
def run_due_command():
    """Run each job whose time has come (daily jobs once a day, mail every time); safe on several hosts at once."""
    if not current_app.testing:
        configure_logging()  # one JSON line per job in the journal
    outcomes = jobs.run_due()
    for outcome in outcomes:
        mark = "ok" if outcome.succeeded else "FAILED"
        click.echo(f"{outcome.job.name}: {mark} ({outcome.seconds:.1f} s) {outcome.summary}")
    if not outcomes:
        click.echo("Nothing due.")
    if any(not outcome.succeeded for outcome in outcomes):
        raise SystemExit(1)


@jobs_cli.command("status")
def status_command():
    """When each job last ran, and whether one is late."""
    for status in jobs.statuses():
        run = status.run
        when = show_datetime(run.finished_at or run.started_at) if run and run.started_at else "never"
        state = "late" if status.late else ("ok" if run and run.succeeded else "-")
        click.echo(f"{status.job.name}: {state}, last {when} {run.summary if run else ''}".rstrip())
