"""`dateline eval times`: our own TempEval-3 style scorer on hand-made gold."""

from __future__ import annotations

import json

from dateline.evaluate.times import evaluate, format_report, match_spans, score


def test_times_evaluate_strict_relaxed_and_value():
    gold = [{"id": "d", "timexes": [{"start": 0, "end": 6, "type": "DATE", "value": "2022-02-04"},
                                    {"start": 10, "end": 20, "type": "DURATION", "value": "P3D"},
                                    {"start": 30, "end": 35, "type": "DATE", "value": "2019"}]}]
    pred = {"d": [{"start": 0, "end": 6, "type": "DATE", "value": "2022-02-04"},  # exact, right value
                  {"start": 12, "end": 20, "type": "DURATION", "value": "P2D"},  # overlap, wrong value
                  {"start": 50, "end": 55, "type": "DATE", "value": "PRESENT_REF"}]}  # spurious
    r = score(gold, pred)
    assert r["strict"]["precision"] == r["strict"]["recall"] == 1 / 3
    assert r["relaxed"]["precision"] == r["relaxed"]["recall"] == 2 / 3
    assert r["value"]["accuracy"] == 0.5
    assert abs(r["value"]["f1"] - 0.5 * 2 / 3) < 1e-9
    assert r["type"]["accuracy"] == 1.0


def test_times_evaluate_matching_is_one_to_one():
    gold = [{"start": 0, "end": 5}, {"start": 6, "end": 10}]
    pred = [{"start": 0, "end": 10}, {"start": 0, "end": 5}]
    pairs = match_spans(gold, pred)
    assert sorted(pairs.items()) == [(0, 1), (1, 0)]


def test_times_evaluate_runs_the_stage(tmp_path):
    text = "The minister will arrive on Friday, officials said Thursday."
    start = text.index("Friday")
    row = {"id": "t1", "text": text, "dct": "2022-02-03",
           "timexes": [{"start": start, "end": start + 6, "text": "Friday", "type": "DATE", "value": "2022-02-04"}]}
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(row) + "\n")
    result = evaluate(path)
    assert result["relaxed"]["recall"] == 1.0
    assert result["value"]["accuracy"] == 1.0
    assert "value" in format_report(result)
