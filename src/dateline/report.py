"""Human-readable reports of an article's reading, for `dateline show`."""

from __future__ import annotations

import textwrap
from typing import Any


def _span(text: str | None) -> str:
    return f"“{text}”" if text else "—"


def article_report(art: dict[str, Any], width: int = 100) -> str:
    """Render `store.queries.article_detail` output (or the same shape) as text."""
    lines = [art.get("title") or "(untitled)", "=" * min(width, len(art.get("title") or "(untitled)"))]
    meta = [("id", art.get("id")), ("source", art.get("source")), ("url", art.get("url")),
            ("published", art.get("published")), ("dateline", art.get("dateline")),
            ("byline", art.get("byline")), ("language", art.get("language")), ("skipped", art.get("skipped")),
            ("story", art.get("story"))]
    lines += [f"{k:>10}: {v}" for k, v in meta if v]
    lines.append("")
    for para in (art.get("body") or "").split("\n"):
        if not para.strip():
            continue
        lines += textwrap.wrap(para, width) + [""]
    ents = art.get("entities") or []
    if ents:
        lines.append(f"Entities ({len(ents)})")
        for e in ents:
            extra = ", ".join(f"{k} {e[k]}" for k in ("title", "country", "affiliation") if e.get(k))
            mentions = sorted({m["text"] for m in e.get("mentions", [])})
            lines.append(f"  {e.get('entity_id') or e.get('id')} {e['name']} [{e['type']}]"
                         + (f" ({extra})" if extra else "") + (f": {' | '.join(mentions)}" if mentions else ""))
        lines.append("")
    quotes = art.get("quotes") or []
    if quotes:
        lines.append(f"Quotes ({len(quotes)})")
        for q in quotes:
            who = q.get("speaker_name") or q.get("speaker_text") or "?"
            lines.append(f"  [{q['kind']}] {who} ({q.get('cue_text') or 'no cue'}): {q.get('content') or '—'}")
        lines.append("")
    events = art.get("events") or []
    if events:
        lines.append(f"Events ({len(events)})")
        for ev in events:
            mode = f"/{ev['mode']}" if ev.get("mode") else ""
            where = f" in {ev['place_name']}" if ev.get("place_name") else ""
            when = f" on {ev['date']}" if ev.get("date") else ""
            neg = " NOT" if ev.get("negated") else ""
            lines.append(f"  {ev['type']}{mode}{neg} {ev.get('source_code') or '?'} -> "
                         f"{ev.get('target_code') or '?'}{where}{when}  ({ev.get('confidence', 0):.2f}, "
                         f"{ev.get('rule')}): {_span(ev.get('evidence_text'))}")
        lines.append("")
    places = art.get("places") or []
    if places:
        lines.append(f"Places ({len(places)})")
        for p in places:
            coords = f" {p['lat']:.3f},{p['lon']:.3f}" if p.get("lat") is not None else ""
            lines.append(f"  {p['text']} -> {p.get('name')} ({p.get('country') or '?'}){coords}")
        lines.append("")
    times = art.get("times") or []
    if times:
        lines.append(f"Times ({len(times)})")
        for t in times:
            lines.append(f"  {t['text']} -> {t['value']} [{t['type']}]")
        lines.append("")
    copies = art.get("copies") or []
    if copies:
        lines.append(f"Copies of this story ({len(copies)})")
        for c in copies:
            lines.append(f"  {c['id']} {c.get('source') or ''} {c.get('title') or ''}")
    return "\n".join(lines).rstrip() + "\n"


def extraction_detail(ex) -> dict[str, Any]:
    """The `article_detail` shape for an Extraction that is not in a store."""
    from .store import rows as R

    art = R.article_row(ex)
    art["body"] = ex.article.body
    ents, mentions = R.entity_rows(ex)
    for e in ents:
        e["mentions"] = [m for m in mentions if m["entity_id"] == e["entity_id"]]
    art.update(entities=ents, quotes=R.quote_rows(ex), events=R.event_rows(ex), places=R.place_rows(ex),
               times=R.time_rows(ex), copies=[])
    return art
