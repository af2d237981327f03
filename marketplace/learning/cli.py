"""`flask qualifications import FILE`: load qualifications, units and competence requirements (JSON or CSV)."""

from pathlib import Path

import click
from flask.cli import AppGroup

from marketplace.errors import InvalidInput
from marketplace.learning import service

qualifications_cli = AppGroup("qualifications", help="Tutkinnot, tutkinnon osat ja ammattitaitovaatimukset.")


@qualifications_cli.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_command(file: Path) -> None:
    """Import FILE (the ePerusteet extract JSON, or CSV with one row per requirement); all or nothing."""
    try:
        specs = service.parse_file(file.name, file.read_bytes())
    except InvalidInput as error:
        messages = [message for messages in error.errors.values() for message in messages] or [error.message]
        raise click.ClickException("\n".join([error.message, *messages])) from None

    def progress(items):
        with click.progressbar(items, label="Storing qualifications") as bar:
            yield from bar

    report = service.import_qualifications(specs, progress)
    click.echo(f"Created {len(report.created)}, new versions {len(report.updated)}, "
               f"unchanged {len(report.unchanged)} qualifications.")
