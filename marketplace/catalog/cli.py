import click
from flask.cli import AppGroup

from marketplace.catalog.service import run_daily

catalog_cli = AppGroup("catalog", help="Offerings catalogue.")


@catalog_cli.command("daily")
def daily_command():
    """Send stale and funding reminders and pause offerings whose funding ended (run once a day from cron)."""
    report = run_daily()
    click.echo(
        f"Stale reminders: {report.stale_reminders} emails. Funding notices: {report.funding_notices} emails. "
        f"Paused because funding ended: {report.expired} offerings."
    )
