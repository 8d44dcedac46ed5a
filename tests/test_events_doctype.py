"""The story-level type classifier and how it orders a story's events (texts written here)."""

from __future__ import annotations

import math

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


def test_events_doctype_features_split_story_and_lead_blocks():
    feats = dt.features("Troops shelled the town. Troops left. The town emptied.")
    assert feats["W:troops"] == 2 and feats["W:emptied"] == 1  # whole story: unigrams only
    assert "W:troops shelled" not in feats
    assert feats["A:troops shelled"] == 1 and "A:left" not in feats  # lead sentence
    assert feats["B:troops"] == 2 and feats["B:left"] == 1 and "B:emptied" not in feats  # first two
    assert "B:town troops" not in feats  # no bigram across sentences


def test_events_doctype_tokens_mask_names_inside_a_sentence():
    assert dt.tokens("Police in Ruritania detained Mr Smith’s aides") == [
        "police", "in", dt.NAME, "detained", dt.NAME, dt.NAME, "aides"]
    # the same story about another country gives the same features
    one = dt.features("Ruritania expelled the envoy of Freedonia. Officials in Ruritania said so.")
    two = dt.features("Ruritania expelled the envoy of Elbonia. Officials in Elbonia said so.")
    assert one == two


def test_events_doctype_vectorise_is_normalised_per_block_and_skips_unknown_words():
    vocab = {"W:strike": 0, "W:pay": 1, "A:strike": 2}
    blocks = np.array([dt.block_of(w) for w in vocab])
    assert blocks.tolist() == [0, 0, 1]
    cols, vals = dt.vectorise(dt.features("Strike strike pay unknown. Then more."), vocab,
                              np.ones(3, dtype=np.float32), blocks)
    assert sorted(cols.tolist()) == [0, 1, 2]
    by_col = dict(zip(cols.tolist(), vals.tolist()))
    assert abs(by_col[0] ** 2 + by_col[1] ** 2 - 1.0) < 1e-5 and abs(by_col[2] - 1.0) < 1e-6
    assert by_col[0] > by_col[1]
    cols, vals = dt.vectorise(dt.features("strike pay"), {"W:pay": 0}, np.ones(1, dtype=np.float32))
    assert cols.tolist() == [0] and abs(float(vals[0]) - 1.0) < 1e-6  # no blocks: one norm


def test_events_doctype_trainer_learns_a_toy_task(tmp_path):
    """The numpy trainer (bench/events_doctype_train.py) on stories written here."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "bench" / "events_doctype_train.py"
    spec = importlib.util.spec_from_file_location("events_doctype_train", path)
    tr = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tr)
    texts = ["Troops shelled the border town. Many died in the attack."] * 3 + \
            ["Workers went on strike over pay. Many marched in the capital."] * 3 + \
            ["The two ministers met for talks. They discussed trade."] * 2  # a smaller class
    y = np.array([0, 0, 0, 1, 1, 1, 2, 2])
    counts = [dt.features(t) for t in texts]
    words, vocab, idf, blocks = tr.build(counts, min_df=2)
    assert words == sorted(words) and all(dt.block_of(w) in (0, 1, 2) for w in words)
    x = tr.matrix(counts, vocab, idf, blocks)
    dense = np.zeros((x.n, x.dim), dtype=np.float32)
    for i, c in enumerate(counts):
        cols, vals = dt.vectorise(c, vocab, idf, blocks)
        dense[i, cols] = vals
    w = np.arange(x.dim * 3, dtype=np.float32).reshape(x.dim, 3) / x.dim
    assert np.allclose(x.times(w), dense @ w, atol=1e-4)  # the sparse products are right
    g = np.arange(x.n * 3, dtype=np.float32).reshape(x.n, 3)
    assert np.allclose(x.times_t(g), dense.T @ g, atol=1e-3)
    weights, bias = tr.train(x, y, 3, l2=1e-4, epochs=60)
    assert ((x.times(weights) + bias).argmax(axis=1) == y).all()
    folds = tr.folds(np.array([0] * 5 + [1] * 5))
    assert len(folds) == 5 and all(len(f) == 2 for f in folds)  # stratified: one of each per fold
    labels = np.array([0] * 5 + [1] * 5)
    assert all(sorted(labels[f].tolist()) == [0, 1] for f in folds)


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

    monkeypatch.setattr(ev, "read_story", lambda text: ({"COOPERATE": 0.8, "AID": 0.2}, 1.0))
    events = _extract(pipeline, LEAD_STORY)
    first = events[0]
    assert first.type == "COOPERATE" and first.rule.startswith("events.doctype.v1")
    assert first.evidence.text.startswith("Japan pledged") and first.evidence.text.endswith("Tuesday.")
    assert "JPN" in {a.code for a in first.source} and first.confidence == 0.8
    assert first.cameo == "060"
    assert sum(e.rule.startswith("events.doctype") for e in events) == 1


def test_events_doctype_no_document_event_when_unsure_or_already_found(pipeline, monkeypatch):
    from dateline.extract import events as ev

    monkeypatch.setattr(ev, "read_story", lambda text: ({"COOPERATE": ev.DOC_CONFIDENCE - 0.01, "AID": 0.0}, 1.0))
    assert not any(e.rule.startswith("events.doctype") for e in _extract(pipeline, LEAD_STORY))
    found = _extract(pipeline, LEAD_STORY)
    assert found, "the patterns should find the pledge"
    monkeypatch.setattr(ev, "read_story", lambda text: ({found[-1].type: 0.95}, 1.0))
    again = _extract(pipeline, LEAD_STORY)
    assert again[0].type == found[-1].type and not any(e.rule.startswith("events.doctype") for e in again)


def test_events_doctype_single_sentence_is_left_to_the_patterns(pipeline):
    events = _extract(pipeline, "Japan pledged new funds for flood victims in Pakistan on Tuesday.")
    assert not any(e.rule.startswith("events.doctype") for e in events)


def test_events_doctype_document_event_takes_its_actor_from_the_next_sentences(pipeline, monkeypatch):
    from dateline.extract import events as ev

    story = ("The talks collapsed late on Monday after hours of argument over the route. "
             "Officials from Norway said the delegation would fly home on Tuesday. "
             "The ministry said nothing more about the failure.")
    monkeypatch.setattr(ev, "read_story", lambda text: ({"SANCTION": 0.9, "REJECT": 0.1}, 1.0))
    first = _extract(pipeline, story)[0]
    assert first.type == "SANCTION" and first.rule.startswith("events.doctype.v1")
    assert first.evidence.text.startswith("The talks collapsed")  # the evidence stays the lead
    assert [a.code for a in first.source] == ["NOR"]
    # a story that names no actor anywhere in its lead sentences gets no document event
    bare = ("The talks collapsed late on Monday after hours of argument over the route. "
            "The delegation would fly home on Tuesday, a spokesman said. The ministry said nothing more.")
    assert not any(e.rule.startswith("events.doctype") for e in _extract(pipeline, bare))


def test_events_doctype_pattern_events_weigh_in_and_the_lead_counts_more():
    from dateline.extract.events import FOUND_BONUS, LEAD_BONUS, story_scores

    scores = {"PROTEST": 0.5, "COERCE": 0.3, "ASSAULT": 0.2}
    events = [_event("COERCE", 0.9, 5), _event("ASSAULT", 0.9, 50), _event("ASSAULT", 0.6, 60)]
    out = story_scores(scores, events, lead_end=20)
    assert abs(sum(out.values()) - 1.0) < 1e-9
    # COERCE is in the lead: 0.3 * e^(found + lead) beats PROTEST's 0.5 with no event
    assert max(out, key=out.get) == "COERCE"
    assert abs(out["COERCE"] / out["PROTEST"] - 0.6 * math.exp(FOUND_BONUS + LEAD_BONUS)) < 1e-9
    assert abs(out["ASSAULT"] / out["PROTEST"] - 0.4 * math.exp(FOUND_BONUS)) < 1e-9  # counted once
    assert story_scores(scores, [], lead_end=20) == scores


def test_events_doctype_no_document_event_for_a_story_unlike_its_training(pipeline, monkeypatch):
    from dateline.extract import events as ev

    monkeypatch.setattr(ev, "read_story", lambda text: ({"COOPERATE": 0.9, "AID": 0.1}, ev.DOC_KNOWN - 0.05))
    assert not any(e.rule.startswith("events.doctype") for e in _extract(pipeline, LEAD_STORY))


def test_events_doctype_read_story_reports_the_share_of_known_words(monkeypatch):
    scores, known = dt.read_story(STRIKE_STORY)
    assert scores == dt.type_scores(STRIKE_STORY) and 0.9 < known <= 1.0
    made_up = STRIKE_STORY.replace("workers", "zorblax").replace("strike", "quenthorp")
    assert dt.read_story(made_up)[1] < known
    assert dt.read_story("Workers went on strike.") == ({}, 0.0)
