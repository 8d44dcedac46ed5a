"""`dateline export`: write stored events as Parquet, CSV, JSONL or a GDELT-style TSV."""

from __future__ import annotations

import click

from ..store.db import Store
from ..store.export import FORMATS, EventFilter, export_events
from ._options import db_option, settings_from
from .events import with_event_filters


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True,
              help="parquet, csv, jsonl, or gdelt (a tab-separated GDELT-style event file; see docs/events.md).")
@click.option("-o", "--output", "output", required=True, type=click.Path(dir_okay=False, writable=True),
              help="File to write.")
@with_event_filters
@db_option
def command(fmt, output, source, target, type_, since, db):
    """Export coded events with their actors, CAMEO codes, quad class and Goldstein score."""
    settings = settings_from(db=db)
    with Store(settings.db, read_only=True) as store:
        n = export_events(store, output, fmt, EventFilter(source=source, target=target, type=type_, since=since))
    click.echo(f"wrote {n} events to {output} ({fmt})")
