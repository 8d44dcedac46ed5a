"""Cut an article's text into segments, each covered by a set of annotations.

Annotations overlap (an event's evidence contains entity mentions, a quote contains
a place), so the text is split at every span boundary and each piece lists every
annotation that covers it. The template renders each piece as escaped text.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Annotation:
    key: str  # "ent-E1", "quote-0", "event-2", "place-1", "time-0"
    kind: str  # entity, quote, speaker, cue, event, place, time
    start: int
    end: int
    label: str = ""


@dataclass
class Segment:
    text: str
    start: int
    kinds: list[str] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)


def annotations(data: dict) -> list[Annotation]:
    """Every highlightable span of an article record (as returned by queries.article)."""
    out: list[Annotation] = []
    for e in data["entities"]:
        for m in e["mentions"]:
            out.append(Annotation(f"ent-{e['entity_id']}", "entity", m["start"], m["end"],
                                  f"{e['type']}: {e['name']}"))
    for q in data["quotes"]:
        key = f"quote-{q['quote_no']}"
        for s in q["content_spans"]:
            if isinstance(s, list) and len(s) == 2:
                out.append(Annotation(key, "quote", s[0], s[1], f"quote ({q['kind']})"))
        if q["speaker_start"] is not None:
            out.append(Annotation(key, "speaker", q["speaker_start"], q["speaker_end"], "speaker"))
        if q["cue_start"] is not None:
            out.append(Annotation(key, "cue", q["cue_start"], q["cue_end"], "cue"))
    for ev in data["events"]:
        if ev["evidence_start"] is not None:
            out.append(Annotation(f"event-{ev['event_no']}", "event", ev["evidence_start"], ev["evidence_end"],
                                  f"event {ev['type']}"))
    for p in data["places"]:
        out.append(Annotation(f"place-{p['place_no']}", "place", p["start"], p["end"], f"place: {p['name']}"))
    for t in data["times"]:
        out.append(Annotation(f"time-{t['time_no']}", "time", t["start"], t["end"], f"time: {t['value']}"))
    return out


def segments(text: str, anns: list[Annotation], start: int = 0, end: int | None = None) -> list[Segment]:
    """Segments of `text[start:end]`; spans outside the text or empty are ignored."""
    end = len(text) if end is None else end
    valid = [a for a in anns if isinstance(a.start, int) and isinstance(a.end, int)
             and start <= a.start < a.end <= end]
    cuts = sorted({start, end, *(a.start for a in valid), *(a.end for a in valid)})
    out = []
    for lo, hi in zip(cuts, cuts[1:]):
        covering = [a for a in valid if a.start <= lo and hi <= a.end]
        seg = Segment(text[lo:hi], lo)
        for a in covering:
            if a.kind not in seg.kinds:
                seg.kinds.append(a.kind)
            if a.key not in seg.keys:
                seg.keys.append(a.key)
            if a.label not in seg.labels:
                seg.labels.append(a.label)
        out.append(seg)
    return out
