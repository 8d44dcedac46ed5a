"""`dateline run INPUT...`: process news into the store (or into Parquet shards with Dask)."""

from __future__ import annotations

import click
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

from ..errors import UsageError
from ..ingest.sources import check_inputs
from ..run.local import estimate_inputs, run_local
from ._options import db_option, model_option, published_option, settings_from


@click.command("run")
@click.argument("inputs", nargs=-1, required=True)
@db_option
@model_option
@published_option
@click.option("--batch-size", type=click.IntRange(1, 10_000), default=None, help="Articles per batch and commit.")
@click.option("--workers", type=click.IntRange(1, 256), default=None,
              help="Worker processes, each with its own model (local), or Dask workers of a LocalCluster.")
@click.option("--executor", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="local: worker processes writing the DuckDB store; dask: a Dask cluster writing Parquet shards.")
@click.option("--scheduler", metavar="tcp://HOST:8786", default=None,
              help="Dask scheduler address (with --executor dask); a LocalCluster when omitted.")
@click.option("--out", "out", metavar="DIR", default=None,
              help="Folder for Parquet shards (with --executor dask); merge them with `dateline load DIR`.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
def command(inputs, db, model, published, batch_size, workers, executor, scheduler, out, quiet):
    """Ingest INPUT files, folders, globs or - (stdin) into the database.

    Formats: .txt, .html/.htm, .jsonl (one {"id", "text"|"html", "published"?} per line),
    .warc (Common Crawl News), and .gz of any of these. Work is committed in batches and
    recorded in a ledger: re-running the same command after an interruption finishes the
    job, and re-running it on the same content stores nothing twice.
    """
    settings = settings_from(db=db, model=model, batch_size=batch_size, workers=workers)
    check_inputs(list(inputs))
    if executor == "dask":
        if not out:
            raise UsageError("--executor dask writes Parquet shards: give --out DIR")
        from ..run.dask import run_dask

        result = run_dask(list(inputs), settings, out, scheduler=scheduler, published=published)
        for line in result.lines():
            click.echo(line)
        return
    if scheduler or out:
        raise UsageError("--scheduler and --out go with --executor dask")
    total = None if quiet else estimate_inputs(list(inputs))
    with Progress(TextColumn("[progress.description]{task.description}"), BarColumn(),
                  TextColumn("{task.completed} docs"), TextColumn("{task.fields[rate]}"),
                  TimeElapsedColumn(), TimeRemainingColumn(), disable=quiet, transient=False) as bar:
        task = bar.add_task("processing", total=total, rate="")

        def advance(n: int) -> None:
            bar.advance(task, n)
            t = bar.tasks[0]
            if t.elapsed:
                bar.update(task, rate=f"{t.completed / t.elapsed:.1f} docs/s")

        summary = run_local(list(inputs), settings, published=published, progress=advance)
    for line in summary.lines():
        click.echo(line)
