import json

import duckdb
import pytest

from _scale_fixtures import dump, write_corpus
from dateline.config import Settings
from dateline.errors import MissingDependency
from dateline.run.local import run_local
from dateline.run.load import load_shards

pytest.importorskip("distributed")


def test_scale_dask_local_cluster_shards_then_load_equal_local_run(tmp_path):
    from dateline.run.dask import run_dask, shards_of

    inputs = tmp_path / "in"
    write_corpus(inputs, n=6, copies=0, name="a.jsonl")
    # A second shard repeats stories of the first (syndicated copies across shards).
    b = inputs / "b.jsonl"
    lines = (inputs / "a.jsonl").read_text().splitlines()
    b.write_text("\n".join(line.replace('"id": "s', '"id": "b') for line in lines[:2]) + "\n")
    out = tmp_path / "shards"
    settings = Settings(db=str(tmp_path / "unused.duckdb"), batch_size=2, workers=2)
    result = run_dask([str(inputs)], settings, str(out))
    assert result.shards == 2 and result.skipped == 0 and result.counts["inputs"] == 8
    shards = shards_of([str(inputs)])
    for shard in shards:
        marker = json.loads((out / "_done" / f"{shard.name}.json").read_text())
        assert marker["shard"] == shard.name
    # The shards are plain Parquet: DuckDB reads them directly.
    n = duckdb.sql(f"SELECT count(*) FROM read_parquet('{out}/articles/*.parquet')").fetchone()[0]
    assert n == 6 + 2  # each shard stores its own copy; load merges them

    again = run_dask([str(inputs)], settings, str(out))  # finished shards are skipped
    assert again.skipped == 2 and again.counts["inputs"] == 0

    db = str(tmp_path / "merged.duckdb")
    loaded = load_shards(str(out), Settings(db=db, batch_size=2))
    assert loaded.loaded == 2 and loaded.stored == 6 and loaded.duplicates == 2
    assert load_shards(str(out), Settings(db=db)).loaded == 0  # loading again adds nothing

    local_db = str(tmp_path / "local.duckdb")
    run_local([str(inputs)], Settings(db=local_db, batch_size=2))
    assert dump(db, skip_markers=True) == dump(local_db)


def test_scale_dask_missing_extra_names_the_pip_extra(monkeypatch):
    import builtins

    from dateline.run import dask as dask_runner

    real_import = builtins.__import__

    def fake_import(name, *args, **kwargs):
        if name in ("dask", "distributed"):
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake_import)
    with pytest.raises(MissingDependency, match=r"pip install dateline\[dask\]"):
        dask_runner.require_dask()
