"""Quotes in the store, `dateline quotes`, and the quotes scorer. Texts written for these tests."""

from __future__ import annotations

import json
from datetime import date

from click.testing import CliRunner

from dateline.cli.quotes import command, list_quotes
from dateline.config import Settings
from dateline.evaluate.quotes import format_report, normalise, score
from dateline.run.local import run_local
from dateline.store.db import Store

STORY_A = ('Bridge toll scrapped\n\nCity treasurer Ana Costa said on Monday that the bridge toll would end in '
           'April.\n\n"Drivers have paid enough," Costa told the council.\n')
STORY_B = 'Library hours extended\n\nThe head librarian, Tom Reyes, said the library would open on Sundays.\n'


def test_quotes_cli_lists_and_filters_by_speaker_and_date(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.jsonl").write_text(
        json.dumps({"id": "a", "text": STORY_A, "published": "2024-03-01"}) + "\n"
        + json.dumps({"id": "b", "text": STORY_B, "published": "2023-01-05"}) + "\n")
    db = str(tmp_path / "q.duckdb")
    run_local([str(folder / "a.jsonl")], Settings(db=db))
    with Store(db, read_only=True) as store:
        everything = list_quotes(store)
        costa = list_quotes(store, speaker="costa")
        recent = list_quotes(store, since=date(2024, 1, 1))
    assert {r["doc_id"] for r in everything} == {"a", "b"}
    assert costa and all(r["doc_id"] == "a" for r in costa)
    assert any("paid enough" in r["content"] for r in costa)
    assert recent and all(r["doc_id"] == "a" for r in recent)
    out = CliRunner().invoke(command, ["--speaker", "Reyes", "--db", db])
    assert out.exit_code == 0 and "open on Sundays" in out.output and "toll" not in out.output
    out = CliRunner().invoke(command, ["--speaker", "nobody", "--db", db])
    assert out.exit_code == 0 and "no quotes" in out.output


def test_quotes_score_exact_overlap_and_attribution():
    text = "Mayor Ruiz said the plan works. Critics disagree."
    span = lambda s, e: {"start": s, "end": e}  # noqa: E731
    gold = [{"id": "d", "text": text, "attributions": [
        {"source": [span(0, 10)], "cue": [span(11, 15)], "content": [span(16, 30)]}]}]
    exact = {"d": [{"speaker": span(0, 10), "cue": span(11, 15), "content": [span(16, 30)]}]}
    r = score(gold, exact)
    assert r["content"]["exact"]["f1"] == 1.0 and r["attribution"]["f1"] == 1.0
    # content half covered, speaker only the surname: overlap matches, exact does not
    loose = {"d": [{"speaker": span(6, 10), "cue": span(11, 15), "content": [span(16, 24)]}]}
    r = score(gold, loose)
    assert r["content"]["exact"]["f1"] == 0.0 and r["content"]["overlap"]["f1"] == 1.0
    assert r["source"]["overlap"]["f1"] == 0.0 and r["attribution"]["f1"] == 0.0
    assert "attribution" in format_report({**r, "documents": 1})


def test_quotes_score_merges_whitespace_separated_fragments():
    text = "one two  three"
    assert normalise([{"start": 0, "end": 7}, {"start": 9, "end": 14}], text) == ((0, 14),)
    assert normalise(None, text) == ()


def test_quotes_eval_command_on_own_gold(tmp_path):
    from dateline.cli.eval import command as eval_command

    text = "The harbour master said the pier would reopen in June.\n"
    start = text.index("the pier")
    gold = {"id": "g1", "text": text, "attributions": [{
        "source": [{"start": 0, "end": 17}], "cue": [{"start": 18, "end": 22}],
        "content": [{"start": start, "end": text.index(".")}]}]}
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(gold) + "\n")
    out = CliRunner().invoke(eval_command, ["quotes", str(path), "--json"])
    assert out.exit_code == 0, out.output
    result = json.loads(out.output)
    assert result["content"]["exact"]["f1"] == 1.0 and result["attribution"]["f1"] == 1.0
    assert result["stage_share_of_nlp"] is not None
