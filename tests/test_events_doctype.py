"""The document-type word model that chooses a story's main event (texts written here)."""

from __future__ import annotations

from dateline.extract.event_doctype import type_scores, words
from dateline.extract.events import lead_first
from dateline.records import Event, Span

STRIKE_STORY = " ".join([
    "Dock workers across the country walked off the job on Monday in a national strike over pay,",
    "union leaders said, as picket lines formed outside every major port and striking crews",
    "refused to unload ships. The union said the strike would continue until wages rise, and",
    "thousands of workers marched through the capital chanting slogans and carrying banners",
    "demanding better pay and safer working conditions for port staff and their families.",
])


def _event(type_: str, confidence: float, start: int) -> Event:
    return Event(type=type_, evidence=Span(start, start + 1, "x"), confidence=confidence)


def test_events_doctype_needs_a_story_not_a_sentence():
    assert type_scores("Workers went on strike.") == {}
    assert "strike" in words(STRIKE_STORY) and "the" not in words(STRIKE_STORY)


def test_events_doctype_scores_are_probabilities_favouring_the_topic():
    scores = type_scores(STRIKE_STORY)
    assert abs(sum(scores.values()) - 1.0) < 1e-6
    assert max(scores, key=scores.get) == "PROTEST"


def test_events_lead_first_prefers_the_event_that_fits_the_story():
    events = [_event("REQUEST", 0.85, 0), _event("PROTEST", 0.8, 10), _event("REJECT", 0.6, 20)]
    ordered = lead_first(events, STRIKE_STORY)
    assert ordered[0].type == "PROTEST" and [e.type for e in ordered[1:]] == ["REQUEST", "REJECT"]
    # with no story to read, the first confident event leads
    assert lead_first(events, "")[0].type == "REQUEST"
