"""`flask hsds import FILE` loads HSDS 3.0 services; `flask tokens create EMAIL --name NAME` prints an API token."""

import click
from flask.cli import AppGroup

from marketplace.accounts import service as accounts
from marketplace.api.hsds_import import import_services
from marketplace.api.tokens import create_token
from marketplace.errors import DomainError, InvalidInput
from marketplace.search.cli import reindex_with_progress, sync_with_progress

hsds_cli = AppGroup("hsds", help="Open Referral HSDS 3.0 data exchange.")
REINDEX_ABOVE = 2000  # a large import rebuilds the index instead of applying change by change


@hsds_cli.command("import")
@click.argument("file", type=click.File("rb"))
def import_command(file):
    """Import a JSON list of HSDS services (organisation nested); prints created, updated and rejected."""
    with click.progressbar(length=0, label="Importing services", show_pos=True) as bar:
        def progress(services):
            for service in services:
                bar.update(1)
                yield service

        try:
            report = import_services(file, progress)
        except InvalidInput as error:
            raise click.ClickException(f"{error.message} Nothing was imported.") from None
    click.echo(f"Created {report.created}, updated {report.updated}, rejected {len(report.rejected)} services; "
               f"{report.organisations} organisations.")
    for position, key, reason in report.rejected[:100]:
        click.echo(f"  rejected #{position} {key}: {reason}")
    # The import is committed; the change log holds every service, so an interrupted indexing step is
    # finished by `flask search sync`. A large import rebuilds instead (in parallel, swapped in at the end).
    if report.created + report.updated > REINDEX_ABOVE:
        reindex_with_progress()
    else:
        sync_with_progress("Indexing offerings")


tokens_cli = AppGroup("tokens", help="Personal access tokens for the referral API.")


@tokens_cli.command("create")
@click.argument("email")
@click.option("--name", required=True, help="What the token is for, e.g. the case-management system's name.")
@click.option("--organisation", "organisation_uuid", default=None,
              help="UUID of the organisation the token acts for (needed when the user belongs to several).")
def create_token_command(email, name, organisation_uuid):
    """Create a token for the user with EMAIL and print it (it is shown only this once)."""
    user = accounts.user_by_email(email)
    if user is None:
        raise click.ClickException(f"No user with email {email}.")
    memberships = [m for m in user.memberships if organisation_uuid in (None, str(m.organisation.uuid))]
    if not memberships:
        raise click.ClickException(f"{email} is not a member of that organisation." if organisation_uuid
                                   else f"{email} belongs to no organisation.")
    if len(memberships) > 1:
        choices = ", ".join(f"{m.organisation.uuid} ({m.organisation.name})" for m in memberships)
        raise click.ClickException(f"{email} belongs to several organisations; choose one with --organisation: {choices}")
    try:
        token, plain = create_token(user, memberships[0].organisation, name)
    except DomainError as error:
        raise click.ClickException(error.message) from None
    click.echo(f"Token {token.name!r} for {user.email} acting for {token.organisation.name}:")
    click.echo(plain)
