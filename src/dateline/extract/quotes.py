"""The quotes stage: who said what.

Finds every attribution in the article (direct quotes, reported speech, partial and
continued quotes, `according to`), with the speaker as written and the canonical
entity it refers to. The rules live in `quote_rules.py` (cue words as data in
`lexicons/quote_verbs.tsv` and `quote_nouns.tsv`), quotation marks in
`quote_marks.py`, speaker resolution in `quote_speakers.py`.

Each Quote's `rule` says which rule produced it, e.g. `quotes.rules.v1:say-ccomp+quote`.
"""

from __future__ import annotations

from ..records import Extraction, Quote, Span
from .base import FunctionStage
from .quote_rules import Candidate, find_attributions
from .quote_speakers import SpeakerIndex, resolve_speaker

NAME = "quotes.rules.v1"


def extract_quotes(extraction: Extraction, doc) -> tuple[Quote, ...]:
    text = extraction.article.text
    candidates = find_attributions(doc)
    index = SpeakerIndex(extraction.entities)
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
