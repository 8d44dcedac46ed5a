import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from _scale_fixtures import dump, write_corpus
from dateline.config import Settings
from dateline.run.local import run_local
from dateline.store.db import Store

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("scale") / "in", n=12, copies=3)


@pytest.fixture(scope="module")
def baseline(corpus, tmp_path_factory) -> dict:
    db = str(tmp_path_factory.mktemp("base") / "base.duckdb")
    run_local([str(corpus)], Settings(db=db, batch_size=3))
    return dump(db)


def test_scale_run_syndicated_copies_share_story_and_events(baseline, corpus, tmp_path):
    db = str(tmp_path / "s.duckdb")
    summary = run_local([str(corpus)], Settings(db=db, batch_size=3))
    assert summary.stored == 15 and summary.rejected == {}
    with Store(db, read_only=True) as store:
        con = store.con
        assert con.execute("SELECT count(DISTINCT story) FROM articles").fetchone()[0] == 12
        copies = con.execute("SELECT doc_id, story FROM articles WHERE doc_id LIKE 'copy%' OR doc_id IN "
                             "('s0', 's1', 's2') ORDER BY doc_id").fetchall()
        by_doc = dict(copies)
        assert by_doc["copy0"] == by_doc["s0"] and by_doc["copy1"] == by_doc["s1"]
        # Events: once per story, one mention per article that reports them.
        dup = con.execute("SELECT count(*) FROM (SELECT story, type, source_code, target_code, date, negated "
                          "FROM events GROUP BY ALL HAVING count(*) > 1)").fetchone()[0]
        assert dup == 0
        total = con.execute("SELECT count(*), sum(num_mentions) FROM events").fetchone()
        assert total[1] == con.execute("SELECT count(*) FROM event_mentions").fetchone()[0]
        if total[0]:
            multi = con.execute("SELECT max(num_articles) FROM events").fetchone()[0]
            assert multi >= 2  # a copy re-reports its story's events
    assert dump(db) == baseline


def test_scale_run_workers_2_equals_workers_1(baseline, corpus, tmp_path):
    db = str(tmp_path / "w2.duckdb")
    summary = run_local([str(corpus)], Settings(db=db, batch_size=3, workers=2))
    assert summary.stored == 15
    assert dump(db) == baseline


def test_scale_run_rerun_skips_processed_inputs_before_nlp(baseline, corpus, tmp_path, monkeypatch):
    db = str(tmp_path / "r.duckdb")
    run_local([str(corpus)], Settings(db=db, batch_size=3))
    from dateline.run import local

    def no_nlp(items):
        raise AssertionError("a processed input went back to the pipeline")

    monkeypatch.setattr(local, "process_batch", no_nlp)
    again = run_local([str(corpus)], Settings(db=db, batch_size=3))
    assert again.resumed == 15 and again.stored == 0 and again.duplicates == 15
    assert dump(db) == baseline


def _run_cli(corpus: Path, db: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    return subprocess.Popen([sys.executable, "-c", "from dateline.cli import main; main()", "run", str(corpus),
                             "--db", db, "--batch-size", "2", "--quiet"], env=env, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


@pytest.mark.parametrize("commits_before_kill", [1, 3])
def test_scale_run_resume_after_sigkill_equals_uninterrupted(baseline, corpus, tmp_path, commits_before_kill):
    db = str(tmp_path / "k.duckdb")
    wal = Path(db + ".wal")
    Store(db).close()  # the schema, checkpointed: from here on the WAL grows once per commit
    assert not wal.exists() or wal.stat().st_size == 0
    proc = _run_cli(corpus, db)
    # The run's first commit records the schema version, then one per batch: kill -9 once
    # `commits_before_kill` batches have landed (sampling may see fewer; never more).
    deadline = time.time() + 240
    sizes: set[int] = set()
    while time.time() < deadline and proc.poll() is None:
        if wal.exists():
            sizes.add(wal.stat().st_size)
            if len(sizes - {0}) > commits_before_kill:
                break
        time.sleep(0.02)
    assert proc.poll() is None, "the run finished before it could be killed: " + proc.stderr.read().decode()[-500:]
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    proc.stderr.close()
    with Store(db, read_only=True) as store:
        partial = store.con.execute("SELECT count(*) FROM ingested").fetchone()[0]
    assert 0 < partial < 15
    summary = run_local([str(corpus)], Settings(db=db, batch_size=2))
    assert summary.resumed == partial
    assert dump(db) == baseline


def test_scale_run_model_reload_changes_nothing(baseline, corpus, tmp_path, monkeypatch):
    # The worker drops its spaCy model (whose vocabulary only grows) every few documents
    # and loads a fresh one: the store must end the same.
    from dateline.run import local

    reloads = []
    real = local._reload_model
    monkeypatch.setattr(local, "_reload_model", lambda: (reloads.append(1), real()))
    db = str(tmp_path / "reload.duckdb")
    summary = run_local([str(corpus)], Settings(db=db, batch_size=3, nlp_reload_docs=6))
    assert summary.stored == 15 and len(reloads) >= 2
    assert dump(db) == baseline


def test_scale_run_in_process_worker_is_kept_across_stores_not_across_settings(corpus, tmp_path):
    from dateline.run import local

    run_local([str(corpus)], Settings(db=str(tmp_path / "a.duckdb")))
    first = local._PIPELINE
    run_local([str(corpus)], Settings(db=str(tmp_path / "b.duckdb")))
    assert local._PIPELINE is first  # only the store differs: the loaded worker serves it
    run_local([str(corpus)], Settings(db=str(tmp_path / "c.duckdb"), max_text_chars=50_000))
    assert local._PIPELINE is not first  # a setting the stages read: a new worker
