"""`dateline search QUERY`: full-text search over stored articles."""

from __future__ import annotations

import click

from ..store.db import Store
from ..store.queries import search_articles
from ._options import db_option, settings_from


@click.command("search")
@click.argument("query")
@db_option
@click.option("-n", "--limit", type=click.IntRange(1, 1000), default=20, show_default=True)
def command(query, db, limit):
    """Full-text search (BM25) over article titles and text."""
    settings = settings_from(db=db)
    with Store(settings.db) as store:
        hits = search_articles(store, query, limit)
    if not hits:
        click.echo("no matches")
    for h in hits:
        click.echo(f"{h['score']:6.2f}  {h['id']}  {h['published'] or '':10}  {h['title'] or '(untitled)'}")
