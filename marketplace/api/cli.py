"""`flask hsds export DIR` writes the published catalogue as HSDS 3.0; `flask hsds import PATH` reads it back."""

import tempfile
import zipfile
from pathlib import Path

import click
from flask.cli import AppGroup

from marketplace.api.hsds.export import public_count, write_json, write_package
from marketplace.api.hsds.importer import ImportReport, import_package, import_services
from marketplace.errors import InvalidInput
from marketplace.search.cli import reindex_with_progress, sync_with_progress

hsds_cli = AppGroup("hsds", help="Open Referral HSDS 3.0 data exchange.")
REINDEX_ABOVE = 2000  # a large import rebuilds the index instead of applying change by change


def _read(path: Path, progress) -> ImportReport:
    """A JSON list, or a data package: its folder, its datapackage.json, or a zip of it."""
    if path.is_dir():
        return import_package(path, progress)
    if path.name == "datapackage.json":
        return import_package(path.parent, progress)
    if zipfile.is_zipfile(path):
        with tempfile.TemporaryDirectory() as folder, zipfile.ZipFile(path) as archive:
            archive.extractall(folder)
            return import_package(Path(folder), progress)
    with path.open("rb") as stream:
        return import_services(stream, progress)


@hsds_cli.command("import")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
def import_command(path: Path):
    """Import HSDS services from PATH: a JSON list of services (organisation nested) or a tabular data package
    (its folder, its datapackage.json or a zip). Prints created, updated, unchanged and rejected."""
    with click.progressbar(length=0, label="Importing services", show_pos=True) as bar:
        def progress(services):
            for service in services:
                bar.update(1)
                yield service

        try:
            report = _read(path, progress)
        except InvalidInput as error:
            raise click.ClickException(f"{error.message} Nothing was imported.") from None
    click.echo(f"Created {report.created}, updated {report.updated}, unchanged {report.unchanged}, "
               f"rejected {len(report.rejected)} services; {report.organisations} organisations.")
    if report.held:
        click.echo(f"Held {report.held} services until a coordinator maps their terms (/coordinator/imported-terms).")
    for position, key, reason in report.rejected[:100]:
        click.echo(f"  rejected #{position} {key}: {reason}")
    for position, key, note in report.notes[:100]:
        click.echo(f"  note #{position} {key}: {note}")
    # The import is committed; the change log holds every service, so an interrupted indexing step is
    # finished by `flask search sync`. A large import rebuilds instead (in parallel, swapped in at the end).
    if report.created + report.updated > REINDEX_ABOVE:
        reindex_with_progress()
    else:
        sync_with_progress("Indexing offerings")


@hsds_cli.command("export")
@click.argument("directory", type=click.Path(file_okay=False, writable=True, path_type=Path))
@click.option("--format", "file_format", type=click.Choice(["datapackage", "json"]), default="datapackage",
              show_default=True, help="datapackage: datapackage.json and a CSV per table (the HSDS tabular "
                                      "format); json: services.json, a list of fully nested services.")
def export_command(directory: Path, file_format: str):
    """Write the published catalogue into DIRECTORY as HSDS 3.0; `hsds import` reads either format back."""
    directory.mkdir(parents=True, exist_ok=True)
    # Written beside the target and moved in at the end: a broken export never replaces a whole one.
    with tempfile.TemporaryDirectory(dir=directory) as partial, click.progressbar(
            length=public_count(), label="Exporting services", show_pos=True) as bar:
        if file_format == "json":
            with (Path(partial) / "services.json").open("w", encoding="utf-8") as out:
                count = write_json(out, lambda: bar.update(1))
        else:
            count = write_package(Path(partial), lambda: bar.update(1)).get("services.csv", 0)
        for written in Path(partial).iterdir():
            written.replace(directory / written.name)
    click.echo(f"Exported {count} services to {directory} ({file_format}).")
