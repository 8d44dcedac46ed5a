"""Read queries behind the API and the pages. Every value is a bound parameter;
only fixed column names chosen from allow-lists are ever put into SQL text."""

from __future__ import annotations

import json
import functools
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


def cached(fn):
    """Keep the answer per arguments until the server next writes (see WebDB.cached).
    Callers must not mutate what a cached query returns."""
    @functools.wraps(fn)
    def wrapper(db: WebDB, *args, **kwargs):
        key = (fn.__name__, *(tuple(a) if isinstance(a, list) else a for a in args), *sorted(kwargs.items()))
        return db.cached(key, lambda: fn(db, *args, **kwargs))
    return wrapper


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

    def normalised(self) -> "EventFilter":
        """The same filter in one spelling (empty values dropped, types upper-cased and sorted),
        so that equivalent queries share a cache entry."""
        values = {k: (None if v == "" else v) for k, v in self.__dict__.items()}
        if values["type"]:
            types = sorted({t.strip().upper() for t in values["type"].split(",") if t.strip()})
            values["type"] = ",".join(types) or None
        return EventFilter(**values)

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
                parts.append("list_contains(?::VARCHAR[], e.type)")
                params.append(types)
        if self.quad:
            parts.append("list_contains(?::VARCHAR[], e.type)")
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


TOTAL_CAP = 10_000


def events(db: WebDB, f: EventFilter, sort: str = "date", order: str = "desc", limit: int = 50,
           offset: int = 0, exact_total: bool = False) -> dict:
    """One page of events. The total is counted up to TOTAL_CAP unless `exact_total`, so that a
    broad filter over millions of events does not cost a full count on every page."""
    where, params = f.where()
    column = EVENT_SORTS.get(sort, "e.date")
    direction = "ASC" if order == "asc" else "DESC"
    # One statement: DuckDB ranks on the filter and sort columns, then reads the page's other columns
    # for those rows only (late materialisation); top-N on a date-ordered table prunes most row groups.
    # The rowid tie-break keeps the order stable across pages.
    cols = ", ".join(f"e.{c}" for c in EVENT_COLUMNS)
    found = [event_out(r) for r in db.rows(
        f"SELECT {cols} FROM events e{where} ORDER BY {column} {direction} NULLS LAST, e.rowid LIMIT ? OFFSET ?",
        params + [limit, offset])]
    if found:
        titles = _titles(db, list({e["article_id"] for e in found}))
        for e in found:
            e["article_title"] = titles.get(e["article_id"])
    if len(found) < limit and (found or offset == 0):  # the last page: the total is known
        total, capped = offset + len(found), False
    elif exact_total:
        total = db.value(f"SELECT count(*) FROM events e{where}", params)
        capped = False
    else:
        # paging or re-sorting the same filter reuses its count
        total = db.cached(("events.total", f.normalised()), lambda: db.value(
            f"SELECT count(*) FROM (SELECT 1 FROM events e{where} LIMIT ?)", params + [TOTAL_CAP + 1]))
        capped = total > TOTAL_CAP
        total = min(total, TOTAL_CAP)
    return {"total": total, "total_is_lower_bound": capped, "limit": limit, "offset": offset, "events": found}


def _titles(db: WebDB, ids: list[str]) -> dict[str, str]:
    if not ids:
        return {}
    if len(ids) <= 8:  # a few primary-key lookups cost less than one scan of the ids
        sql = " UNION ALL ".join(["SELECT id, title FROM articles WHERE id = ?"] * len(ids))
        return dict(db.cursor().execute(sql, ids).fetchall())
    return dict(db.cursor().execute("SELECT id, title FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))",
                                    [ids]).fetchall())


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


def _article_where(f: ArticleFilter, fts: bool) -> tuple[str, list[Any]]:
    """A query of the matching articles' (id, published, stored_at, score)."""
    parts, params = [], []
    score, score_params = "NULL::DOUBLE", []
    if f.q:
        if fts:
            score, score_params = "fts_main_articles.match_bm25(a.id, ?)", [f.q]
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
    where = (" WHERE " + " AND ".join(parts)) if parts else ""
    sql = f"SELECT a.id, a.published, a.stored_at, {score} AS score FROM articles a{where}"
    if f.q and fts:
        sql = f"SELECT * FROM ({sql}) WHERE score IS NOT NULL"
    return sql, score_params + params


@cached
def articles(db: WebDB, f: ArticleFilter, limit: int = 20, offset: int = 0, facets: bool = False) -> dict:
    try:
        return _articles(db, f, limit, offset, facets, fts=db.fts and bool(f.q))
    except Exception:
        if not (db.fts and f.q):
            raise
        # the index is being rebuilt by an ingest, or the query is not valid FTS syntax
        return _articles(db, f, limit, offset, facets, fts=False)


def _articles(db: WebDB, f: ArticleFilter, limit: int, offset: int, facets: bool, fts: bool) -> dict:
    hits, params = _article_where(f, fts)
    order = "h.score DESC NULLS LAST, h.published DESC NULLS LAST, h.id" if f.q and fts else \
        "h.published DESC NULLS LAST, h.stored_at DESC, h.id"
    # one statement: the matches are computed once for both the page and the total
    found = db.rows(
        f"WITH hits AS MATERIALIZED ({hits}), page AS (SELECT * FROM hits h ORDER BY {order} LIMIT ? OFFSET ?) "
        "SELECT a.id, a.title, a.dateline, a.published, a.source, a.domain, a.url, a.language, a.story, "
        "substr(a.text, a.body_start + 1, 240) AS snippet, h.score, (SELECT count(*) FROM hits) AS total "
        f"FROM page h JOIN articles a ON a.id = h.id ORDER BY {order}", params + [limit, offset])
    total = found[0]["total"] if found else db.value(f"SELECT count(*) FROM ({hits})", params)
    counts = {r["article_id"]: r["n"] for r in db.rows(
        "SELECT article_id, count(*) AS n FROM events WHERE article_id IN (SELECT unnest(?::VARCHAR[])) "
        "GROUP BY article_id", [[r["id"] for r in found]])} if found else {}
    for r in found:
        del r["total"]
        r["published"] = r["published"].isoformat() if r["published"] else None
        r["events"] = counts.get(r["id"], 0)
    out = {"total": total, "limit": limit, "offset": offset, "articles": found,
           "search": "fts" if fts else ("substring" if f.q else None)}
    if facets:
        out["facets"] = _facets(db, hits, params)
    return out


def _facets(db: WebDB, hits: str, params: list[Any]) -> dict[str, list[dict]]:
    rows = db.rows(
        f"WITH hits AS MATERIALIZED ({hits}), ev AS MATERIALIZED (SELECT type, source_code, target_code FROM events "
        "WHERE article_id IN (SELECT id FROM hits)) "
        "SELECT 'type' AS facet, type AS value, count(*) AS count FROM ev WHERE type IS NOT NULL GROUP BY type "
        "UNION ALL SELECT 'actor', code, count(*) FROM (SELECT source_code AS code FROM ev UNION ALL "
        "SELECT target_code FROM ev) WHERE code IS NOT NULL GROUP BY code "
        "UNION ALL SELECT 'date', CAST(published AS VARCHAR), count(*) FROM hits WHERE published IS NOT NULL "
        "GROUP BY published", params)
    out: dict[str, list[dict]] = {"type": [], "actor": [], "date": []}
    for r in rows:
        out[r["facet"]].append({"value": r["value"], "count": r["count"]})
    out["type"] = sorted(out["type"], key=lambda x: (-x["count"], x["value"]))[:20]
    out["actor"] = sorted(out["actor"], key=lambda x: (-x["count"], x["value"]))[:20]
    out["date"] = sorted(out["date"], key=lambda x: x["value"], reverse=True)[:30]
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
    # Events are stored once per story; this article's mentions carry its own evidence offsets.
    evs = [event_out(r) for r in db.rows(
        "SELECT e.* EXCLUDE (article_id) REPLACE (m.event_no AS event_no, m.evidence_start AS evidence_start, "
        "m.evidence_end AS evidence_end, m.evidence_text AS evidence_text) "
        "FROM event_mentions m JOIN events e USING (event_id) WHERE m.article_id = ? ORDER BY m.event_no",
        [article_id])]
    places = db.rows("SELECT * EXCLUDE (article_id) FROM places WHERE article_id = ? ORDER BY place_no", [article_id])
    times = db.rows("SELECT * EXCLUDE (article_id) FROM times WHERE article_id = ? ORDER BY time_no", [article_id])
    copies = db.rows("SELECT id, title, source, domain, published FROM articles WHERE story = ? AND id <> ? "
                     "ORDER BY published, id LIMIT 50", [a["story"], article_id]) if a.get("story") else []
    for c in copies:
        c["published"] = c["published"].isoformat() if c["published"] else None
    return {"article": a, "entities": entities, "quotes": quotes, "events": evs, "places": places, "times": times,
            "copies": copies}


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


@cached
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


@cached
def actor(db: WebDB, code: str, date_from: date | None = None, date_to: date | None = None) -> dict:
    f = EventFilter(actor=code, date_from=date_from, date_to=date_to)
    where, params = f.where()
    # one scan of the actor's events feeds the three aggregates
    rows = db.rows(
        f"WITH ev AS MATERIALIZED (SELECT e.type, e.date, e.source_code = ? AS is_source, e.target_code = ? AS is_target, "
        f"CASE WHEN e.source_code = ? THEN e.target_code ELSE e.source_code END AS partner FROM events e{where}) "
        "SELECT 'day' AS kind, date AS key, sum(is_source::INT) AS a, sum(is_target::INT) AS b FROM ev "
        "WHERE date IS NOT NULL GROUP BY date "
        "UNION ALL SELECT 'partner', partner, sum(is_source::INT), sum(is_target::INT) FROM ev "
        "WHERE partner IS NOT NULL AND partner <> ? GROUP BY partner "
        "UNION ALL SELECT 'type', type, count(*), 0 FROM ev GROUP BY type",
        [code, code, code] + params + [code])
    over_time = sorted(({"date": r["key"], "as_source": r["a"], "as_target": r["b"]} for r in rows
                        if r["kind"] == "day"), key=lambda r: r["date"])[-1000:]
    partners = sorted(({"partner": r["key"], "as_source": r["a"], "as_target": r["b"], "events": r["a"] + r["b"]}
                       for r in rows if r["kind"] == "partner"), key=lambda r: (-r["events"], r["partner"]))[:20]
    types = sorted(({"type": r["key"], "count": r["a"]} for r in rows if r["kind"] == "type"),
                   key=lambda r: (-r["count"], r["type"] or ""))
    recent = events(db, f, limit=20)
    return {"code": code, "names": _actor_names(db, [code]).get(code, []), "over_time": over_time,
            "partners": partners, "types": types, "events": recent["events"], "total": recent["total"],
            "quotes": quotes(db, None, None, code, 20, 0)["quotes"]}


@cached
def stories(db: WebDB, limit: int, offset: int) -> dict:
    found = db.rows("SELECT story, count(*) AS articles, arg_min(title, published) AS title, "
                    "min(published) AS first_published, list(id ORDER BY id) AS ids FROM articles "
                    "GROUP BY story ORDER BY articles DESC, first_published DESC NULLS LAST, story LIMIT ? OFFSET ?",
                    [limit, offset])
    for r in found:
        r["first_published"] = r["first_published"].isoformat() if r["first_published"] else None
        r["ids"] = r["ids"][:50]
    return {"limit": limit, "offset": offset, "stories": found}


@cached
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

@cached
def timeline(db: WebDB, f: EventFilter) -> list[dict]:
    where, params = f.where()
    cond = " AND " if where else " WHERE "
    return db.rows(f"SELECT e.date AS day, {QUAD_SQL} AS quad, count(*) AS count FROM events e{where}{cond}"
                   "e.date IS NOT NULL AND length(e.date) = 10 GROUP BY day, quad ORDER BY day, quad LIMIT 20000",
                   params)


@cached
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


@cached
def places_map(db: WebDB, f: EventFilter) -> list[dict]:
    where, params = f.where()
    cond = " AND " if where else " WHERE "
    return db.rows(f"SELECT e.place_name AS name, e.place_country AS country, round(e.lat, 3) AS lat, "
                   f"round(e.lon, 3) AS lon, count(*) AS events, "
                   f"sum(CASE WHEN {QUAD_SQL} IN (3, 4) THEN 1 ELSE 0 END) AS conflict "
                   f"FROM events e{where}{cond}e.lat IS NOT NULL AND e.lon IS NOT NULL "
                   "GROUP BY 1, 2, 3, 4 ORDER BY events DESC LIMIT 2000", params)
