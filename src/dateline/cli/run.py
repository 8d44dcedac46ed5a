"""`dateline run INPUT...`: process news into the store."""

from __future__ import annotations

import click
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

from ..ingest.sources import check_inputs
from ..run.local import run_local
from ._options import db_option, model_option, published_option, settings_from


@click.command("run")
@click.argument("inputs", nargs=-1, required=True)
@db_option
@model_option
@published_option
@click.option("--batch-size", type=click.IntRange(1, 10_000), default=None, help="Articles per batch and commit.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
def command(inputs, db, model, published, batch_size, quiet):
    """Ingest INPUT files, folders, globs or - (stdin) into the database.

    Formats: .txt, .html/.htm, .jsonl (one {"id", "text"|"html", "published"?} per line),
    .warc, and .gz of any of these. Re-running on the same content stores nothing twice.
    """
    settings = settings_from(db=db, model=model, batch_size=batch_size)
    check_inputs(list(inputs))
    with Progress(TextColumn("[progress.description]{task.description}"), BarColumn(),
                  TextColumn("{task.completed} docs"), TextColumn("{task.fields[rate]}"),
                  TimeElapsedColumn(), TimeRemainingColumn(), disable=quiet, transient=False) as bar:
        task = bar.add_task("processing", total=None, rate="")

        def advance(n: int) -> None:
            bar.advance(task, n)
            t = bar.tasks[0]
            if t.elapsed:
                bar.update(task, rate=f"{t.completed / t.elapsed:.1f} docs/s")

        summary = run_local(list(inputs), settings, published=published, progress=advance)
    for line in summary.lines():
        click.echo(line)
