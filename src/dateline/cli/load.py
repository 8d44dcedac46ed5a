"""`dateline load DIR`: merge Parquet shards from a Dask run into the database."""

from __future__ import annotations

import click

from ..run.load import load_shards
from ._options import db_option, settings_from


@click.command("load")
@click.argument("directory", metavar="DIR", type=click.Path(exists=True, file_okay=False))
@db_option
@click.option("--batch-size", type=click.IntRange(1, 100_000), default=None, help="Inputs per commit.")
def command(directory, db, batch_size):
    """Merge the finished Parquet shards in DIR (from `dateline run --executor dask --out DIR`)
    into the database, clustering stories and de-duplicating events across shards.
    Loading again skips shards and inputs already in."""
    settings = settings_from(db=db)
    for line in load_shards(directory, settings, batch_size=batch_size).lines():
        click.echo(line)
