"""Read queries behind the API and the pages. Every value is a bound parameter;
only fixed column names chosen from allow-lists are ever put into SQL text."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from .database import WebDB

# PLOVER quad classes: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
QUADS: dict[int, tuple[str, ...]] = {
    1: ("AGREE", "CONSULT", "SUPPORT", "CONCEDE"),
    2: ("COOPERATE", "AID", "RETREAT"),
    3: ("REQUEST", "ACCUSE", "REJECT", "THREATEN"),
    4: ("PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"),
}
QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}
QUAD_OF = {t: q for q, types in QUADS.items() for t in types}
QUAD_SQL = "CASE " + " ".join(
    f"WHEN e.type IN ({', '.join(repr(t) for t in types)}) THEN {q}" for q, types in QUADS.items()) + " END"

EVENT_SORTS = {"date": "e.date", "confidence": "e.confidence", "type": "e.type", "article": "e.article_id"}
EVENT_COLUMNS = ("article_id", "event_no", "type", "mode", "cameo", "source", "target", "source_code", "target_code",
                 "place_name", "place_country", "lat", "lon", "date", "evidence_start", "evidence_end",
                 "evidence_text", "negated", "hypothetical", "confidence", "rule")


@dataclass(frozen=True)
class EventFilter:
    source: str | None = None  # actor code of the source
    target: str | None = None
    actor: str | None = None  # either side
    type: str | None = None  # one PLOVER type or several separated by commas
    quad: int | None = None
    mode: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    place: str | None = None  # place name (substring) or country code
    article: str | None = None
    min_confidence: float | None = None
    q: str | None = None  # words in the evidence

    def where(self) -> tuple[str, list[Any]]:
        parts: list[str] = []
        params: list[Any] = []
        if self.source:
            parts.append("e.source_code = ?")
            params.append(self.source)
        if self.target:
            parts.append("e.target_code = ?")
            params.append(self.target)
        if self.actor:
            parts.append("(e.source_code = ? OR e.target_code = ?)")
            params += [self.actor, self.actor]
        if self.type:
            types = [t.strip().upper() for t in self.type.split(",") if t.strip()]
            if types:
                parts.append("e.type IN (SELECT unnest(?::VARCHAR[]))")
                params.append(types)
        if self.quad:
            parts.append("e.type IN (SELECT unnest(?::VARCHAR[]))")
            params.append(list(QUADS.get(self.quad, ())))
        if self.mode:
            parts.append("e.mode = ?")
            params.append(self.mode)
        if self.date_from:
            parts.append("e.date >= ?")
            params.append(self.date_from.isoformat())
        if self.date_to:
            parts.append("e.date <= ?")  # a coarser date ("2022-02") sorts before its days
            params.append(self.date_to.isoformat())
        if self.place:
            parts.append("(e.place_country = ? OR e.place_name ILIKE '%' || ? || '%')")
            params += [self.place.upper(), self.place]
        if self.article:
            parts.append("e.article_id = ?")
            params.append(self.article)
        if self.min_confidence is not None:
            parts.append("e.confidence >= ?")
            params.append(self.min_confidence)
        if self.q:
            parts.append("e.evidence_text ILIKE '%' || ? || '%'")
            params.append(self.q)
        return (" WHERE " + " AND ".join(parts)) if parts else "", params


def _actors(raw: str | None) -> list[dict]:
    try:
        value = json.loads(raw) if raw else []
    except ValueError:
        return []
    return value if isinstance(value, list) else []


def event_out(row: dict) -> dict:
    row = dict(row)
    row["source"] = _actors(row.get("source"))
    row["target"] = _actors(row.get("target"))
    row["quad"] = QUAD_OF.get(row.get("type") or "")
    return row


def events(db: WebDB, f: EventFilter, sort: str = "date", order: str = "desc", limit: int = 50,
           offset: int = 0, with_total: bool = True) -> dict:
    where, params = f.where()
    column = EVENT_SORTS.get(sort, "e.date")
    direction = "ASC" if order == "asc" else "DESC"
    cols = ", ".join(f"e.{c}" if c != "end" else 'e."end"' for c in EVENT_COLUMNS)
    sql = (f"SELECT {cols} FROM events e{where} ORDER BY {column} {direction} NULLS LAST, e.article_id, e.event_no "
           "LIMIT ? OFFSET ?")
    found = [event_out(r) for r in db.rows(sql, params + [limit, offset])]
    if found:
        titles = {r["id"]: r["title"] for r in db.rows(
            "SELECT id, title FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))",
            [list({e["article_id"] for e in found})])}
        for e in found:
            e["article_title"] = titles.get(e["article_id"])
    total = db.value(f"SELECT count(*) FROM events e{where}", params) if with_total else None
    return {"total": total, "limit": limit, "offset": offset, "events": found}


def events_arrow(db: WebDB, f: EventFilter, limit: int):
    where, params = f.where()
    cols = ", ".join(f"e.{c}" for c in EVENT_COLUMNS)
    return db.arrow(f"SELECT {cols}, {QUAD_SQL} AS quad FROM events e{where} "
                    "ORDER BY e.date NULLS LAST, e.article_id, e.event_no LIMIT ?", params + [limit])


# -- articles --------------------------------------------------------------------------------

@dataclass(frozen=True)
class ArticleFilter:
    q: str | None = None
    source: str | None = None  # domain or source path (substring)
    date_from: date | None = None
    date_to: date | None = None
    language: str | None = None
    story: str | None = None
    type: str | None = None  # has an event of this PLOVER type
    actor: str | None = None  # has an event with this actor code on either side


def _article_where(db: WebDB, f: ArticleFilter, fts: bool) -> tuple[str, list[Any], str, list[Any]]:
    """WHERE clause over `articles a`, and the score expression for ranking."""
    parts, params = [], []
    score, score_params = "NULL", []
    if f.q:
        if fts:
            score, score_params = "fts_main_articles.match_bm25(a.id, ?)", [f.q]
            parts.append("fts_main_articles.match_bm25(a.id, ?) IS NOT NULL")
            params.append(f.q)
        else:
            parts.append("(a.title ILIKE '%' || ? || '%' OR a.text ILIKE '%' || ? || '%')")
            params += [f.q, f.q]
    if f.source:
        parts.append("(a.domain ILIKE '%' || ? || '%' OR a.source ILIKE '%' || ? || '%')")
        params += [f.source, f.source]
    if f.date_from:
        parts.append("a.published >= ?")
        params.append(f.date_from)
    if f.date_to:
        parts.append("a.published <= ?")
        params.append(f.date_to)
    if f.language:
        parts.append("a.language = ?")
        params.append(f.language)
    if f.story:
        parts.append("a.story = ?")
        params.append(f.story)
    if f.type:
        parts.append("a.id IN (SELECT article_id FROM events WHERE type = ?)")
        params.append(f.type.upper())
    if f.actor:
        parts.append("a.id IN (SELECT article_id FROM events WHERE source_code = ? OR target_code = ?)")
        params += [f.actor, f.actor]
    return (" WHERE " + " AND ".join(parts)) if parts else "", params, score, score_params


def articles(db: WebDB, f: ArticleFilter, limit: int = 20, offset: int = 0, facets: bool = False) -> dict:
    try:
        return _articles(db, f, limit, offset, facets, fts=db.fts and bool(f.q))
    except Exception:
        if not (db.fts and f.q):
            raise
        # the index is being rebuilt by an ingest, or the query is not valid FTS syntax
        return _articles(db, f, limit, offset, facets, fts=False)


def _articles(db: WebDB, f: ArticleFilter, limit: int, offset: int, facets: bool, fts: bool) -> dict:
    where, params, score, score_params = _article_where(db, f, fts)
    order = "score DESC NULLS LAST, a.published DESC NULLS LAST, a.id" if f.q and fts else \
        "a.published DESC NULLS LAST, a.stored_at DESC, a.id"
    sql = (f"SELECT a.id, a.title, a.dateline, a.published, a.source, a.domain, a.url, a.language, a.story, "
           f"substr(a.text, a.body_start + 1, 240) AS snippet, {score} AS score, "
           f"(SELECT count(*) FROM events e WHERE e.article_id = a.id) AS events "
           f"FROM articles a{where} ORDER BY {order} LIMIT ? OFFSET ?")
    found = db.rows(sql, score_params + params + [limit, offset])
    for r in found:
        r["published"] = r["published"].isoformat() if r["published"] else None
    out = {"total": db.value(f"SELECT count(*) FROM articles a{where}", params), "limit": limit, "offset": offset,
           "articles": found, "search": "fts" if fts else ("substring" if f.q else None)}
    if facets:
        matched = f"SELECT a.id FROM articles a{where}"
        out["facets"] = {
            "type": db.rows(f"SELECT type AS value, count(*) AS count FROM events WHERE article_id IN ({matched}) "
                            "GROUP BY type ORDER BY count DESC, value LIMIT 20", params),
            "actor": db.rows(
                f"SELECT code AS value, count(*) AS count FROM (SELECT source_code AS code FROM events WHERE "
                f"article_id IN ({matched}) UNION ALL SELECT target_code FROM events WHERE article_id IN ({matched})) "
                "WHERE code IS NOT NULL GROUP BY code ORDER BY count DESC, value LIMIT 20", params + params),
            "date": [{"value": r["value"].isoformat(), "count": r["count"]} for r in db.rows(
                f"SELECT a.published AS value, count(*) AS count FROM articles a{where} "
                "AND a.published IS NOT NULL GROUP BY value ORDER BY value DESC LIMIT 30"
                if where else
                "SELECT a.published AS value, count(*) AS count FROM articles a WHERE a.published IS NOT NULL "
                "GROUP BY value ORDER BY value DESC LIMIT 30", params)],
        }
    return out


def article(db: WebDB, article_id: str) -> dict | None:
    a = db.one("SELECT * EXCLUDE (offsets) FROM articles WHERE id = ?", [article_id])
    if a is None:
        return None
    a["published"] = a["published"].isoformat() if a["published"] else None
    a["stored_at"] = a["stored_at"].isoformat() if a["stored_at"] else None
    entities = db.rows("SELECT * EXCLUDE (article_id) FROM entities WHERE article_id = ? ORDER BY entity_id", [article_id])
    mentions = db.rows('SELECT entity_id, start, "end", text FROM mentions WHERE article_id = ? ORDER BY start',
                       [article_id])
    by_entity: dict[str, list] = {}
    for m in mentions:
        by_entity.setdefault(m.pop("entity_id"), []).append(m)
    for e in entities:
        e["mentions"] = by_entity.get(e["entity_id"], [])
    quotes = db.rows("SELECT * EXCLUDE (article_id) FROM quotes WHERE article_id = ? ORDER BY quote_no", [article_id])
    for q in quotes:
        try:
            q["content_spans"] = json.loads(q["content_spans"] or "[]")
        except ValueError:
            q["content_spans"] = []
    evs = [event_out(r) for r in db.rows(
        "SELECT * EXCLUDE (article_id) FROM events WHERE article_id = ? ORDER BY event_no", [article_id])]
    places = db.rows("SELECT * EXCLUDE (article_id) FROM places WHERE article_id = ? ORDER BY place_no", [article_id])
    times = db.rows("SELECT * EXCLUDE (article_id) FROM times WHERE article_id = ? ORDER BY time_no", [article_id])
    return {"article": a, "entities": entities, "quotes": quotes, "events": evs, "places": places, "times": times}


# -- quotes, entities, actors, stories, stats -------------------------------------------------

def quotes(db: WebDB, speaker: str | None, q: str | None, actor: str | None, limit: int, offset: int) -> dict:
    parts, params = [], []
    if speaker:
        parts.append("(qu.speaker_name ILIKE '%' || ? || '%' OR qu.speaker_text ILIKE '%' || ? || '%')")
        params += [speaker, speaker]
    if q:
        parts.append("qu.content ILIKE '%' || ? || '%'")
        params.append(q)
    if actor:
        parts.append("(en.code = ? OR en.country = ?)")
        params += [actor, actor]
    where = (" WHERE " + " AND ".join(parts)) if parts else ""
    base = ("FROM quotes qu LEFT JOIN entities en ON en.article_id = qu.article_id "
            "AND en.entity_id = qu.speaker_entity LEFT JOIN articles a ON a.id = qu.article_id")
    found = db.rows(f"SELECT qu.article_id, qu.quote_no, qu.kind, qu.speaker_text, qu.speaker_name, "
                    f"qu.speaker_entity, qu.cue_text, qu.content, qu.rule, a.title AS article_title, a.published "
                    f"{base}{where} ORDER BY a.published DESC NULLS LAST, qu.article_id, qu.quote_no "
                    "LIMIT ? OFFSET ?", params + [limit, offset])
    for r in found:
        r["published"] = r["published"].isoformat() if r["published"] else None
    return {"total": db.value(f"SELECT count(*) {base}{where}", params), "limit": limit, "offset": offset,
            "quotes": found}


def entities(db: WebDB, name: str | None, type_: str | None, code: str | None, limit: int, offset: int) -> dict:
    parts, params = [], []
    if name:
        parts.append("name ILIKE '%' || ? || '%'")
        params.append(name)
    if type_:
        parts.append("type = ?")
        params.append(type_.upper())
    if code:
        parts.append("(code = ? OR country = ?)")
        params += [code, code]
    where = (" WHERE " + " AND ".join(parts)) if parts else ""
    found = db.rows(f"SELECT name, type, any_value(title) AS title, any_value(country) AS country, "
                    f"any_value(code) AS code, count(DISTINCT article_id) AS articles FROM entities{where} "
                    "GROUP BY name, type ORDER BY articles DESC, name LIMIT ? OFFSET ?", params + [limit, offset])
    return {"limit": limit, "offset": offset, "entities": found}


def actors(db: WebDB, q: str | None, limit: int, offset: int) -> dict:
    params: list[Any] = []
    cond = ""
    if q:
        cond = " AND code ILIKE '%' || ? || '%'"
        params.append(q)
    found = db.rows(
        "SELECT code, sum(as_source) AS as_source, sum(as_target) AS as_target, "
        "sum(as_source) + sum(as_target) AS events FROM ("
        "SELECT source_code AS code, 1 AS as_source, 0 AS as_target FROM events "
        "UNION ALL SELECT target_code, 0, 1 FROM events) "
        f"WHERE code IS NOT NULL{cond} GROUP BY code ORDER BY events DESC, code LIMIT ? OFFSET ?",
        params + [limit, offset])
    names = _actor_names(db, [r["code"] for r in found])
    for r in found:
        r["names"] = names.get(r["code"], [])
    return {"limit": limit, "offset": offset, "actors": found}


def _actor_names(db: WebDB, codes: list[str]) -> dict[str, list[str]]:
    if not codes:
        return {}
    out: dict[str, list[str]] = {}
    for r in db.rows("SELECT code, name, count(*) AS n FROM entities WHERE code IN (SELECT unnest(?::VARCHAR[])) "
                     "GROUP BY code, name ORDER BY n DESC, name", [codes]):
        if len(out.setdefault(r["code"], [])) < 5:
            out[r["code"]].append(r["name"])
    return out


def actor(db: WebDB, code: str, date_from: date | None = None, date_to: date | None = None) -> dict:
    f = EventFilter(actor=code, date_from=date_from, date_to=date_to)
    where, params = f.where()
    over_time = db.rows(
        f"SELECT e.date AS date, sum(CASE WHEN e.source_code = ? THEN 1 ELSE 0 END) AS as_source, "
        f"sum(CASE WHEN e.target_code = ? THEN 1 ELSE 0 END) AS as_target FROM events e{where} "
        "AND e.date IS NOT NULL GROUP BY e.date ORDER BY e.date LIMIT 1000", [code, code] + params)
    partners = db.rows(
        f"SELECT partner, sum(as_source) AS as_source, sum(as_target) AS as_target, count(*) AS events FROM ("
        f"SELECT CASE WHEN e.source_code = ? THEN e.target_code ELSE e.source_code END AS partner, "
        f"CASE WHEN e.source_code = ? THEN 1 ELSE 0 END AS as_source, "
        f"CASE WHEN e.target_code = ? THEN 1 ELSE 0 END AS as_target FROM events e{where}) "
        "WHERE partner IS NOT NULL AND partner <> ? GROUP BY partner ORDER BY events DESC, partner LIMIT 20",
        [code, code, code] + params + [code])
    types = db.rows(f"SELECT e.type AS type, count(*) AS count FROM events e{where} GROUP BY e.type "
                    "ORDER BY count DESC, type", params)
    recent = events(db, f, limit=20)
    return {"code": code, "names": _actor_names(db, [code]).get(code, []), "over_time": over_time,
            "partners": partners, "types": types, "events": recent["events"], "total": recent["total"],
            "quotes": quotes(db, None, None, code, 20, 0)["quotes"]}


def stories(db: WebDB, limit: int, offset: int) -> dict:
    found = db.rows("SELECT story, count(*) AS articles, arg_min(title, published) AS title, "
                    "min(published) AS first_published, list(id ORDER BY id) AS ids FROM articles "
                    "GROUP BY story ORDER BY articles DESC, first_published DESC NULLS LAST, story LIMIT ? OFFSET ?",
                    [limit, offset])
    for r in found:
        r["first_published"] = r["first_published"].isoformat() if r["first_published"] else None
        r["ids"] = r["ids"][:50]
    return {"limit": limit, "offset": offset, "stories": found}


def stats(db: WebDB) -> dict:
    counts = {t: db.value(f"SELECT count(*) FROM {t}")
              for t in ("articles", "entities", "mentions", "quotes", "events", "places", "times", "rejected")}
    return {
        "counts": counts,
        "rejected": db.rows("SELECT reason, count(*) AS count FROM rejected GROUP BY reason ORDER BY count DESC"),
        "event_types": db.rows("SELECT type, count(*) AS count FROM events GROUP BY type ORDER BY count DESC, type"),
        "published": {k: (v.isoformat() if v else None) for k, v in (db.one(
            "SELECT min(published) AS first, max(published) AS last FROM articles") or {}).items()},
        "search": "fts" if db.fts else "substring",
    }


# -- aggregates for the charts ------------------------------------------------------------------

def timeline(db: WebDB, f: EventFilter) -> list[dict]:
    where, params = f.where()
    cond = " AND " if where else " WHERE "
    return db.rows(f"SELECT e.date AS day, {QUAD_SQL} AS quad, count(*) AS count FROM events e{where}{cond}"
                   "e.date IS NOT NULL AND length(e.date) = 10 GROUP BY day, quad ORDER BY day, quad LIMIT 20000",
                   params)


def network(db: WebDB, f: EventFilter, max_nodes: int = 40) -> dict:
    where, params = f.where()
    cond = " AND " if where else " WHERE "
    edges = db.rows(
        f"SELECT e.source_code AS source, e.target_code AS target, "
        f"sum(CASE WHEN {QUAD_SQL} IN (1, 2) THEN 1 ELSE 0 END) AS cooperation, "
        f"sum(CASE WHEN {QUAD_SQL} IN (3, 4) THEN 1 ELSE 0 END) AS conflict, count(*) AS count "
        f"FROM events e{where}{cond}e.source_code IS NOT NULL AND e.target_code IS NOT NULL "
        "AND e.source_code <> e.target_code GROUP BY 1, 2 ORDER BY count DESC, 1, 2 LIMIT 2000", params)
    weight: dict[str, int] = {}
    for e in edges:
        weight[e["source"]] = weight.get(e["source"], 0) + e["count"]
        weight[e["target"]] = weight.get(e["target"], 0) + e["count"]
    keep = set(sorted(weight, key=lambda c: (-weight[c], c))[:max_nodes])
    nodes = [{"id": c, "events": weight[c]} for c in sorted(keep, key=lambda c: (-weight[c], c))]
    edges = [e for e in edges if e["source"] in keep and e["target"] in keep]
    return {"nodes": nodes, "edges": edges}


def places_map(db: WebDB, f: EventFilter) -> list[dict]:
    where, params = f.where()
    cond = " AND " if where else " WHERE "
    return db.rows(f"SELECT e.place_name AS name, e.place_country AS country, round(e.lat, 3) AS lat, "
                   f"round(e.lon, 3) AS lon, count(*) AS events, "
                   f"sum(CASE WHEN {QUAD_SQL} IN (3, 4) THEN 1 ELSE 0 END) AS conflict "
                   f"FROM events e{where}{cond}e.lat IS NOT NULL AND e.lon IS NOT NULL "
                   "GROUP BY 1, 2, 3, 4 ORDER BY events DESC LIMIT 2000", params)
