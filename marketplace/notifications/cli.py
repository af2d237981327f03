import click
from flask.cli import AppGroup

from marketplace.notifications.service import deliver_queued, smtp_configured

mail_cli = AppGroup("mail", help="Email outbox.")


@mail_cli.command("deliver")
def deliver_command():
    """Send queued emails over SMTP (run from cron to retry failures)."""
    if not smtp_configured():
        raise click.ClickException("MAIL_SERVER is not configured: emails stay in the outbox.")
    click.echo(f"Sent {deliver_queued(limit=10_000)} emails.")
