"""Read-side queries over the store, shared by the CLI and the web layer."""

from __future__ import annotations

import json
from typing import Any

from ..errors import UsageError
from .db import Store


def _dicts(cursor) -> list[dict[str, Any]]:
    cols = [d[0] for d in cursor.description]
    return [dict(zip(cols, row)) for row in cursor.fetchall()]


def find_article_id(store: Store, key: str) -> str:
    """An article id from a full id, an id prefix, an input id or a source path."""
    row = store.con.execute(
        "SELECT id FROM articles WHERE id = ? OR doc_id = ? OR source = ? ORDER BY stored_at LIMIT 1",
        [key, key, key]).fetchone()
    if row:
        return row[0]
    rows = store.con.execute("SELECT id FROM articles WHERE starts_with(id, ?) LIMIT 2", [key]).fetchall()
    if len(rows) == 1:
        return rows[0][0]
    if rows:
        raise UsageError(f"{key!r} matches more than one article; give more of the id")
    raise UsageError(f"no article {key!r} in {store.path}")


def article_detail(store: Store, article_id: str) -> dict[str, Any]:
    """One article with all its annotations, offsets into `text`."""
    con = store.con
    art = _dicts(con.execute("SELECT * FROM articles WHERE id = ?", [article_id]))[0]
    art["offsets"] = json.loads(art["offsets"] or "[]")
    art["body"] = art["text"][art["body_start"]:]
    art["entities"] = _dicts(con.execute("SELECT * FROM entities WHERE article_id = ? ORDER BY try_cast(substr(entity_id, 2) AS INTEGER), entity_id",
                                         [article_id]))
    mentions = _dicts(con.execute('SELECT * FROM mentions WHERE article_id = ? ORDER BY start', [article_id]))
    for e in art["entities"]:
        e["mentions"] = [m for m in mentions if m["entity_id"] == e["entity_id"]]
    # Events are stored once per story; an article's own mentions carry its evidence offsets.
    art["events"] = _dicts(con.execute(
        """SELECT e.* REPLACE (m.article_id AS article_id, m.event_no AS event_no,
                               m.evidence_start AS evidence_start, m.evidence_end AS evidence_end,
                               m.evidence_text AS evidence_text)
           FROM event_mentions m JOIN events e USING (event_id)
           WHERE m.article_id = ? ORDER BY m.event_no""", [article_id]))
    for table, order in (("quotes", "quote_no"), ("places", "place_no"), ("times", "time_no")):
        art[table] = _dicts(con.execute(f"SELECT * FROM {table} WHERE article_id = ? ORDER BY {order}",
                                        [article_id]))
    art["copies"] = _dicts(con.execute(
        "SELECT id, doc_id, source, url, title FROM articles WHERE story = ? AND id <> ? ORDER BY stored_at",
        [art["story"], article_id]))
    return art


def search_articles(store: Store, query: str, limit: int = 20) -> list[dict[str, Any]]:
    store.refresh_fts() if not store.read_only else store.load_fts()
    return _dicts(store.con.execute(
        """SELECT id, title, published, source, score FROM (
               SELECT *, fts_main_articles.match_bm25(id, ?) AS score FROM articles)
           WHERE score IS NOT NULL ORDER BY score DESC LIMIT ?""", [query, limit]))


def corpus_stats(store: Store) -> dict[str, Any]:
    con = store.con
    counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
              for t in ("articles", "entities", "mentions", "quotes", "events", "places", "times", "rejected")}
    counts["stories"] = con.execute("SELECT count(DISTINCT story) FROM articles").fetchone()[0]
    rejected = dict(con.execute("SELECT reason, count(*) FROM rejected GROUP BY 1 ORDER BY 2 DESC").fetchall())
    languages = dict(con.execute("SELECT coalesce(language, '?'), count(*) FROM articles GROUP BY 1 ORDER BY 2 DESC")
                     .fetchall())
    event_types = dict(con.execute("SELECT type, count(*) FROM events GROUP BY 1 ORDER BY 2 DESC").fetchall())
    top_entities = con.execute(
        "SELECT name, type, count(*) n FROM entities GROUP BY 1, 2 ORDER BY n DESC, name LIMIT 10").fetchall()
    return {"counts": counts, "rejected": rejected, "languages": languages, "event_types": event_types,
            "top_entities": [{"name": n, "type": t, "articles": c} for n, t, c in top_entities]}
