import json

from click.testing import CliRunner

from dateline.cli import main


def test_cli_help_lists_every_command():
    out = CliRunner().invoke(main, ["--help"]).output
    for name in ("run", "show", "extract", "search", "stats", "eval"):
        assert name in out


def test_cli_every_command_has_help():
    for name, cmd in main.commands.items():
        assert cmd.help, f"{name} has no help text"
        result = CliRunner().invoke(main, [name, "--help"])
        assert result.exit_code == 0, name


def test_cli_extract_batch_contract(tmp_path, story_text):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "s1", "text": story_text, "published": "2023-03-14"}) + "\n"
                   + "{not json\n" + json.dumps({"id": "s3"}) + "\n")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(main, ["extract", str(src), "-o", str(out)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(x) for x in out.read_text().splitlines()]
    assert len(lines) == 3
    first = lines[0]
    assert first["id"] == "s1" and first["dateline"] == "OSLO" and first["published"] == "2023-03-14"
    assert "Subscribe" not in first["body"] and "Advertisement" not in first["body"]
    assert first["title"] == "Harbour talks end with a deal on ferry data"
    for e in first["entities"]:
        for m in e["mentions"]:  # offsets point into the input text
            assert story_text[m["start"]:m["end"]] == m["text"]
    assert lines[1]["rejected"] == "bad_json" and lines[2] == {"id": "s3", "rejected": "missing_text",
                                                               "detail": lines[2]["detail"]}


def test_cli_run_show_search_stats(tmp_path, story_text):
    f = tmp_path / "story.txt"
    f.write_text(story_text)
    db = str(tmp_path / "c.duckdb")
    runner = CliRunner()
    r = runner.invoke(main, ["run", str(f), "--db", db, "--quiet", "--published", "2023-03-14"])
    assert r.exit_code == 0 and "stored: 1" in r.output, r.output
    r = runner.invoke(main, ["show", str(f), "--db", db])
    assert r.exit_code == 0 and "Jon Berg" in r.output and "dateline: OSLO" in r.output
    r = runner.invoke(main, ["search", "ferry", "--db", db])
    assert "Harbour talks" in r.output
    r = runner.invoke(main, ["stats", "--db", db, "--json"])
    assert json.loads(r.output)["counts"]["articles"] == 1


def test_cli_usage_errors_are_one_line(tmp_path):
    r = CliRunner().invoke(main, ["run", str(tmp_path / "missing.txt"), "--db", str(tmp_path / "x.duckdb")])
    assert r.exit_code == 1 and r.output.strip().startswith("dateline: error:") and len(r.output.strip().splitlines()) == 1
    r = CliRunner().invoke(main, ["show", "nope", "--db", str(tmp_path / "none.duckdb")])
    assert r.exit_code == 1 and "error" in r.output
    r = CliRunner().invoke(main, ["run", "x.txt", "--published", "yesterday"])
    assert r.exit_code == 2


def test_cli_unknown_model_is_clear(tmp_path, story_text):
    f = tmp_path / "in.jsonl"
    f.write_text(json.dumps({"id": "a", "text": story_text}) + "\n")
    r = CliRunner().invoke(main, ["extract", str(f), "--model", "no_such_model_pkg"])
    assert r.exit_code == 1 and "not installed" in r.output


def test_cli_extract_story_spans_batches(tmp_path, story_text, monkeypatch):
    """Copies of one story in different batches get the same `story`; other stories do not."""
    monkeypatch.setenv("DATELINE_BATCH_SIZE", "1")
    copy = "Subscribe now for unlimited access.\n\n" + story_text.replace("Harbour talks end", "Ferry deal signed")
    other = "Floods close roads\n\nHeavy rain flooded roads across the valley on Sunday, officials said.\n"
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in
                           (("a", story_text), ("b", other), ("c", copy))))
    out = tmp_path / "out.jsonl"
    assert CliRunner().invoke(main, ["extract", str(src), "-o", str(out)]).exit_code == 0
    stories = {x["id"]: x["story"] for x in map(json.loads, out.read_text().splitlines())}
    assert stories["a"] == stories["c"] != stories["b"]
