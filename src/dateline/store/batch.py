"""Write one batch of processed inputs in one transaction: articles and their rows,
stories, story-level events, and the ledger of processed inputs.

Everything a batch changes commits together, so a run killed at any moment leaves the
store as it was after some whole batch; the ledger (`ingested`) then tells the re-run
which inputs to skip before any NLP. Stories are assigned here, in input order, by
the one writer, which is what makes them the same for any number of workers.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ..records import Extraction, Rejected
from ..stories import Signature, StoryIndex, body_of, signature
from . import rows as R
from .events_dedup import Mention, story_events, update_counts

ARTICLE_TABLES = ("entities", "mentions", "quotes", "places", "times")
_OR_IGNORE = {"rejected", "ingested", "story_signatures"}


def input_key(source: str, doc_id: str) -> str:
    """The ledger key of one input document."""
    return f"{source}\t{doc_id}"


@dataclass
class Unit:
    """One processed input as rows: an article (with its signature) or a rejection
    (or, with neither, a bare ledger marker)."""

    key: str
    article: dict | None = None
    signature: Signature | None = None
    rows: dict[str, list[dict]] = field(default_factory=dict)  # ARTICLE_TABLES + "events" (article-level)
    rejected: dict | None = None


def unit_of(item: Extraction | Rejected, sig: Signature | None = None) -> Unit:
    if isinstance(item, Rejected):
        return Unit(input_key(item.source, item.doc_id), rejected=R.rejected_row(item))
    ents, ments = R.entity_rows(item)
    rows = {"entities": ents, "mentions": ments, "quotes": R.quote_rows(item), "places": R.place_rows(item),
            "times": R.time_rows(item), "events": R.event_rows(item)}
    return Unit(input_key(item.article.source, item.article.doc_id), article=R.article_row(item),
                signature=sig if sig is not None else signature(body_of(item)), rows=rows)


def load_index(con) -> StoryIndex:
    """The story index in the state the writer left it: the last `window` indexed
    signatures, in the order they came, with their stories. Stories of older articles
    are read from `articles` when an exact copy of one arrives (`write_units`)."""
    index = StoryIndex(remember=0)
    cur = con.execute("""SELECT s.article_id, s.shingles, s.signature, a.story FROM (
                             SELECT *, rowid AS r FROM story_signatures WHERE indexed ORDER BY r DESC LIMIT ?) s
                         LEFT JOIN articles a ON a.id = s.article_id
                         ORDER BY s.r""", [index.window])
    while chunk := cur.fetchmany(50_000):
        for aid, shingles, sig, story in chunk:
            index.index(aid, Signature.from_bytes(sig, shingles), story or aid)
    return index


def write_units(con, index: StoryIndex, units: list[Unit], mark_stale: bool = True) -> tuple[int, int]:
    """Store a batch in one transaction; returns (stored, duplicates). With `mark_stale`, a
    batch that stores articles marks the full-text index stale (`meta.fts_stale`); a writer
    that has already done so in an earlier committed batch can skip it."""
    ids = sorted({u.article["id"] for u in units if u.article})
    # the story of every article of the batch already stored, and (below) of those stored now
    stories = {aid: story or aid for aid, story in
               con.execute("SELECT id, story FROM articles WHERE id IN (SELECT unnest(?))", [ids]).fetchall()
               } if ids else {}
    tables: dict[str, list[dict]] = defaultdict(list)
    mentions: list[Mention] = []
    stored = duplicates = 0
    for u in units:
        if u.article is None and u.rejected is None:  # a marker, e.g. a merged shard
            tables["ingested"].append({"key": u.key, "article_id": None, "outcome": "marker"})
            continue
        if u.rejected is not None:
            tables["rejected"].append(u.rejected)
            tables["ingested"].append({"key": u.key, "article_id": None, "outcome": f"rejected:{u.rejected['reason']}"})
            continue
        art = u.article
        aid = art["id"]
        if aid in stories:
            duplicates += 1
            story = stories[aid]
            outcome = "duplicate"
        else:
            stored += 1
            story = stories[aid] = index.assign(aid, u.signature)
            tables["articles"].append({**art, "story": story})
            for t in ARTICLE_TABLES:
                tables[t] += u.rows.get(t, [])
            tables["story_signatures"].append({"article_id": aid, "shingles": u.signature.shingles,
                                               "signature": u.signature.to_bytes(),
                                               "indexed": index.is_indexed(aid)})
            outcome = "stored"
        tables["ingested"].append({"key": u.key, "article_id": aid, "outcome": outcome})
        for ev in u.rows.get("events", []):
            mentions.append(Mention(ev, story, u.key, art.get("domain"), art.get("published")))
    con.execute("BEGIN TRANSACTION")
    try:
        new_events, mention_rows, touched = story_events(con, mentions)
        tables["events"] = new_events
        tables["event_mentions"] = mention_rows
        for name, rows in tables.items():
            if rows:
                insert_rows(con, name, rows)
        update_counts(con, touched)
        if stored and mark_stale:
            con.execute("INSERT OR REPLACE INTO meta VALUES ('fts_stale', '1')")
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return stored, duplicates


def insert_rows(con, table: str, rows: list[dict]) -> None:
    """One INSERT ... SELECT from an Arrow table: no per-row statements."""
    import pyarrow as pa

    cols = list(rows[0])
    data = pa.Table.from_pylist(rows)
    name = f"_batch_{table}"
    con.register(name, data)
    try:
        quoted = ", ".join(f'"{c}"' for c in cols)
        verb = "INSERT OR IGNORE" if table in _OR_IGNORE else "INSERT"
        con.execute(f"{verb} INTO {table} ({quoted}) SELECT {quoted} FROM {name}")
    finally:
        con.unregister(name)
