"""`flask search ...`: rebuild, catch up, verify and inspect the index."""

import sys

import click
from flask.cli import AppGroup

from marketplace.search import indexer
from marketplace.search.analysis import analyzer_key, voikko_available

search_cli = AppGroup("search", help="Full-text search index.")


@search_cli.command("reindex")
def reindex_command():
    """Rebuild the index from the database into a new directory and swap it in (searches keep working)."""

    def progress(offerings, total):
        with click.progressbar(offerings, length=total, label="Indexing offerings") as bar:
            yield from bar

    count = indexer.reindex(progress)
    click.echo(f"Indexed {count} offerings.")


@search_cli.command("sync")
def sync_command():
    """Apply pending changes (building the index if there is none)."""
    report = indexer.sync()
    if report.rebuilt:
        click.echo("No usable index: built it from the database.")
    elif report.busy:
        click.echo("Another process is updating the index; it applies the same changes.")
    else:
        click.echo(f"Applied {report.applied} changes.")


@search_cli.command("verify")
def verify_command():
    """Compare the index with the database; exit status 1 when they differ."""
    drift = indexer.verify()
    for label, keys in (("missing", drift.missing), ("extra", drift.extra), ("stale", drift.stale)):
        click.echo(f"{label}: {len(keys)}")
        for key in keys[:50]:
            click.echo(f"  {key}")
    if drift.any:
        click.echo("The index differs from the database: run `flask --app marketplace search sync` or `search reindex`.")
        sys.exit(1)
    click.echo("The index matches the database.")


@search_cli.command("status")
def status_command():
    """Where the index is, how current it is, and which Finnish analysis runs."""
    status = indexer.status()
    click.echo(f"directory: {status.directory}")
    click.echo(f"generation: {status.generation or '(none: run `search sync` or `search reindex`)'}")
    click.echo(f"documents: {status.documents}")
    click.echo(f"changes applied: {status.applied_sequence} of {status.latest_sequence}")
    click.echo(f"analyzer: {analyzer_key()}")
    click.echo("finnish analysis: " + ("Voikko (lemmas and compound parts)" if voikko_available()
                                       else "Snowball stemmer (Voikko not available)"))
