"""The events stage: who did what to whom, coded in PLOVER (and CAMEO), with evidence.

For every sentence (the headline too) `event_candidates` finds events in the parse and
`event_types` gives their type; `event_actors` codes the source and target phrases.
This module adds place (a place in the clause, else the dateline), date (a time in the
clause, else the publication date), keeps one event per (type, source, target) within a
sentence, and orders the events: the story's main event first (see `lead_first`), then
the others in text order.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from ..records import Actor, Event, Extraction, Place, Span
from .base import FunctionStage
from .event_actors import ActorCoder
from .event_candidates import Candidate, sentence_candidates

NAME = "events.rules.v1"
MIN_CONFIDENCE = 0.5  # candidates below this are dropped (tuned on the dev halves; see docs/events.md)
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def extract_events(extraction: Extraction, doc) -> tuple[Event, ...]:
    article = extraction.article
    coder = ActorCoder(extraction, doc)
    events: list[Event] = []
    for sent in doc.sents:
        if _outside_article(sent, article):
            continue
        seen: dict[tuple, int] = {}
        for cand in sentence_candidates(sent):
            event = _event(cand, sent, coder, extraction)
            if event is None or event.confidence < MIN_CONFIDENCE:
                continue
            key = (event.type, frozenset(a.code for a in event.source), frozenset(a.code for a in event.target))
            if key in seen:
                if events[seen[key]].confidence >= event.confidence:
                    continue
                events[seen[key]] = event
            else:
                seen[key] = len(events)
                events.append(event)
    return tuple(lead_first(events))


def lead_first(events: list[Event]) -> list[Event]:
    """Put the story's main event first: the most confident event of the most common type."""
    if len(events) < 2:
        return events
    weight: Counter = Counter()
    for n, ev in enumerate(events):
        weight[ev.type] += ev.confidence * (1.5 if n < 3 else 1.0)
    main_type = max(weight, key=lambda t: (weight[t], -min(i for i, e in enumerate(events) if e.type == t)))
    first = next(i for i, e in enumerate(events) if e.type == main_type)
    return [events[first], *events[:first], *events[first + 1:]]


def _outside_article(sent, article) -> bool:
    """Sentences before the body that are not the title (e.g. stray prompts) carry no events."""
    if sent.start_char >= article.body_start:
        return False
    title = article.title_span
    return not (title and sent.start_char < title.end and sent.end_char > title.start)


def _event(cand: Candidate, sent, coder: ActorCoder, extraction: Extraction) -> Event | None:
    source = _code_all(cand.sources, coder)
    target = [a for a in _code_all(cand.targets, coder) if a.code not in {s.code for s in source} or
              not source or a.sector != next((s.sector for s in source if s.code == a.code), None)]
    if source and target and {a.code for a in target} <= {a.code for a in source}:
        target = [a for a in target if a.sector and a.sector not in {s.sector for s in source}] or []
    confidence = cand.salience - (0.0 if source else 0.2) + (0.05 if target else 0.0)
    confidence = max(0.05, min(0.99, confidence))
    text = extraction.article.text
    toks = sorted(cand.tokens | {cand.trigger.i})
    start = min(sent.doc[toks[0]].idx, *(a.span.start for a in source + target if a.span))
    end = max(sent.doc[toks[-1]].idx + len(sent.doc[toks[-1]].text),
              *(a.span.end for a in source + target if a.span))
    start, end = max(start, sent.start_char), min(end, sent.end_char)
    return Event(type=cand.type, evidence=Span.of(text, start, end), source=tuple(source), target=tuple(target),
                 mode=cand.mode, cameo=cand.cameo, place=_place(cand, sent, extraction, coder),
                 date=_date(cand, sent, extraction), negated=cand.negated, hypothetical=cand.hypothetical,
                 confidence=round(confidence, 3), rule=f"{NAME}:{cand.rule}")


def _code_all(heads, coder: ActorCoder) -> list[Actor]:
    out: list[Actor] = []
    for head in heads:
        for actor in coder.actors(head):
            if actor.code and all(a.code != actor.code for a in out):
                out.append(actor)
        if out:
            break
    return out


def _place(cand: Candidate, sent, extraction: Extraction, coder: ActorCoder) -> Place | None:
    inside = [p for p in extraction.places if sent.start_char <= p.span.start < sent.end_char]
    if inside:
        trig = cand.trigger.idx
        clause = {t.i for t in cand.trigger.subtree}
        in_clause = [p for p in inside if sent.doc.char_span(p.span.start, p.span.end, alignment_mode="expand")
                     is not None and sent.doc.char_span(p.span.start, p.span.end, alignment_mode="expand").root.i
                     in clause]
        return min(in_clause or inside, key=lambda p: abs(p.span.start - trig))
    article = extraction.article
    if article.dateline:
        named = [p for p in extraction.places if article.dateline_span and
                 p.span.start >= article.dateline_span.start and p.span.end <= article.dateline_span.end]
        if named:
            return named[0]
        if article.dateline_span:
            return Place(span=article.dateline_span, name=article.dateline.title(), country=coder.home,
                         rule=f"{NAME}:dateline")
    return None


def _date(cand: Candidate, sent, extraction: Extraction) -> str | None:
    published = extraction.article.published
    times = [t for t in extraction.times if sent.start_char <= t.span.start < sent.end_char and t.type == "DATE"
             and t.value[:1].isdigit()]
    if times:
        clause = cand.trigger.subtree
        lo, hi = min(t.idx for t in clause), max(t.idx + len(t.text) for t in clause)
        near = [t for t in times if lo <= t.span.start < hi] or times
        return min(near, key=lambda t: abs(t.span.start - cand.trigger.idx)).value
    if published is None:
        return None
    resolved = _weekday(cand, sent, published)
    return (resolved or published).isoformat()


def _weekday(cand: Candidate, sent, published: date) -> date | None:
    """A fallback when the times stage found nothing: "on Friday", "today", "yesterday"."""
    clause = list(cand.trigger.subtree)
    if cand.trigger.dep_ != "ROOT":
        clause += [c for c in cand.trigger.head.children if c.ent_type_ == "DATE"]
    words = [t.lower_ for t in clause if t.ent_type_ == "DATE" or t.lower_ in ("today", "yesterday", "tomorrow")]
    future = any(c.lower_ in ("will", "'ll", "shall") for t in (cand.trigger, cand.trigger.head)
                 for c in t.children if c.dep_ == "aux")
    for word in words:
        if word == "today":
            return published
        if word == "yesterday":
            return published - timedelta(days=1)
        if word == "tomorrow":
            return published + timedelta(days=1)
        if word in WEEKDAYS:
            delta = (WEEKDAYS.index(word) - published.weekday()) % 7
            if future:
                return published + timedelta(days=delta)
            return published - timedelta(days=(7 - delta) % 7)
    return None


STAGE = FunctionStage(NAME, ("entities", "places", "times", "quotes"), "events", extract_events)
