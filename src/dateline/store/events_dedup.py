"""Events once per story, mentions per article (GDELT's events + mentions model).

The events stage reports events per article (`rows.event_rows`). Syndicated copies of
one story report the same events, so counting article-level rows would multiply them.
Here each article-level event becomes a *mention* of a story-level event keyed by
(story, type, source code, target code, date, negated); the `events` table keeps one
row per key (the columns of its first mention plus `event_id`, `story` and the counts
`num_mentions`, `num_articles`, `num_sources`), `event_mentions` one row per mention.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

MENTION_FIELDS = ("evidence_start", "evidence_end", "evidence_text", "negated", "confidence")


def event_id(story: str, row: dict) -> str:
    """Stable id of a story-level event from an article-level event row."""
    key = "\x1f".join(str(v) for v in (story, row.get("type"), row.get("source_code"), row.get("target_code"),
                                         row.get("date"), bool(row.get("negated"))))
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Mention:
    """One article-level event row as reported by one input document."""

    row: dict  # rows.event_rows output
    story: str
    input: str  # the ledger key of the input document
    domain: str | None
    published: object


def story_events(con, mentions: list[Mention]) -> tuple[list[dict], list[dict], list[str]]:
    """(new event rows, mention rows, ids of every event touched) for a batch of mentions.

    An event already in the store only gains mentions; a new one is stored as its first
    mention's row. Counts are filled in by `update_counts` once the mentions are written.
    """
    if not mentions:
        return [], [], []
    ids = [event_id(m.story, m.row) for m in mentions]
    known = {r[0] for r in con.execute("SELECT event_id FROM events WHERE event_id IN (SELECT unnest(?))",
                                       [sorted(set(ids))]).fetchall()}
    taken = set(con.execute("SELECT article_id, event_no FROM events WHERE article_id IN (SELECT unnest(?))",
                            [sorted({m.row["article_id"] for m in mentions})]).fetchall())
    new_events, mention_rows = [], []
    for eid, m in zip(ids, mentions):
        pk = (m.row["article_id"], m.row["event_no"])
        # A re-read copy whose extraction drifted (e.g. another publication date) can repeat a
        # stored (article_id, event_no); such an event waits for a mention with a free key.
        if eid not in known and pk not in taken:
            known.add(eid)
            taken.add(pk)
            new_events.append({**m.row, "event_id": eid, "story": m.story,
                               "num_mentions": 0, "num_articles": 0, "num_sources": 0})
        mention_rows.append({"event_id": eid, "story": m.story, "article_id": m.row["article_id"],
                             "event_no": m.row["event_no"], "input": m.input, "domain": m.domain,
                             "published": m.published, **{f: m.row.get(f) for f in MENTION_FIELDS}})
    return new_events, mention_rows, sorted(set(ids))


def update_counts(con, touched: list[str]) -> None:
    """Recount mentions, articles (input documents) and sources (domains) of the touched events."""
    if not touched:
        return
    con.execute(
        """UPDATE events SET num_mentions = s.m, num_articles = s.a, num_sources = s.s
           FROM (SELECT event_id, count(*) AS m, count(DISTINCT input) AS a,
                        count(DISTINCT coalesce(domain, input)) AS s
                 FROM event_mentions WHERE event_id IN (SELECT unnest(?)) GROUP BY event_id) AS s
           WHERE events.event_id = s.event_id""", [touched])
