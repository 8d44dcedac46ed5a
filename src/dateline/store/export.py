"""Events out of the store: filtered queries, and exports to Parquet, CSV, JSONL and a
GDELT-style event TSV (columns documented in docs/events.md).

The `events` table holds one row per event per story (see `events_dedup`); the filters
match an actor code anywhere in the source or target actor lists, not only the first.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..lexicons import lexicon_rows
from .db import Store

FORMATS = ("parquet", "csv", "jsonl", "gdelt")

# The GDELT 2.0 event columns we fill, in order, then Dateline's own (PLOVER, evidence).
GDELT_COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1Type1Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2Type1Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles",
    "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_Lat", "ActionGeo_Long",
    "DATEADDED", "SOURCEURL",
    "PloverType", "PloverMode", "Negated", "Hypothetical", "Confidence", "Evidence", "Rule",
)


@dataclass(frozen=True)
class EventFilter:
    """Which events to return; every field is optional."""

    source: str | None = None  # actor code in the source list, e.g. RUS
    target: str | None = None  # actor code in the target list, e.g. UKR
    type: str | None = None  # PLOVER type, e.g. ASSAULT
    since: date | None = None  # event date (else publication date) on or after
    limit: int | None = None


def query_events(store: Store, flt: EventFilter | None = None) -> list[dict[str, Any]]:
    """Stored events, newest first, with their article's title, url and publication date."""
    flt = flt or EventFilter()
    where, args = [], []
    if flt.source:
        where.append("list_contains(json_extract_string(e.source, '$[*].code'), ?)")
        args.append(flt.source.upper())
    if flt.target:
        where.append("list_contains(json_extract_string(e.target, '$[*].code'), ?)")
        args.append(flt.target.upper())
    if flt.type:
        where.append("e.type = ?")
        args.append(flt.type.upper())
    if flt.since:
        where.append("coalesce(try_cast(e.date AS DATE), a.published) >= ?")
        args.append(flt.since)
    sql = ("SELECT e.*, a.title AS article_title, a.url AS article_url, a.published AS published "
           "FROM events e LEFT JOIN articles a ON a.id = e.article_id"
           + (" WHERE " + " AND ".join(where) if where else "")
           + " ORDER BY coalesce(try_cast(e.date AS DATE), a.published) DESC NULLS LAST, e.article_id, e.event_no")
    if flt.limit:
        sql += f" LIMIT {int(flt.limit)}"
    cur = store.con.execute(sql, args)
    names = [d[0] for d in cur.description]
    rows = [dict(zip(names, r)) for r in cur.fetchall()]
    for row in rows:
        for key in ("source", "target"):
            row[key] = json.loads(row[key]) if isinstance(row.get(key), str) else (row.get(key) or [])
    return rows


@cache
def cameo_roots() -> dict[str, tuple[int, float]]:
    """CAMEO root ("01".."20") -> (quad class, Goldstein score), from lexicons/event_cameo_roots.tsv."""
    return {row[0]: (int(row[3]), float(row[4])) for row in lexicon_rows("event_cameo_roots.tsv")}


def cameo_root(cameo: str | None) -> str | None:
    if not cameo or not cameo[:2].isdigit():
        return None
    return cameo[:2]


def gdelt_row(row: dict[str, Any], n: int) -> dict[str, Any]:
    """One events-table row as a GDELT-style record (ISO alpha-3 codes; see docs/events.md)."""
    day = _event_day(row)
    root = cameo_root(row.get("cameo"))
    quad, goldstein = cameo_roots().get(root or "", (None, None))
    a1 = (row.get("source") or [{}])[0] if row.get("source") else {}
    a2 = (row.get("target") or [{}])[0] if row.get("target") else {}
    return {
        "GLOBALEVENTID": row.get("event_id") or f"{row.get('article_id')}-{row.get('event_no', n)}",
        "SQLDATE": day.strftime("%Y%m%d") if day else "",
        "MonthYear": day.strftime("%Y%m") if day else "", "Year": day.year if day else "",
        "Actor1Code": _actor_code(a1), "Actor1Name": a1.get("text", ""),
        "Actor1CountryCode": a1.get("code") or "", "Actor1Type1Code": a1.get("sector") or "",
        "Actor2Code": _actor_code(a2), "Actor2Name": a2.get("text", ""),
        "Actor2CountryCode": a2.get("code") or "", "Actor2Type1Code": a2.get("sector") or "",
        "IsRootEvent": 1 if (row.get("confidence") or 0) >= 0.75 else 0,
        "EventCode": row.get("cameo") or "", "EventBaseCode": (row.get("cameo") or "")[:3],
        "EventRootCode": root or "", "QuadClass": quad if quad is not None else "",
        "GoldsteinScale": goldstein if goldstein is not None else "",
        "NumMentions": row.get("num_mentions") or 1, "NumSources": row.get("num_sources") or 1,
        "NumArticles": row.get("num_articles") or 1,
        "ActionGeo_FullName": row.get("place_name") or "", "ActionGeo_CountryCode": row.get("place_country") or "",
        "ActionGeo_Lat": "" if row.get("lat") is None else row["lat"],
        "ActionGeo_Long": "" if row.get("lon") is None else row["lon"],
        "DATEADDED": row["published"].strftime("%Y%m%d") if isinstance(row.get("published"), date) else "",
        "SOURCEURL": row.get("article_url") or "",
        "PloverType": row.get("type") or "", "PloverMode": row.get("mode") or "",
        "Negated": int(bool(row.get("negated"))), "Hypothetical": int(bool(row.get("hypothetical"))),
        "Confidence": row.get("confidence") if row.get("confidence") is not None else "",
        "Evidence": " ".join((row.get("evidence_text") or "").split()), "Rule": row.get("rule") or "",
    }


def _actor_code(actor: dict) -> str:
    return (actor.get("code") or "") + (actor.get("sector") or "") if actor else ""


def _event_day(row: dict) -> date | None:
    value = row.get("date")
    if value:
        try:
            return date.fromisoformat(str(value)[:10])
        except ValueError:
            pass
    published = row.get("published")
    return published if isinstance(published, date) else None


def flat_row(row: dict[str, Any]) -> dict[str, Any]:
    """A row for Parquet/CSV: actor lists as JSON text, codes and quad/Goldstein added."""
    root = cameo_root(row.get("cameo"))
    quad, goldstein = cameo_roots().get(root or "", (None, None))
    out = {k: v for k, v in row.items() if k not in ("source", "target")}
    out["source"] = json.dumps(row.get("source") or [], ensure_ascii=False)
    out["target"] = json.dumps(row.get("target") or [], ensure_ascii=False)
    out["source_codes"] = ";".join(a.get("code") or "" for a in row.get("source") or [])
    out["target_codes"] = ";".join(a.get("code") or "" for a in row.get("target") or [])
    out["quad_class"], out["goldstein"] = quad, goldstein
    return out


def export_events(store: Store, path: str | Path, fmt: str, flt: EventFilter | None = None) -> int:
    """Write the filtered events to `path` in `fmt`; returns how many were written."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    rows = query_events(store, flt)
    path = Path(path)
    if fmt == "jsonl":
        with path.open("w", encoding="utf-8") as f:
            for row in rows:
                f.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
    elif fmt == "gdelt":
        with path.open("w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=GDELT_COLUMNS, delimiter="\t", lineterminator="\n",
                                    quoting=csv.QUOTE_NONE, escapechar="\\")
            writer.writeheader()
            for n, row in enumerate(rows):
                record = gdelt_row(row, n)
                writer.writerow({k: str(v).replace("\t", " ").replace("\n", " ") for k, v in record.items()})
    else:
        import pyarrow as pa

        flat = [flat_row(r) for r in rows]
        table = pa.Table.from_pylist(flat) if flat else pa.table({c: pa.array([], pa.string())
                                                                  for c in ("event_id", "type", "source", "target")})
        if fmt == "parquet":
            import pyarrow.parquet as pq

            pq.write_table(table, path)
        else:
            import pyarrow.csv as pcsv

            pcsv.write_csv(table, path)
    return len(rows)
