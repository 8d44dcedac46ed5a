"""`dateline quotes [--speaker NAME] [--since DATE]`: who said what, from the store."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import click

from ..store.db import Store
from ._options import db_option, settings_from, since_option


def list_quotes(store: Store, speaker: str | None = None, since: date | None = None,
                limit: int = 100) -> list[dict[str, Any]]:
    """Stored quotes, newest articles first; `speaker` matches the resolved entity name or
    the speaker as written (case-insensitive substring)."""
    where, params = [], []
    if speaker:
        where.append("(q.speaker_name ILIKE ? OR q.speaker_text ILIKE ?)")
        params += [f"%{speaker}%", f"%{speaker}%"]
    if since:
        where.append("a.published >= ?")
        params.append(since)
    sql = f"""SELECT a.id AS article_id, a.doc_id, a.published, a.title, q.quote_no, q.kind,
                     coalesce(q.speaker_name, q.speaker_text) AS speaker, q.speaker_entity, q.cue_text,
                     q.content, q.rule
              FROM quotes q JOIN articles a ON a.id = q.article_id
              {"WHERE " + " AND ".join(where) if where else ""}
              ORDER BY a.published DESC NULLS LAST, a.id, q.quote_no LIMIT ?"""
    cur = store.con.execute(sql, params + [limit])
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, row)) for row in cur.fetchall()]


@click.command("quotes")
@click.option("--speaker", metavar="NAME", help="Only quotes whose speaker name contains NAME.")
@since_option
@db_option
@click.option("-n", "--limit", type=click.IntRange(1, 100_000), default=100, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per quote.")
def command(speaker, since, db, limit, as_json):
    """List stored quotes: speaker, cue and what was said."""
    settings = settings_from(db=db)
    with Store(settings.db, read_only=True) as store:
        rows = list_quotes(store, speaker, since, limit)
    if not rows:
        click.echo("no quotes")
    for r in rows:
        if as_json:
            click.echo(json.dumps(r, ensure_ascii=False, default=str))
            continue
        when = str(r["published"] or "")
        content = r["content"] if len(r["content"]) <= 200 else r["content"][:197] + "..."
        click.echo(f"{when:10}  {r['speaker'] or '?'} ({r['cue_text'] or r['kind']}): {content}")
