"""The quotes stage: who said what.

Finds every attribution in the article (direct quotes, reported speech, partial and
continued quotes, `according to`), with the speaker as written and the canonical
entity it refers to. The rules live in `quote_rules.py` (cue verbs; cue words as data in
`lexicons/quote_verbs.tsv` and `quote_nouns.tsv`, read by `quote_lexicon.py`),
`quote_subjects.py` (who speaks), `quote_content.py` (what is reported),
`quote_patterns.py`, `quote_stance.py`, `quote_headlines.py` and `quote_idioms.py` (other cues),
`quote_quotations.py` (continuations, colons) and `quote_sisters.py` (reports the parser
hung inside others); which candidates stay in `quote_filters.py`, span edges in
`quote_edges.py`; quotation marks in `quote_marks.py`, speaker resolution in `quote_speakers.py`.
Attributions are univocal, as in PolNeAR: a cue inside a quotation or inside another
attribution's content is part of the outer speaker's words, not a quote of its own.

Each Quote's `rule` says which rule produced it, e.g. `quotes.rules.v1:say-ccomp+quote`.
"""

from __future__ import annotations

import re

from ..records import Extraction, Quote, Span
from .base import FunctionStage
from .quote_edges import one_line_source, tidy_content_edges
from .quote_filters import (drop_nested, drop_repeated, inside, no_impersonal_speaker, ownerless_object,
                            no_demonstrative_speaker, raised_reports, relative_passive, unspoken)
from .quote_headlines import headline_candidates
from .quote_idioms import put_it_candidates
from .quote_keep import keep as keep_likely
from .quote_marks import find_quotes
from .quote_patterns import (according_candidates, adjective_candidates, adverb_candidates, copular_candidates,
                             in_source_candidates, light_verb_candidates, linking_candidates,
                             noun_candidates)
from .quote_quotations import colon_candidates, continuation_candidates, quotation_clause_candidates
from .quote_rules import CONTINUATION_MIN_WORDS, Candidate, verb_candidates
from .quote_sisters import (split_contrast, split_relative, split_same_speaker, split_shared_quotations,
                             split_sisters)
from .quote_speakers import SpeakerIndex, resolve_speaker
from .quote_verbs_scored import scored_candidates
from .quote_stance import (agent_noun_candidates, attributive_adjective_candidates, backing_candidates,
                           detached_complement_candidates, in_view_candidates, noun_tagged_verb_candidates,
                           to_holder_candidates)

NAME = "quotes.rules.v1"
YIELDING = ("in-source", "-adverb")  # rules that give way to any cue inside their content
MARKUP = re.compile(r"<[^<>\n]{1,400}>")
EMBEDDED_POST = re.compile(r"<tweet\b[^<>]{0,400}>[^<]{0,1500}?(?:</tweet>|<tweet/>)")  # a post shown in the article


def extract_quotes(extraction: Extraction, doc) -> tuple[Quote, ...]:
    text = extraction.article.text
    candidates = find_attributions(doc, text=text)  # the Doc's text: doc.text would rebuild it
    candidates = keep_likely(doc, text, candidates)  # learned check (quote_keep.py); DATELINE_QUOTE_KEEP=0: off
    index = SpeakerIndex(extraction.entities, text)
    quoted = [span for c in candidates for span in c.content]
    entity_of: dict[int, str | None] = {}
    out = []
    for c in candidates:
        if c.follows is not None and id(c.follows) in entity_of:
            entity = entity_of[id(c.follows)]
        else:
            entity = resolve_speaker(index, doc, c.source, c.source_head, quoted)
        entity_of[id(c)] = entity
        out.append(to_quote(c, text, entity))
    return tuple(out)


def find_attributions(doc, text: str | None = None) -> list[Candidate]:
    """All attributions in the Doc, in text order; continuations follow their quote. `text`
    is the Doc's text when the caller has it (`doc.text` joins every token again)."""
    text = doc.text if text is None else text
    marks = find_quotes(text)
    found = verb_candidates(doc, text, marks)
    found += according_candidates(doc, text, marks) + colon_candidates(doc, text, marks) + noun_candidates(doc, text)
    found += adjective_candidates(doc, text) + copular_candidates(doc, text, marks) + in_source_candidates(doc, text)
    found += adverb_candidates(doc, text)
    found += attributive_adjective_candidates(doc, text) + in_view_candidates(doc, text)
    found += to_holder_candidates(doc, text)
    found += backing_candidates(doc, text) + detached_complement_candidates(doc, text)
    found += noun_tagged_verb_candidates(doc, text) + agent_noun_candidates(doc, text)
    found += linking_candidates(doc, text, {c.verb for c in found if c.verb is not None})
    found += put_it_candidates(doc, text, marks)
    light = light_verb_candidates(doc, text, {c.verb for c in found if c.verb is not None})
    if light:  # "voiced concern about X": the light-verb reading replaces the plain one
        taken = {c.verb for c in light}
        found = [c for c in found if c.verb is None or c.verb not in taken] + light
    found += quotation_clause_candidates(doc, text, marks, found)
    found += headline_candidates(doc, text, found)
    found += scored_candidates(doc, text, marks, found)  # other verbs, learned gate (quote_verbs_scored.py)
    spoken = [(q.start, q.end) for q in marks if q.words(text) >= CONTINUATION_MIN_WORDS]
    markup = [m.span() for m in MARKUP.finditer(text)] if "<" in text else []  # embedded-post tags
    if markup:  # the words of an embedded post are its author's, not reports inside the article
        markup += [m.span() for m in EMBEDDED_POST.finditer(text)]
    found = [c for c in found if not (c.cue and (inside(c.cue[0], spoken) or inside(c.cue[0], markup)))]
    found = [c for c in found if not unspoken(doc, c)]
    no_impersonal_speaker(doc, found)
    found.sort(key=lambda c: c.content[0][0])
    # "In an interview, X said …": a document or poll only speaks where the clause has no cue of its own
    found = [c for c in found if not c.rule.endswith(YIELDING) or not any(
        o is not c and o.cue and inside(o.cue[0], c.content) for o in found)]
    found = raised_reports(doc, found)
    split_sisters(doc, found, text)
    one_line_source(doc, found, text)
    split_same_speaker(doc, found, text)
    split_contrast(doc, found, text)
    split_relative(doc, found, text)
    split_shared_quotations(found)
    tidy_content_edges(found, text)
    found = drop_nested(found, text)
    found = drop_repeated(found)
    found = [c for c in found if not ownerless_object(doc, c, text)]
    found = [c for c in found if not relative_passive(doc, c, text)]
    no_demonstrative_speaker(doc, found)
    more = continuation_candidates(text, marks, found, doc)
    if more:
        found = [c for c in found if not (c.cue and any(inside(c.cue[0], m.content) for m in more))]
    kept = {id(f) for f in found}
    for m in more:  # a colon lead-in (`follows` None) starts a report of its own that others may continue
        if m.follows is None or id(m.follows) in kept:
            kept.add(id(m))
            found.append(m)
    found.sort(key=lambda c: c.content[0][0])
    return _continuations_after(found)


def _continuations_after(found: list[Candidate]) -> list[Candidate]:
    """Each continuation right after the quote it continues (text order otherwise), so that
    joining a continuation to the nearest quote of its speaker (`as_attributions`) finds that
    quote and not a participle of the same speaker in between ("“…,” Berg said, referring to
    the vote. “…”": the second quotation goes on the first, not on `referring to`)."""
    tails: dict[int, list[Candidate]] = {}
    for c in found:
        if c.follows is not None:
            tails.setdefault(id(c.follows), []).append(c)
    if not tails:
        return found
    out: list[Candidate] = []
    for c in found:
        if c.follows is None:
            out.append(c)
            out += tails.get(id(c), [])
    return out


def to_quote(c: Candidate, text: str, entity: str | None) -> Quote:
    return Quote(
        content=tuple(Span.of(text, s, e) for s, e in c.content),
        kind=c.kind,
        speaker=Span.of(text, *c.source) if c.source else None,
        speaker_entity=entity,
        cue=Span.of(text, *c.cue) if c.cue else None,
        rule=f"{NAME}:{c.rule}",
    )


def as_attributions(quotes: tuple[Quote, ...]) -> list[Quote]:
    """One item per attribution, the way PolNeAR-style gold counts them: a continuation
    joins the content of the quote it continues (same speaker, nearest before it)."""
    out: list[Quote] = []
    for q in quotes:
        if q.kind == "continuation":
            for i in range(len(out) - 1, -1, -1):
                if out[i].speaker == q.speaker and out[i].speaker_entity == q.speaker_entity:
                    prev = out[i]
                    out[i] = Quote(prev.content + q.content, prev.kind, prev.speaker, prev.speaker_entity,
                                   prev.cue, prev.rule)
                    break
            else:
                out.append(q)
        else:
            out.append(q)
    return out


STAGE = FunctionStage(NAME, ("entities",), "quotes", extract_quotes)
