"""The events stage: who did what to whom, coded in PLOVER (and CAMEO), with evidence.

For every sentence (the headline too) `event_candidates` finds events in the parse and
`event_types` gives their type; `event_actors` codes the source and target phrases.
This module adds place (a place after "in/at/near" in the clause, else the dateline),
date (a time in the clause, else the publication date), keeps one event per (type,
source, target) within a sentence, and orders the events: the story's main event first (see `lead_first`), then
the others in text order. For a multi-sentence story, the story-level classifier of
`event_doctype` picks the main event's type and, when the patterns found no event of that
type and its (calibrated) probability is at least DOC_CONFIDENCE, adds one document-level
event read from the lead (`_document_event`).
"""

from __future__ import annotations

import math
from datetime import date, timedelta

from ..countries import country_code
from ..records import Actor, Event, Extraction, Place, Span
from .base import FunctionStage
from .event_actors import PRONOUNS, ActorCoder
from .event_candidates import Candidate, sentence_candidates
from .event_doctype import read_story

NAME = "events.rules.v1"
DOC_NAME = "events.doctype.v1"
DOC_CONFIDENCE = 0.2  # the classifier's calibrated P(type) must reach this to add a document-level event,
DOC_KNOWN = 0.96  # and it must know this share of the story's words (it reads news like its training stories)
# (both set so that almost no BBC sport or entertainment story gets a document event; docs/events.md)
# How much the patterns' events count in the story's type (`story_scores`); chosen by cross-validation on
# the NGEC training stories (`bench/events_doctype_train.py --stack`):
LEAD_BONUS = 1.0  # added log-weight for a type the patterns found in the lead sentence
FOUND_BONUS = 0.5  # added log-weight for a type the patterns found anywhere in the story
# CAMEO code of a document-level event (the type's CAMEO root; RETREAT: de-escalate, 087)
DOC_CAMEO = {"AGREE": "030", "CONSULT": "040", "SUPPORT": "050", "COOPERATE": "060", "AID": "070",
             "CONCEDE": "080", "RETREAT": "087", "REQUEST": "100", "ACCUSE": "110", "REJECT": "120",
             "THREATEN": "130", "PROTEST": "140", "MOBILIZE": "150", "SANCTION": "160", "COERCE": "170",
             "ASSAULT": "180"}
MIN_CONFIDENCE = 0.5  # candidates below this are dropped (subordinate and conditional clauses; docs/events.md)
LEAD_CONFIDENCE = 0.75  # an event this sure can be the story's main event
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def extract_events(extraction: Extraction, doc) -> tuple[Event, ...]:
    article = extraction.article
    coder = ActorCoder(extraction, doc)
    events: list[Event] = []
    lead_end = None  # where the lead sentence (the headline, else the body's first) ends
    for sent in doc.sents:
        if _outside_article(sent, article):
            continue
        if lead_end is None and sent.text.strip():
            lead_end = sent.end_char
        found = [e for e in (_event(c, sent, coder, extraction) for c in sentence_candidates(sent))
                 if e is not None and e.confidence >= MIN_CONFIDENCE]
        events.extend(_merge(found))
    scores, known = read_story(article.text)  # {} for a single sentence or a short text
    if not scores:
        return tuple(lead_first(events))
    combined = story_scores(scores, events, lead_end or 0)
    story = max(combined, key=combined.get)
    if (not any(e.type == story for e in events) and scores[story] >= DOC_CONFIDENCE
            and known >= DOC_KNOWN):
        lead = _document_event(story, scores[story], doc, coder, extraction)
        if lead is not None:
            events.insert(0, lead)
    return tuple(lead_first(events, combined))


def story_scores(scores: dict[str, float], events: list[Event], lead_end: int) -> dict[str, float]:
    """The classifier's P(type | story) weighed with what the patterns found: a type with a
    pattern event gains a factor e^FOUND_BONUS, e^(FOUND_BONUS + LEAD_BONUS) when the event
    is in the lead sentence (news states its main event first); renormalised."""
    bonus: dict[str, float] = {}
    for e in events:
        b = FOUND_BONUS + (LEAD_BONUS if e.evidence.start < lead_end else 0.0)
        bonus[e.type] = max(bonus.get(e.type, 0.0), b)
    raw = {t: p * math.exp(bonus.get(t, 0.0)) for t, p in scores.items()}
    total = sum(raw.values()) or 1.0
    return {t: v / total for t, v in raw.items()}


def _codes(actors) -> frozenset:
    return frozenset(a.code for a in actors)


def _merge(events: list[Event]) -> list[Event]:
    """Within a sentence, one event per type and actors: an event whose codes are covered by
    another of the same type ("killed two youths and wounded five") adds nothing."""
    keep: list[Event] = []
    for ev in sorted(events, key=lambda e: (-(len(e.source) + len(e.target)), -e.confidence)):
        if any(k.type == ev.type and _codes(ev.source) <= _codes(k.source) and _codes(ev.target) <= _codes(k.target)
               for k in keep):
            continue
        keep.append(ev)
    return sorted(keep, key=lambda e: e.evidence.start)


def lead_first(events: list[Event], scores: dict[str, float] | None = None) -> list[Event]:
    """Put the story's main event first; the rest follow in text order.

    For a multi-sentence story, `scores` are P(type | story) (`story_scores`: the classifier
    of `event_doctype` with the pattern events weighed in): the first event of the most
    probable type leads when there is one, else the event with the best log P(type) +
    confidence. For a single sentence (no scores) the
    first confident event leads (news puts the main event in its lead), else the first event.
    """
    if len(events) < 2:
        return events
    if scores:
        story = max(scores, key=scores.get)
        first = next((i for i, e in enumerate(events) if e.type == story), None)
        if first is None:
            first = max(range(len(events)), key=lambda i: (math.log(scores.get(events[i].type, 0.0) + 1e-9)
                                                          + events[i].confidence, -i))
    else:
        first = next((i for i, e in enumerate(events) if e.confidence >= LEAD_CONFIDENCE), 0)
    return [events[first], *events[:first], *events[first + 1:]]


def _lead_sentences(doc, article, n: int = 3) -> list:
    """The first n sentences of the article (the headline, when there is one, first)."""
    out = []
    for sent in doc.sents:
        if not _outside_article(sent, article) and sent.text.strip():
            out.append(sent)
            if len(out) == n:
                break
    return out


def _document_event(type_: str, probability: float, doc, coder: ActorCoder, extraction: Extraction) -> Event | None:
    """A document-level reading: the story is about an event of `type_` (the classifier's
    type), with the lead sentence as evidence and its subject and objects as actors. When
    the lead names no actor we can code, the first country or organisation named in the
    next two sentences is the source ("The ministry said ... . Ruritania's government ...")."""
    leads = _lead_sentences(doc, extraction.article)
    if not leads:
        return None
    sent = leads[0]
    root = sent.root
    subjects = [t for t in root.children if t.dep_ in ("nsubj", "nsubjpass", "agent")]
    objects = [t for t in root.subtree if t.dep_ in ("dobj", "pobj", "dative", "attr") and t.i != root.i]
    source = _code_all(subjects, coder) or _first_named(sent, coder)
    target = [a for a in _code_targets(objects, coder, {a.code for a in source}) if a.code not in _codes(source)]
    for later in leads[1:]:
        if source or target:
            break
        source = _first_named(later, coder)
    if not source and not target:
        return None  # a lead that names no country or organisation we can code: no political event
    text = extraction.article.text
    start = sent.start_char
    end = start + len(sent.text.rstrip())
    return Event(type=type_, evidence=Span.of(text, start, end), source=tuple(source), target=tuple(target),
                 cameo=DOC_CAMEO.get(type_), place=_place_of_sentence(sent, extraction, coder),
                 date=extraction.article.published.isoformat() if extraction.article.published else None,
                 confidence=round(min(0.9, probability), 3), rule=f"{DOC_NAME}:{type_.lower()}")


def _first_named(sent, coder: ActorCoder) -> list[Actor]:
    """The first country or organisation a sentence names that we can code, as a list."""
    named = [t for t in sent if t.ent_type_ in ("GPE", "NORP", "ORG") and t.ent_iob_ == "B"]
    return _code_all(named[:1], coder)


def _outside_article(sent, article) -> bool:
    """Sentences before the body that are not the title (e.g. stray prompts) carry no events."""
    if sent.end_char > article.body_start:
        return False
    title = article.title_span
    return not (title and sent.start_char < title.end and sent.end_char > title.start)


def _event(cand: Candidate, sent, coder: ActorCoder, extraction: Extraction) -> Event | None:
    if not cand.type:
        return None
    source = _code_all(cand.sources, coder) or _sole_country(cand.sources, sent, coder)
    target = _code_targets(cand.targets, coder, {a.code for a in source})
    if cand.type == "CONSULT" and cand.cameo == "042" and not (source and target):
        return None  # a trip with no traveller or no destination we can code says nothing
    if cand.reciprocal and cand.type == "CONSULT":
        if not target and not any(_is_actor(t) for t in cand.targets):
            return None  # "the cabinet met", "met his spending rule": no meeting between actors
        source, target = source + [a for a in target if a.code not in _codes(source)], []
    if not target and cand.type in ("ASSAULT", "COERCE"):
        target = _scene(cand, coder, _codes(source))
    if source and not target and _domestic(cand):
        target = [Actor(t.text, source[0].code, coder.sector_of(t), None, None) for t in _uncoded_heads(cand)][:1]
    if not source:
        source = _uncoded(cand.sources, coder)
        if not source and not target:
            return None  # no one to say did it, and no one it was done to
    coded = any(a.code for a in source)
    confidence = cand.salience - (0.0 if coded else 0.2) + (0.05 if target else 0.0)
    confidence = max(0.05, min(0.99, confidence))
    text = extraction.article.text
    toks = sorted(cand.tokens | {cand.trigger.i})
    spans = [a.span for a in source + target if a.span]
    start = min([sent.doc[toks[0]].idx, *(s.start for s in spans)])
    end = max([sent.doc[toks[-1]].idx + len(sent.doc[toks[-1]].text), *(s.end for s in spans)])
    start, end = max(start, sent.start_char), min(end, sent.end_char)
    return Event(type=cand.type, evidence=Span.of(text, start, end), source=tuple(source), target=tuple(target),
                 mode=cand.mode, cameo=cand.cameo, place=_place(cand, sent, extraction, coder),
                 date=_date(cand, sent, extraction), negated=cand.negated, hypothetical=cand.hypothetical,
                 confidence=round(confidence, 3), rule=f"{NAME}:{cand.rule}")


def _uncoded(heads, coder: ActorCoder) -> list[Actor]:
    """The actor as written when no code can be given ("the central bank", "Mr Smith"), so the
    event still says who acted; a pronoun with no antecedent is no actor."""
    text = coder.article.text
    for head in heads[:1]:
        if head.lower_ in PRONOUNS or head.pos_ not in ("NOUN", "PROPN"):
            continue
        toks = [t for t in head.subtree if t.dep_ not in ("relcl", "acl", "punct", "appos", "advcl")
                and t.idx >= min(head.idx, coder.article.body_start)]
        lo, hi = min(t.idx for t in toks), max(t.idx + len(t.text) for t in toks)
        return [Actor(text[lo:hi], None, coder.sector_of(head), None, Span.of(text, lo, hi))]
    return []


def _code_all(heads, coder: ActorCoder) -> list[Actor]:
    out: list[Actor] = []
    for head in heads:
        for actor in coder.actors(head):
            if actor.code and all(a.code != actor.code for a in out):
                out.append(actor)
        if out:
            break
    return out


DOMESTIC_TYPES = frozenset({"PROTEST", "COERCE", "CONCEDE", "REJECT", "REQUEST", "ACCUSE"})


def _is_actor(tok) -> bool:
    return tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or tok.lemma_.casefold() in DOMESTIC_WORDS


def _scene(cand: Candidate, coder: ActorCoder, source_codes) -> list[Actor]:
    """Violence with no named victim: the country where it happened ("killed 23 in Tel Aviv")."""
    for tok in cand.trigger.subtree:
        if tok.i == cand.trigger.i or tok.lower_ not in ("in", "at", "near", "inside", "outside"):
            continue
        for place in tok.subtree:
            if place.ent_type_ in ("GPE", "LOC", "FAC") or place.i in coder.place_at:
                actors = [a for a in coder.actors(place) if a.code and a.code not in source_codes]
                if actors:
                    return actors[:1]
    return []


def _sole_country(heads, sent, coder: ActorCoder) -> list[Actor]:
    """An official with no nationality of their own ("Judge Rivera"), in a sentence that names
    exactly one country: that country. Only for heads that are people or state bodies."""
    head = heads[0] if heads else None
    if head is None or not (head.ent_type_ == "PERSON" or coder.sector_of(head)):
        return []
    if any(c.dep_ in ("amod", "compound") and c.ent_type_ == "NORP" for c in head.children):
        return []  # "Western officials": the phrase names a group we cannot code; do not guess
    codes = {}
    for tok in sent:
        if tok.ent_type_ in ("GPE", "NORP") and tok.pos_ in ("PROPN", "ADJ"):
            for actor in coder.actors(tok):
                if actor.code and len(actor.code) == 3 and actor.code.isalpha() and actor.code not in (
                        "IGO", "NGO", "UNO", "EUR", "IMG"):
                    codes.setdefault(actor.code, actor)
        elif tok.ent_type_ == "ORG" and tok.pos_ == "PROPN":  # "the Kenya Anti-Corruption Commission"
            code = country_code(tok.text)
            if code:
                codes.setdefault(code, None)
    if len(codes) != 1:
        return []
    code = next(iter(codes))
    return [Actor(head.text, code, coder.sector_of(head), None, None)]


def _domestic(cand: Candidate) -> bool:
    """Protests, repression and concessions with no foreign recipient named are domestic."""
    return cand.type in DOMESTIC_TYPES and bool(_uncoded_heads(cand))


def _uncoded_heads(cand: Candidate) -> list:
    heads = [t for t in _with_of(cand.targets) if t.ent_type_ == "PERSON" or t.lemma_.casefold() in DOMESTIC_WORDS]
    if cand.type == "PROTEST" and not any(t.pos_ == "PROPN" for t in cand.targets):
        return [cand.trigger]
    return heads


def _with_of(heads) -> list:
    """Heads and the "of" objects of quantity words ("thousands of refugees")."""
    out = []
    for head in heads:
        out.append(head)
        # "thousands of refugees", "an appeal from President X"
        wanted = ("of", "from", "by") if head.lemma_.casefold() in QUANTITIES else ("from", "by")
        out.extend(g for p in head.children if p.dep_ == "prep" and p.lower_ in wanted
                   for g in p.children if g.dep_ == "pobj")
    return out


QUANTITIES = frozenset({"thousand", "hundred", "dozen", "million", "score", "number", "group", "some", "many",
                        "member", "one", "all", "most", "part"})
DOMESTIC_WORDS = frozenset({"government", "president", "opposition", "member", "opponent", "activist", "leader",
                            "party", "candidate", "official", "authority", "regime", "newspaper", "worker",
                            "student", "prisoner", "dissident", "journalist", "minister", "parliament", "people",
                            "refugee", "civilian", "resident", "villager", "citizen", "protester", "demonstrator",
                            "man", "woman", "youth", "supporter", "detainee", "suspect"})


def _code_targets(heads, coder: ActorCoder, source_codes: set) -> list[Actor]:
    """The first argument that names someone other than the source; else a country named
    deeper inside an object ("power lines leading into Kabul"); else the first coded one."""
    first: list[Actor] = []
    for head in heads:
        actors = [a for a in coder.actors(head) if a.code]
        others = [a for a in actors if a.code not in source_codes]
        if others:
            return others
        if actors and not _owned_by_pronoun(head):
            first = first or actors  # "upgraded their ties", "its borders" are not targets
    if first:
        return first
    for head in heads:
        if head.dep_ not in ("dobj", "pobj", "nsubjpass", "dative"):
            continue
        for tok in _subtree_without_clauses(head):
            if tok.i != head.i and tok.ent_type_ in ("GPE", "NORP") and tok.pos_ in ("PROPN", "ADJ"):
                actors = [a for a in coder.actors(tok) if a.code and a.code not in source_codes]
                if actors:
                    return actors[:1]
    return first


def _owned_by_pronoun(head) -> bool:
    """"its borders", "his country's border": a phrase owned by a pronoun (usually the source)."""
    if head.lower_ in PRONOUNS:
        return True
    for c in head.children:
        if c.dep_ == "poss" and (c.lower_ in PRONOUNS or any(g.dep_ == "poss" and g.lower_ in PRONOUNS
                                                              for g in c.children)):
            return True
    return False


def _subtree_without_clauses(head):
    """The tokens of a phrase in text order, leaving out relative and adverbial clauses."""
    out, stack = [], [head]
    while stack:
        tok = stack.pop()
        out.append(tok)
        stack.extend(c for c in tok.children if c.dep_ not in ("relcl", "advcl", "ccomp"))
    return sorted(out, key=lambda t: t.i)


LOCATIVE = frozenset({"in", "at", "near", "outside", "inside", "across", "around", "throughout", "on"})


def _place(cand: Candidate, sent, extraction: Extraction, coder: ActorCoder) -> Place | None:
    """Where: a place after "in/at/near ..." in the event's clause, else the dateline, else
    another place named in the sentence (not a nationality word such as "Danish")."""
    doc = sent.doc
    clause = {t.i for t in cand.trigger.subtree}
    located, other = [], []
    for p in extraction.places:
        if not sent.start_char <= p.span.start < sent.end_char:
            continue
        span = doc.char_span(p.span.start, p.span.end, alignment_mode="expand")
        if span is None or span.root.ent_type_ == "NORP":
            continue
        if span.root.i in clause and span.root.head.lower_ in LOCATIVE:
            located.append(p)
        else:
            other.append(p)
    trig = cand.trigger.idx
    if located:
        return min(located, key=lambda p: abs(p.span.start - trig))
    return _dateline_place(extraction, coder) or (min(other, key=lambda p: abs(p.span.start - trig))
                                                  if other else None)


def _dateline_place(extraction: Extraction, coder: ActorCoder) -> Place | None:
    article = extraction.article
    if not (article.dateline and article.dateline_span):
        return None
    named = [p for p in extraction.places if p.span.start >= article.dateline_span.start
             and p.span.end <= article.dateline_span.end]
    return named[0] if named else Place(span=article.dateline_span, name=article.dateline.title(),
                                        country=coder.home, rule=f"{NAME}:dateline")


def _place_of_sentence(sent, extraction: Extraction, coder: ActorCoder) -> Place | None:
    """Where a document-level event happened: the dateline, else the first place in the sentence."""
    inside = [p for p in extraction.places if sent.start_char <= p.span.start < sent.end_char]
    return _dateline_place(extraction, coder) or (inside[0] if inside else None)


def _date(cand: Candidate, sent, extraction: Extraction) -> str | None:
    published = extraction.article.published
    times = [t for t in extraction.times if sent.start_char <= t.span.start < sent.end_char and t.type == "DATE"
             and t.value[:1].isdigit()]
    if times:
        clause = list(cand.trigger.subtree)
        lo, hi = min(t.idx for t in clause), max(t.idx + len(t.text) for t in clause)
        near = [t for t in times if lo <= t.span.start < hi]
        if near:
            best = min(near, key=lambda t: abs(t.span.start - cand.trigger.idx))
            # A bare weekday depends on the event's tense ("talks on Friday will ..."): resolve it here.
            if best.span.text.strip().casefold() not in WEEKDAYS or published is None:
                return best.value
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
