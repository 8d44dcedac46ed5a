"""Records to table rows (dicts keyed by column), one function per table."""

from __future__ import annotations

import json

from ..records import Actor, Extraction, Rejected


def article_row(ex: Extraction) -> dict:
    a = ex.article
    return {
        "id": a.id, "doc_id": a.doc_id, "source": a.source, "url": a.url, "domain": a.domain, "kind": a.kind,
        "title": a.title, "dateline": a.dateline, "byline": a.byline, "authors": list(a.authors),
        "published": a.published, "language": a.language, "skipped": a.skipped,
        "text": a.text, "body_start": a.body_start, "offsets": json.dumps([list(p) for p in a.offsets.pieces]),
        "story": ex.story or a.id, "stages": list(ex.stages),
    }


def entity_rows(ex: Extraction) -> tuple[list[dict], list[dict]]:
    entities, mentions = [], []
    for e in ex.entities:
        entities.append({"article_id": ex.article.id, "entity_id": e.id, "name": e.name, "type": e.type,
                         "title": e.title, "country": e.country, "affiliation": e.affiliation,
                         "code": e.code, "sector": e.sector})
        for m in e.mentions:
            mentions.append({"article_id": ex.article.id, "entity_id": e.id, "start": m.start, "end": m.end,
                             "text": m.text})
    return entities, mentions


def quote_rows(ex: Extraction) -> list[dict]:
    names = {e.id: e.name for e in ex.entities}
    rows = []
    for n, q in enumerate(ex.quotes):
        rows.append({
            "article_id": ex.article.id, "quote_no": n, "kind": q.kind,
            "speaker_start": q.speaker.start if q.speaker else None,
            "speaker_end": q.speaker.end if q.speaker else None,
            "speaker_text": q.speaker.text if q.speaker else None,
            "speaker_entity": q.speaker_entity, "speaker_name": names.get(q.speaker_entity or ""),
            "cue_start": q.cue.start if q.cue else None, "cue_end": q.cue.end if q.cue else None,
            "cue_text": q.cue.text if q.cue else None,
            "content": " … ".join(s.text for s in q.content),
            "content_spans": json.dumps([[s.start, s.end] for s in q.content]), "rule": q.rule,
        })
    return rows


def actor_json(actors: tuple[Actor, ...]) -> str:
    return json.dumps([{"text": a.text, "code": a.code, "sector": a.sector, "entity": a.entity} for a in actors])


def event_rows(ex: Extraction) -> list[dict]:
    rows = []
    for n, ev in enumerate(ex.events):
        rows.append({
            "article_id": ex.article.id, "event_no": n, "type": ev.type, "mode": ev.mode, "cameo": ev.cameo,
            "source": actor_json(ev.source), "target": actor_json(ev.target),
            "source_code": next((a.code for a in ev.source if a.code), None),
            "target_code": next((a.code for a in ev.target if a.code), None),
            "place_name": ev.place.name if ev.place else None,
            "place_country": ev.place.country if ev.place else None,
            "lat": ev.place.lat if ev.place else None, "lon": ev.place.lon if ev.place else None,
            "date": ev.date, "evidence_start": ev.evidence.start, "evidence_end": ev.evidence.end,
            "evidence_text": ev.evidence.text, "negated": ev.negated, "hypothetical": ev.hypothetical,
            "confidence": ev.confidence, "rule": ev.rule,
        })
    return rows


def place_rows(ex: Extraction) -> list[dict]:
    return [{"article_id": ex.article.id, "place_no": n, "start": p.span.start, "end": p.span.end,
             "text": p.span.text, "name": p.name, "country": p.country, "lat": p.lat, "lon": p.lon,
             "feature": p.feature, "geonameid": p.geonameid, "rule": p.rule} for n, p in enumerate(ex.places)]


def time_rows(ex: Extraction) -> list[dict]:
    return [{"article_id": ex.article.id, "time_no": n, "start": t.span.start, "end": t.span.end,
             "text": t.span.text, "type": t.type, "value": t.value, "rule": t.rule} for n, t in enumerate(ex.times)]


def rejected_row(r: Rejected) -> dict:
    return {"source": r.source, "doc_id": r.doc_id, "reason": r.reason, "detail": r.detail[:1000]}
