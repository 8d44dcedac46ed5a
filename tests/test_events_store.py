"""Events scoring, the events table, `dateline events` and `dateline export` (fixtures written here)."""

from __future__ import annotations

import csv
import json
from datetime import date

import pytest
from click.testing import CliRunner

from dateline.evaluate.events import format_report, score
from dateline.records import Document

GOLD = [
    {"id": "a", "text": "x", "events": [{"type": "ASSAULT", "source": [{"code": "AAA"}], "target": [{"code": "BBB"}]}]},
    {"id": "b", "text": "x", "events": [{"type": "CONSULT", "mode": "visit", "source": [{"code": "CCC"}],
                                         "target": [{"code": "IGO"}]}]},
    {"id": "c", "text": "x", "events": [{"type": "AGREE", "source": [{"code": "DDD"}, {"code": "EEE"}], "target": []}]},
]


def test_events_score_counts_types_triples_and_actors():
    preds = {
        "a": [{"type": "ASSAULT", "source": [{"code": "AAA"}], "target": [{"code": "ZZZ"}]}],
        "b": [{"type": "CONSULT", "mode": "visit", "source": [{"code": "CCC"}], "target": [{"code": "UNO"}]},
              {"type": "PROTEST", "source": [], "target": []}],
        "c": [{"type": "AGREE", "source": [{"code": "EEE"}], "target": []}],
    }
    result = score(GOLD, preds)
    assert result["type"]["tp"] == 3 and result["type"]["predicted"] == 4 and result["type"]["gold"] == 3
    # a: wrong target; b: UNO folds into IGO; c: overlapping sources, both targets empty
    assert result["triple"]["tp"] == 2 and result["triple"]["predicted"] == 4
    assert result["actors"]["source_accuracy"] == pytest.approx(2 / 3, abs=1e-3)
    assert result["actors"]["mode_accuracy"] == 1.0
    assert "triple" in format_report({**result, "gold": "g"})


def test_events_score_doc_level_uses_the_first_event():
    gold = [{"id": "d1", "text": "x", "doc_type": "PROTEST"}, {"id": "d2", "text": "x", "doc_type": "AID"}]
    preds = {"d1": [{"type": "PROTEST"}, {"type": "COERCE"}], "d2": [{"type": "COERCE"}, {"type": "AID"}]}
    doc = score(gold, preds)["doc"]
    assert doc["first_type_accuracy"] == 0.5 and doc["type_among_predicted"] == 1.0


@pytest.fixture(scope="module")
def event_db(tmp_path_factory, pipeline):
    from dateline.store.db import Store

    path = str(tmp_path_factory.mktemp("ev") / "ev.duckdb")
    texts = ["Russian troops shelled a Ukrainian border village on Monday.",
             "Iran threatened to cut diplomatic ties with Canada.",
             "Lisbon and Madrid signed a water-sharing treaty."]
    results = [pipeline.extract_one(Document(f"d{n}", t, published=date(2022, 2, 3))) for n, t in enumerate(texts)]
    with Store(path) as store:
        store.write_batch(results, [])
    return path


def test_events_query_filters_by_actor_type_and_date(event_db):
    from dateline.store.db import Store
    from dateline.store.export import EventFilter, query_events

    with Store(event_db, read_only=True) as store:
        assert {r["type"] for r in query_events(store)} >= {"ASSAULT", "THREATEN", "SUPPORT"}
        rus = query_events(store, EventFilter(source="RUS", target="ukr"))
        assert rus and all(r["type"] == "ASSAULT" for r in rus)
        assert {r["type"] for r in query_events(store, EventFilter(type="threaten"))} == {"THREATEN"}
        assert query_events(store, EventFilter(source="ESP"))  # second of two compound sources
        assert not query_events(store, EventFilter(since=date(2030, 1, 1)))


@pytest.mark.parametrize("fmt", ["parquet", "csv", "jsonl", "gdelt"])
def test_events_export_writes_every_format(event_db, tmp_path, fmt):
    from dateline.store.db import Store
    from dateline.store.export import EventFilter, export_events

    out = tmp_path / f"events.{fmt}"
    with Store(event_db, read_only=True) as store:
        n = export_events(store, out, fmt, EventFilter(source="RUS"))
    assert n >= 1 and out.stat().st_size > 0
    if fmt == "parquet":
        import pyarrow.parquet as pq

        table = pq.read_table(out).to_pylist()
        assert table[0]["type"] == "ASSAULT" and table[0]["quad_class"] == 4
    elif fmt == "jsonl":
        row = json.loads(out.read_text().splitlines()[0])
        assert row["source"][0]["code"] == "RUS"
    elif fmt == "gdelt":
        rows = list(csv.DictReader(out.open(), delimiter="\t"))
        assert rows[0]["Actor1CountryCode"] == "RUS" and rows[0]["Actor1Code"] == "RUSMIL"
        assert rows[0]["EventRootCode"] in ("18", "19") and rows[0]["QuadClass"] == "4"
        assert float(rows[0]["GoldsteinScale"]) < -5 and rows[0]["SQLDATE"].startswith("2022")


def test_events_cli_lists_and_exports(event_db, tmp_path):
    from dateline.cli import main

    runner = CliRunner()
    res = runner.invoke(main, ["events", "--db", event_db, "--type", "THREATEN"])
    assert res.exit_code == 0, res.output
    assert "THREATEN" in res.output and "IRN" in res.output and "ASSAULT" not in res.output
    out = tmp_path / "e.tsv"
    res = runner.invoke(main, ["export", "--format", "gdelt", "-o", str(out), "--db", event_db])
    assert res.exit_code == 0, res.output
    assert out.read_text().startswith("GLOBALEVENTID\t")


def test_events_export_rejects_unknown_format(event_db, tmp_path):
    from dateline.errors import UsageError
    from dateline.store.db import Store
    from dateline.store.export import export_events

    with Store(event_db, read_only=True) as store, pytest.raises(UsageError):
        export_events(store, tmp_path / "x", "xml")
