"""`flask search ...`: rebuild, catch up, verify and inspect the index."""

import sys

import click
from flask.cli import AppGroup

from marketplace.search import indexer
from marketplace.search.analysis import analyzer_key, voikko_available

search_cli = AppGroup("search", help="Full-text search index.")


def reindex_with_progress() -> int:
    def progress(offerings, total):
        with click.progressbar(offerings, length=total, label="Indexing offerings") as bar:
            yield from bar

    return indexer.reindex(progress)


@search_cli.command("reindex")
def reindex_command():
    """Rebuild the index from the database into a new directory and swap it in (searches keep working)."""
    click.echo(f"Indexed {reindex_with_progress()} offerings.")


def sync_with_progress(label: str = "Applying changes") -> indexer.SyncReport:
    """Apply every pending change in committed batches, with a progress bar (also after imports)."""
    with click.progressbar(length=indexer.status().pending, label=label, show_pos=True) as bar:
        return indexer.sync(progress=bar.update)


@search_cli.command("sync")
def sync_command():
    """Apply pending changes in batches (building the index if there is none); safe to interrupt and rerun."""
    report = sync_with_progress()
    if report.rebuilt:
        click.echo("No usable index: built it from the database.")
    if report.busy:
        click.echo("Another process is updating the index; it applies the same changes.")
    else:
        click.echo(f"Applied {report.applied} changes.")


@search_cli.command("verify")
@click.option("--repair", is_flag=True, help="Rewrite the documents that differ (the safety net: run it daily).")
def verify_command(repair):
    """Compare the index with the database; exit status 1 when they differ (unless repaired)."""
    drift = indexer.verify()
    for label, keys in (("missing", drift.missing), ("extra", drift.extra), ("stale", drift.stale)):
        click.echo(f"{label}: {len(keys)}")
        for key in keys[:50]:
            click.echo(f"  {key}")
    if drift.any and repair:
        click.echo(f"Repaired {indexer.repair(drift)} documents.")
        drift = indexer.verify()
    if drift.any:
        click.echo("The index differs from the database: run `flask --app marketplace search sync` "
                   "or `search reindex`.")
        sys.exit(1)
    click.echo("The index matches the database.")


@search_cli.command("status")
def status_command():
    """Where the index is, how current it is, and which Finnish analysis runs."""
    status = indexer.status()
    click.echo(f"directory: {status.directory}")
    click.echo(f"generation: {status.generation or '(none: run `search sync` or `search reindex`)'}")
    click.echo(f"documents: {status.documents}")
    click.echo(f"pending changes: {status.pending}")
    click.echo(f"analyzer: {analyzer_key()}")
    click.echo("finnish analysis: " + ("Voikko (lemmas and compound parts)" if voikko_available()
                                       else "Snowball stemmer (Voikko not available)"))
