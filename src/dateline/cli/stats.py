"""`dateline stats`: what the database holds."""

from __future__ import annotations

import json

import click

from ..store.db import Store
from ..store.queries import corpus_stats
from ._options import db_option, settings_from


@click.command("stats")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def command(db, as_json):
    """Counts of articles, stories, entities, quotes, events, places, times and rejections."""
    settings = settings_from(db=db)
    with Store(settings.db, read_only=True) as store:
        stats = corpus_stats(store)
    if as_json:
        click.echo(json.dumps(stats, indent=2, default=str))
        return
    click.echo("  ".join(f"{k}: {v}" for k, v in stats["counts"].items()))
    if stats["languages"]:
        click.echo("languages: " + ", ".join(f"{k} {v}" for k, v in stats["languages"].items()))
    if stats["rejected"]:
        click.echo("rejected: " + ", ".join(f"{k} {v}" for k, v in stats["rejected"].items()))
    if stats["event_types"]:
        click.echo("event types: " + ", ".join(f"{k} {v}" for k, v in stats["event_types"].items()))
    if stats["top_entities"]:
        click.echo("top entities: " + ", ".join(f"{e['name']} ({e['articles']})" for e in stats["top_entities"]))
