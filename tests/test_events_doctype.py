"""The story-level type classifier and how it orders a story's events (texts written here)."""

from __future__ import annotations

import numpy as np

from dateline.extract import event_doctype as dt
from dateline.extract.events import DOC_CAMEO, lead_first
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
    assert dt.type_scores("Workers went on strike.") == {}
    assert not dt.is_story("Workers went on strike over pay in every port of the country today.")
    assert dt.is_story(STRIKE_STORY)


def test_events_doctype_features_weight_the_lead_and_keep_bigrams():
    feats = dt.features("Troops shelled the town. Troops left.")
    assert feats["troops shelled"] == dt.LEAD_WEIGHTS[0]
    assert feats["troops"] == dt.LEAD_WEIGHTS[0] + dt.LEAD_WEIGHTS[1]
    assert "shelled the" in feats and "town troops" not in feats  # no bigram across sentences
    assert feats["L:troops shelled"] == 1 and "L:left" not in feats  # lead features: first sentence only


def test_events_doctype_vectorise_is_normalised_and_skips_unknown_words():
    vocab = {"strike": 0, "pay": 1}
    cols, vals = dt.vectorise(dt.features("strike strike pay unknown"), vocab, np.ones(2, dtype=np.float32))
    assert sorted(cols.tolist()) == [0, 1]
    assert abs(float(np.linalg.norm(vals)) - 1.0) < 1e-6
    assert vals[cols.tolist().index(0)] > vals[cols.tolist().index(1)]


def test_events_doctype_scores_are_probabilities_favouring_the_topic():
    scores = dt.type_scores(STRIKE_STORY)
    assert set(scores) == set(DOC_CAMEO)
    assert abs(sum(scores.values()) - 1.0) < 1e-5
    assert max(scores, key=scores.get) == "PROTEST"
    assert dt.best_type(STRIKE_STORY)[0] == "PROTEST"


def test_events_lead_first_puts_the_story_type_first():
    events = [_event("REQUEST", 0.85, 0), _event("PROTEST", 0.6, 10), _event("REJECT", 0.6, 20)]
    ordered = lead_first(events, {"PROTEST": 0.7, "REQUEST": 0.2, "REJECT": 0.1})
    assert [e.type for e in ordered] == ["PROTEST", "REQUEST", "REJECT"]
    # no scores (a single sentence): the first confident event leads
    assert lead_first(events, None)[0].type == "REQUEST"
    # none of the story's type: the best fit of type probability and confidence
    scores = {"AID": 0.5, "REJECT": 0.45, "REQUEST": 0.05}
    assert lead_first(events, scores)[0].type == "REJECT"


LEAD_STORY = ("Japan pledged new funds for flood victims in Pakistan on Tuesday. Officials in Tokyo said "
              "the money would reach families within weeks. The floods have destroyed thousands of homes "
              "and roads across several provinces, and aid groups say many villages remain cut off.")


def _extract(pipeline, text):
    from dateline.records import Document, Extraction

    result = pipeline.extract_one(Document("t", text))
    assert isinstance(result, Extraction)
    return result.events


def test_events_doctype_adds_a_document_event_when_the_classifier_is_sure(pipeline, monkeypatch):
    from dateline.extract import events as ev

    monkeypatch.setattr(ev, "type_scores", lambda text: {"COOPERATE": 0.8, "AID": 0.2})
    events = _extract(pipeline, LEAD_STORY)
    first = events[0]
    assert first.type == "COOPERATE" and first.rule.startswith("events.doctype.v1")
    assert first.evidence.text.startswith("Japan pledged") and first.evidence.text.endswith("Tuesday.")
    assert "JPN" in {a.code for a in first.source} and first.confidence == 0.8
    assert first.cameo == "060"
    assert sum(e.rule.startswith("events.doctype") for e in events) == 1


def test_events_doctype_no_document_event_when_unsure_or_already_found(pipeline, monkeypatch):
    from dateline.extract import events as ev

    monkeypatch.setattr(ev, "type_scores", lambda text: {"COOPERATE": ev.DOC_CONFIDENCE - 0.1, "AID": 0.3})
    assert not any(e.rule.startswith("events.doctype") for e in _extract(pipeline, LEAD_STORY))
    found = _extract(pipeline, LEAD_STORY)
    assert found, "the patterns should find the pledge"
    monkeypatch.setattr(ev, "type_scores", lambda text: {found[-1].type: 0.95})
    again = _extract(pipeline, LEAD_STORY)
    assert again[0].type == found[-1].type and not any(e.rule.startswith("events.doctype") for e in again)


def test_events_doctype_single_sentence_is_left_to_the_patterns(pipeline):
    events = _extract(pipeline, "Japan pledged new funds for flood victims in Pakistan on Tuesday.")
    assert not any(e.rule.startswith("events.doctype") for e in events)
