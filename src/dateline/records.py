"""Typed records passed between stages.

Every record is a frozen dataclass. Offsets in an extracted `Span` point into
`Article.text` (the cleaned text); `Article.offsets` maps them back to the input,
which is what the batch contract's JSON output uses.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

InputKind = Literal["text", "html"]
QuoteKind = Literal["direct", "indirect", "partial", "continuation"]


@dataclass(frozen=True, slots=True)
class Span:
    """Characters `text` at `[start, end)` of `Article.text`."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> "Span":
        return cls(start, end, text[start:end])


@dataclass(frozen=True, slots=True)
class Document:
    """One raw input before cleaning: text or html plus what we know of its source."""

    id: str
    raw: str
    kind: InputKind = "text"
    source: str = ""  # file path, "stdin", or "path:line" for JSONL
    url: str | None = None
    published: date | None = None
    title: str | None = None  # a title given by the input (JSONL, WARC, HTML meta)
    domain: str | None = None
    encoding: str | None = None
    fetched: date | None = None  # when a crawler fetched it (WARC-Date): the fallback publication date


@dataclass(frozen=True, slots=True)
class OffsetMap:
    """Piecewise map from `Article.text` offsets to offsets in the input.

    `pieces` holds `(text_start, input_start, length)` for every kept segment, in
    order. Offsets inside a kept segment shift by a constant; offsets in the
    separators we insert between segments map to the end of the previous segment.
    """

    pieces: tuple[tuple[int, int, int], ...] = ()

    def to_input(self, pos: int) -> int | None:
        if not self.pieces:
            return None
        i = bisect.bisect_right([p[0] for p in self.pieces], pos) - 1
        if i < 0:
            return None
        text_start, input_start, length = self.pieces[i]
        return input_start + min(pos - text_start, length)

    def span_to_input(self, start: int, end: int) -> tuple[int, int] | None:
        """Map a span; None when it lies outside every kept segment."""
        if not self.pieces:
            return None
        starts = [p[0] for p in self.pieces]
        i = bisect.bisect_right(starts, start) - 1
        j = bisect.bisect_right(starts, max(start, end - 1)) - 1
        if i < 0 or j < 0:
            return None
        ts, is_, ln = self.pieces[i]
        if start - ts >= ln:  # starts inside a separator
            return None
        te, ie, le = self.pieces[j]
        return is_ + (start - ts), ie + min(end - te, le)


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned article. `text` holds title, dateline and body segments as kept."""

    id: str  # content hash of the clean text: re-ingesting the same story adds nothing
    doc_id: str
    text: str
    body_start: int  # `text[body_start:]` is the body (after title and dateline)
    offsets: OffsetMap
    kind: InputKind = "text"
    source: str = ""
    url: str | None = None
    domain: str | None = None
    title: str | None = None
    title_span: Span | None = None  # where the title sits in `text`, when it does
    dateline: str | None = None
    dateline_span: Span | None = None
    byline: str | None = None
    authors: tuple[str, ...] = ()
    published: date | None = None
    language: str | None = None
    skipped: str | None = None  # why English-only stages were skipped, if they were
    dropped: tuple[tuple[str, str], ...] = ()  # (rule, dropped text) for auditing

    @property
    def body(self) -> str:
        return self.text[self.body_start :]


@dataclass(frozen=True, slots=True)
class Entity:
    """One real-world referent within an article, with every mention of it."""

    id: str  # "E1", "E2", ... unique within the article
    name: str
    type: str  # PERSON, ORG, GPE, NORP, ...
    mentions: tuple[Span, ...]
    title: str | None = None  # "President", "spokeswoman"
    country: str | None = None  # ISO 3166-1 alpha-3
    affiliation: str | None = None  # an organisation the person speaks for, e.g. "EU"
    code: str | None = None  # actor code for events (country or IGO/NGO-style)
    sector: str | None = None  # GOV, MIL, MED, ...


@dataclass(frozen=True, slots=True)
class Quote:
    content: tuple[Span, ...]
    kind: QuoteKind
    speaker: Span | None = None
    speaker_entity: str | None = None
    cue: Span | None = None
    rule: str = ""  # which rule or model produced it, e.g. "quotes.rules.v1:direct-said"


@dataclass(frozen=True, slots=True)
class Actor:
    text: str
    code: str | None  # ISO 3166-1 alpha-3, or IGO/NGO/IMG/ISM/...
    sector: str | None = None
    entity: str | None = None
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class Place:
    span: Span
    name: str  # the GeoNames name it resolved to
    country: str | None  # ISO 3166-1 alpha-3
    lat: float | None = None
    lon: float | None = None
    feature: str | None = None  # GeoNames feature class: A (country/region), P (city), L (area)...
    geonameid: int | None = None
    rule: str = ""


@dataclass(frozen=True, slots=True)
class TimeExpr:
    span: Span
    type: Literal["DATE", "TIME", "DURATION", "SET"]
    value: str  # TIMEX3 value: 2022-02-04, 2022-W05, P3D, PRESENT_REF, XXXX-XX-XX when unresolved
    rule: str = ""


@dataclass(frozen=True, slots=True)
class Event:
    type: str  # PLOVER type
    evidence: Span
    source: tuple[Actor, ...] = ()
    target: tuple[Actor, ...] = ()
    mode: str | None = None
    cameo: str | None = None
    place: Place | None = None
    date: str | None = None  # YYYY-MM-DD (or coarser) from the times stage / publication date
    negated: bool = False
    hypothetical: bool = False
    confidence: float = 0.5
    rule: str = ""


@dataclass(frozen=True, slots=True)
class Rejected:
    """An input that did not become an article, and why."""

    doc_id: str
    source: str
    reason: str  # empty, binary, not_english, too_large, malformed_html, bad_json, duplicate, ...
    detail: str = ""


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything Dateline read from one article: what `dateline.extract` returns."""

    article: Article
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()
    places: tuple[Place, ...] = ()
    times: tuple[TimeExpr, ...] = ()
    story: str | None = None
    stages: tuple[str, ...] = field(default=())  # versioned names of the stages that ran
