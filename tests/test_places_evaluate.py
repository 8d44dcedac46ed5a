"""`dateline eval places`: scoring on gold and predictions written for these tests."""

from __future__ import annotations

import json

import pytest

from dateline.evaluate import places as ev

GOLD = [
    {"id": "g1", "text": "x" * 60, "toponyms": [
        {"start": 0, "end": 5, "text": "xxxxx", "lat": 10.0, "lon": 10.0, "type": None},
        {"start": 10, "end": 15, "text": "xxxxx", "lat": 20.0, "lon": 20.0, "type": None},
        {"start": 20, "end": 25, "text": "xxxxx", "lat": None, "lon": None, "type": "Demonym"},
    ]},
    {"id": "g2", "text": "y" * 30, "toponyms": []},
]


def test_places_evaluate_overlap_recognition_and_distance():
    pred = {"g1": [{"start": 1, "end": 4, "lat": 10.5, "lon": 10.0},     # overlaps, ~56 km off
                   {"start": 10, "end": 15, "lat": 30.0, "lon": 20.0},   # exact span, ~1,100 km off
                   {"start": 40, "end": 45, "lat": 0.0, "lon": 0.0}],    # nothing there
            "g2": []}
    r = ev.score(GOLD, pred)
    assert r["recognition"]["tp"] == 2 and r["recognition"]["fp"] == 1 and r["recognition"]["fn"] == 1
    assert r["geocoding"]["pairs"] == 2
    assert r["geocoding"]["accuracy_161km"] == pytest.approx(0.5)
    assert 500 < r["geocoding"]["median_error_km"] < 700


def test_places_evaluate_missing_coordinates_count_as_maximum_error():
    r = ev.score(GOLD, {"g1": [{"start": 0, "end": 5, "lat": None, "lon": None}]})
    assert r["geocoding"]["pairs_without_coordinates"] == 1
    assert r["geocoding"]["mean_error_km"] == ev.MAX_ERROR_KM


def test_places_evaluate_matching_is_one_to_one():
    gold = [{"start": 0, "end": 5}, {"start": 7, "end": 12}]
    # one long prediction over both gold spans pairs with one of them only
    assert len(ev.match(gold, [{"start": 0, "end": 12}])) == 1
    # two predictions inside one gold: only one pairs
    assert len(ev.match([{"start": 0, "end": 10}], [{"start": 0, "end": 3}, {"start": 5, "end": 8}])) == 1
    # an augmenting path: the second prediction can only take gold 0, so the first moves to gold 1
    pairs = ev.match(gold, [{"start": 3, "end": 9}, {"start": 0, "end": 2}])
    assert pairs == {0: 1, 1: 0}


def test_places_evaluate_ignored_types_count_neither_way():
    pred = {"g1": [{"start": 20, "end": 25, "lat": None, "lon": None}]}
    r = ev.score(GOLD, pred, ignore_types=("Demonym",))
    assert r["recognition"]["fp"] == 0 and r["counts"]["gold_toponyms"] == 2


def test_places_evaluate_end_to_end_report(tmp_path):
    text = "Officials in Norway and Kenya met on Monday."
    gold = {"id": "d1", "text": text, "toponyms": [
        {"start": text.index("Norway"), "end": text.index("Norway") + 6, "text": "Norway", "lat": 62.0, "lon": 10.0},
        {"start": text.index("Kenya"), "end": text.index("Kenya") + 5, "text": "Kenya", "lat": 1.0, "lon": 38.0}]}
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(gold) + "\n")
    r = ev.evaluate(path)
    assert r["recognition"]["f1"] == 1.0
    assert r["geocoding"]["accuracy_161km"] == 1.0
    report = ev.format_report(r)
    assert "F1 1.000" in report and "accuracy@161km 1.000" in report
