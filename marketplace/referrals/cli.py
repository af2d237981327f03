"""Commands: the daily deadline reminders, and erasing personal data past its retention time."""

import click
from flask.cli import AppGroup

from marketplace.accounts import service as accounts
from marketplace.audit import service as audit
from marketplace.referrals import service

referrals_cli = AppGroup("referrals", help="Ohjausten määräajat.")
privacy_cli = AppGroup("privacy", help="Henkilötietojen poistaminen.")


@referrals_cli.command("daily")
def daily() -> None:
    """Remind providers of referrals unanswered past the deadline, and coaches of long waits in queues (run once a
    day; `jobs run-due` does)."""
    count = service.send_overdue_reminders()
    click.echo(f"Muistutettu {count} myöhässä olevasta ohjauksesta.")
    click.echo(f"Pyydetty harkitsemaan {service.send_queue_reminders()} pitkään jonottanutta ohjausta.")


@privacy_cli.command("purge")
def purge() -> None:
    """Erase jobseekers' details from referrals closed longer ago than REFERRAL_RETENTION_MONTHS; drop old sessions
    and audit events past their retention."""
    count = service.purge_personal_data(show_progress=True)
    click.echo(f"Henkilötiedot poistettu {count} ohjauksesta.")
    click.echo(f"Vanhoja kirjautumisia poistettu: {accounts.purge_sessions()}.")
    click.echo(f"Vahvistamattomia rekisteröintejä poistettu: {accounts.purge_registrations()}.")
    events, views, shortened = audit.purge()
    click.echo(f"Tapahtumalokista poistettu {events} vanhaa tapahtumaa ja {views} vanhaa katselukertaa; "
               f"IP-osoite lyhennetty {shortened} tapahtumasta.")
