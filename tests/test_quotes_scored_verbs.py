"""Cue verbs outside the lexicons, gated by the learned score (quote_verbs_scored.py), on
sentences written for these tests."""

from __future__ import annotations

import json
import re
from unittest import mock

from test_quotes_rules import one, quotes_of

from dateline.extract import quote_verbs_scored as qvs
from dateline.extract.quote_marks import find_quotes
from dateline.extract.quotes import find_attributions
from dateline.nlp import load_nlp


def _open(text: str):
    doc = load_nlp()(text)
    found = [c for c in find_attributions(doc, text=text) if not c.rule.startswith("scored-")]
    return doc, qvs.open_candidates(doc, text, find_quotes(text), found)


def test_scored_verb_object_is_reported_content():
    q = one("The harbour master answered questions about the ferry schedule.", "scored-answer-dobj")
    assert q.speaker.text == "The harbour master" and q.cue.text == "answered"
    assert [c.text for c in q.content] == ["questions about the ferry schedule"]


def test_scored_verbs_can_be_switched_off():
    text = "Councillor Berg cast the pier project as a waste of public money."
    assert any(q.rule.endswith(":scored-cast-dobj") for q in quotes_of(text))
    with mock.patch.dict("os.environ", {"DATELINE_QUOTE_SCORED": "0"}):
        assert not any("scored-" in q.rule for q in quotes_of(text))


def test_unlikely_verb_stays_out():
    text = "The ferry company attempted to block the new timetable."
    doc, cands = _open(text)
    model = qvs.load_model()
    assert cands and all(qvs.score(qvs.features(doc, text, c), model) < qvs.THRESHOLD for c in cands)
    assert not any("scored-" in q.rule for q in quotes_of(text))


def test_place_claimed_by_a_rule_is_not_offered():
    text = "Lund said the council ignored the warnings about the pier."
    _, cands = _open(text)
    assert cands == []  # `ignored` sits inside the content of `said`
    assert [q.rule.split(":")[1] for q in quotes_of(text)] == ["say-ccomp"]


def test_weights_are_feature_names_only():
    model = json.loads(qvs.WEIGHTS.read_text(encoding="utf-8"))
    assert set(model) == {"bias", "weights"}
    names = re.compile(r"^(?:[a-z_]+(?:=[^=\s]*)?|neg|perfect|quote|root|marks|pieces|s_after|advmod_before)$")
    assert all(names.match(k) for k in model["weights"])
