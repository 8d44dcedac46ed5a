"""`dateline events`: list stored events, filtered by actor codes, type and date."""

from __future__ import annotations

import json

import click

from ..store.db import Store
from ..store.export import EventFilter, query_events
from ._options import db_option, settings_from, since_option

event_filter_options = [
    click.option("--source", metavar="CODE", help="Only events with this actor code among the sources (e.g. RUS)."),
    click.option("--target", metavar="CODE", help="Only events with this actor code among the targets (e.g. UKR)."),
    click.option("--type", "type_", metavar="PLOVER", help="Only events of this PLOVER type (e.g. ASSAULT)."),
    since_option,
]


def with_event_filters(fn):
    for option in reversed(event_filter_options):
        fn = option(fn)
    return fn


def _actors(actors: list[dict]) -> str:
    return ",".join(f"{a.get('code') or '?'}{('/' + a['sector']) if a.get('sector') else ''}" for a in actors) or "-"


@click.command("events")
@with_event_filters
@db_option
@click.option("-n", "--limit", type=click.IntRange(1, 100_000), default=50, show_default=True,
              help="At most this many events.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per event.")
def command(source, target, type_, since, db, limit, as_json):
    """List coded events (who did what to whom), newest first, with their evidence."""
    settings = settings_from(db=db)
    flt = EventFilter(source=source, target=target, type=type_, since=since, limit=limit)
    with Store(settings.db, read_only=True) as store:
        rows = query_events(store, flt)
    if not rows:
        click.echo("no events")
    for row in rows:
        if as_json:
            click.echo(json.dumps(row, ensure_ascii=False, default=str))
            continue
        flags = "".join((" NOT" if row.get("negated") else "", " (maybe)" if row.get("hypothetical") else ""))
        day = row.get("date") or (row.get("published") or "")
        click.echo(f"{str(day):10}  {row['type']:<9}{flags} {_actors(row['source'])} -> {_actors(row['target'])}"
                   f"  [{row.get('cameo') or ''}]  {' '.join((row.get('evidence_text') or '').split())[:90]}")
