"""`flask hsds import FILE` loads HSDS 3.0 services."""

import click
from flask.cli import AppGroup

from marketplace.api.hsds_import import import_services
from marketplace.errors import InvalidInput
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
