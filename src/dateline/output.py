"""The batch contract's JSON shape, from an `Extraction` (see DESIGN.md).

Spans in records point into `Article.text`; here they are mapped back to the input
(`text` input) or into the output `body` (`html` input). A span that falls outside
what the input had (for example an HTML title) is left out of the JSON.
"""

from __future__ import annotations

from typing import Any

from .records import Actor, Extraction, OffsetMap, Place, Rejected, Span


def span_json(span: Span | None, offsets: OffsetMap) -> dict | None:
    if span is None:
        return None
    mapped = offsets.span_to_input(span.start, span.end)
    if mapped is None:
        return None
    return {"start": mapped[0], "end": mapped[1], "text": span.text}


def actor_json(actor: Actor) -> dict:
    out: dict[str, Any] = {"text": actor.text, "code": actor.code}
    if actor.sector:
        out["sector"] = actor.sector
    if actor.entity:
        out["entity"] = actor.entity
    return out


def place_json(place: Place, offsets: OffsetMap) -> dict | None:
    span = span_json(place.span, offsets)
    base = span or {"start": None, "end": None, "text": place.span.text}
    return {**base, "name": place.name, "lat": place.lat, "lon": place.lon, "country": place.country,
            "feature": place.feature}


def extraction_json(ex: Extraction, doc_id: str | None = None) -> dict:
    a, om = ex.article, ex.article.offsets
    entities = []
    for e in ex.entities:
        mentions = [m for m in (span_json(s, om) for s in e.mentions) if m]
        item: dict[str, Any] = {"id": e.id, "name": e.name, "type": e.type, "mentions": mentions}
        for key in ("title", "country", "affiliation", "code", "sector"):
            if getattr(e, key):
                item[key] = getattr(e, key)
        entities.append(item)
    quotes = []
    for q in ex.quotes:
        content = [c for c in (span_json(s, om) for s in q.content) if c]
        if not content:
            continue
        quotes.append({"speaker": span_json(q.speaker, om), "speaker_entity": q.speaker_entity,
                       "cue": span_json(q.cue, om), "content": content, "kind": q.kind, "rule": q.rule})
    events = []
    for ev in ex.events:
        evidence = span_json(ev.evidence, om)
        if evidence is None:
            continue
        item = {"type": ev.type, "mode": ev.mode, "cameo": ev.cameo,
                "source": [actor_json(x) for x in ev.source], "target": [actor_json(x) for x in ev.target],
                "date": ev.date, "evidence": evidence, "negated": ev.negated,
                "hypothetical": ev.hypothetical, "confidence": round(ev.confidence, 3), "rule": ev.rule}
        if ev.place:
            item["place"] = place_json(ev.place, om)
        events.append(item)
    places = [p for p in (place_json(p, om) for p in ex.places) if p and p["start"] is not None]
    times = []
    for t in ex.times:
        span = span_json(t.span, om)
        if span:
            times.append({**span, "type": t.type, "value": t.value})
    return {
        "id": doc_id if doc_id is not None else a.doc_id,
        "title": a.title, "dateline": a.dateline, "byline": a.byline, "authors": list(a.authors),
        "published": a.published.isoformat() if a.published else None,
        "language": a.language, "skipped": a.skipped, "body": a.body, "story": ex.story or a.id,
        "entities": entities, "quotes": quotes, "events": events, "places": places, "times": times,
    }


def rejected_json(r: Rejected) -> dict:
    return {"id": r.doc_id, "rejected": r.reason, "detail": r.detail}
