"""Crash safety and concurrency of `dateline run` (real subprocesses of the venv's `dateline`).

Crash: `dateline run` is killed with SIGKILL at seeded random moments, the database is
opened after every kill (it must always be readable), the run is started again, and the
final store is compared with one uninterrupted run: same rows, same content (timestamps
aside). Kills are chained: a resumed run is killed again, which is the harder case.

Concurrency: a second `dateline run` on a database another process is writing gets a
clear message and exit code 1, within seconds, and the first run's store is intact.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

DATELINE = str(Path(sys.executable).with_name("dateline"))
SRC = str(Path(__file__).resolve().parents[1] / "src")
TIMESTAMPS = {"stored_at", "rejected_at", "created_at", "updated_at", "ingested_at"}

CITIES = ["Oslo", "Bergen", "Lagos", "Kyiv", "Ankara", "Lima", "Hanoi", "Accra", "Quito", "Tunis", "Riga", "Perth"]
PEOPLE = ["Jon Berg", "Ada Okafor", "Olena Shevchenko", "Mehmet Demir", "Rosa Quispe", "Nguyen Lan", "Kofi Mensah"]
VERBS = ["met", "criticised", "praised", "visited", "thanked", "warned"]


def _story(i: int) -> str:
    rng = random.Random(i)
    city, other = rng.sample(CITIES, 2)
    who, whom = rng.sample(PEOPLE, 2)
    lines = [f"{who} {rng.choice(VERBS)} {whom} in {city} (story {i})", "",
             f"{city.upper()} (Reuters) — {who} {rng.choice(VERBS)} {whom} in {city} on Monday, officials said, "
             f"in talks about trade with {other}."]
    for k in range(rng.randint(2, 5)):
        lines += ["", f"\"We will keep working with {other},\" {who} told reporters, adding that the "
                      f"{rng.choice(['port', 'rail', 'grain', 'energy'])} plan number {i * 10 + k} would follow "
                      f"within {rng.randint(2, 9)} weeks."]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("crash_corpus")
    for i in range(36):
        (d / f"story_{i:03d}.txt").write_text(_story(i))
    (d / "empty.txt").write_text("")
    (d / "binary.txt").write_bytes(bytes(range(256)) * 20)
    lines = [json.dumps({"id": f"j{i}", "text": _story(100 + i), "published": "2024-03-0%d" % (1 + i % 9)})
             for i in range(12)]
    lines.insert(5, "not json")
    lines.append(json.dumps({"id": "copy", "text": _story(3)}))  # a duplicate of story_003
    (d / "wire.jsonl").write_text("\n".join(lines) + "\n")
    return d


def _env(src: str = SRC) -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = src + os.pathsep + env.get("PYTHONPATH", "")
    for k in [k for k in env if k.startswith("DATELINE_")]:
        del env[k]
    return env


def _start(corpus: Path, db: Path, cwd: Path, src: str = SRC) -> subprocess.Popen:
    return subprocess.Popen([DATELINE, "run", str(corpus), "--db", str(db), "--batch-size", "4", "--quiet"],
                            cwd=cwd, env=_env(src), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True)


def _run(corpus: Path, db: Path, cwd: Path, src: str = SRC) -> subprocess.CompletedProcess:
    p = _start(corpus, db, cwd, src)
    out, err = p.communicate(timeout=300)
    assert p.returncode == 0, err.decode()
    return subprocess.CompletedProcess(p.args, p.returncode, out.decode(), err.decode())


def snapshot(db: Path) -> dict[str, list[tuple]]:
    """Every table's rows, timestamps left out, sorted: what two stores must share."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = [r[0] for r in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' AND NOT internal").fetchall()]
        out = {}
        for t in sorted(tables):
            if t == "meta":
                continue
            cols = [r[0] for r in con.execute(f"DESCRIBE \"{t}\"").fetchall() if r[0] not in TIMESTAMPS]
            quoted = ", ".join(f'"{c}"' for c in cols)
            rows = con.execute(f'SELECT {quoted} FROM "{t}"').fetchall()
            out[t] = sorted(rows, key=repr)
        return out
    finally:
        con.close()


def _readable(db: Path) -> int:
    """Open the store after a kill; it must open and answer. Returns the article count."""
    if not db.exists():
        return 0
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        return con.execute("SELECT count(*) FROM articles").fetchone()[0] if "articles" in tables else 0
    finally:
        con.close()


@pytest.fixture(scope="module")
def frozen_src(tmp_path_factory) -> str:
    """A copy of the package for the subprocesses, so every run in this module runs the same code
    even while the working tree is being edited."""
    d = tmp_path_factory.mktemp("src")
    shutil.copytree(SRC, d / "src", ignore=shutil.ignore_patterns("__pycache__"))
    return str(d / "src")


@pytest.fixture(scope="module")
def reference(corpus, frozen_src, tmp_path_factory) -> dict:
    """One uninterrupted run. While it writes, a second writer and a reader try the same store."""
    d = tmp_path_factory.mktemp("crash_ref")
    db = d / "ref.duckdb"
    started = time.monotonic()
    first = _start(corpus, db, d, frozen_src)
    try:
        deadline = time.monotonic() + 120
        while not db.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        racing = first.poll() is None
        t0 = time.monotonic()
        second = subprocess.run([DATELINE, "run", str(corpus), "--db", str(db), "--quiet"], cwd=d,
                                env=_env(frozen_src), capture_output=True, text=True, timeout=120)
        waited = time.monotonic() - t0
        reader = subprocess.run([DATELINE, "stats", "--db", str(db)], cwd=d, env=_env(frozen_src),
                                capture_output=True, text=True, timeout=120)
        racing = racing and first.poll() is None
    finally:
        out, err = first.communicate(timeout=300)
    assert first.returncode == 0, err.decode()
    return {"snapshot": snapshot(db), "seconds": time.monotonic() - started, "racing": racing,
            "second": second, "second_seconds": waited, "reader": reader, "src": frozen_src}


def test_reliability_reference_run_stores_and_rejects(reference):
    snap = reference["snapshot"]
    assert len(snap["articles"]) == 36 + 12  # the copy is a duplicate, not a second article
    assert len(snap["rejected"]) == 3


KILLS = 4
SEED = 20261127


def wait_for_writes(p: subprocess.Popen, db: Path, batch_bytes: int = 16_000, timeout: float = 120) -> None:
    """Until this run has committed a batch, or has ended. Opening the store changes the write-ahead
    log by a few KB (a killed run's log may still be there); a committed batch adds ~25 KB."""
    wal = Path(str(db) + ".wal")

    def size() -> int:
        return wal.stat().st_size if wal.exists() else 0

    start, base = size(), None
    deadline = time.monotonic() + timeout
    while p.poll() is None and time.monotonic() < deadline:
        now = size()
        if base is None and now != start:
            base = now  # the run has opened the store
        elif base is not None and now >= base + batch_bytes:
            return
        elif base is not None and now < base:
            base = now  # the log was checkpointed into the database file
        time.sleep(0.005)


def kill_at_random(p: subprocess.Popen, db: Path, rng: random.Random, early: bool) -> bool:
    """SIGKILL `p` either early (while it loads) or at a random moment once it writes; True if killed."""
    if early:
        time.sleep(rng.uniform(0.2, 1.0))
    else:
        wait_for_writes(p, db)
        time.sleep(rng.uniform(0.0, 0.8))
    if p.poll() is not None:
        return False
    os.killpg(p.pid, signal.SIGKILL)
    return True


def test_reliability_sigkill_then_resume_matches_uninterrupted(corpus, reference, tmp_path):
    """KILLS chained SIGKILLs at seeded random moments, each on the run that resumes the last."""
    rng = random.Random(SEED)
    db = tmp_path / "crash.duckdb"
    counts = []
    killed = 0
    for k in range(KILLS):
        p = _start(corpus, db, tmp_path, reference["src"])
        killed += kill_at_random(p, db, rng, early=k == 0)
        p.communicate(timeout=60)
        counts.append(_readable(db))
    _run(corpus, db, tmp_path, reference["src"])
    print(f"\ncrash: {killed} SIGKILLs, articles after each: {counts}")
    assert killed >= KILLS - 1 or counts[-2] == len(reference["snapshot"]["articles"]), \
        f"the runs ended before they could be killed: {counts}"
    assert counts == sorted(counts), f"a kill lost rows committed before it: {counts}"
    assert snapshot(db) == reference["snapshot"]


def test_reliability_second_writer_gets_clear_message(reference):
    if not reference["racing"]:
        pytest.skip("the first run ended before the second writer started; nothing raced")
    second = reference["second"]
    assert second.returncode == 1
    assert "in use by another Dateline process" in second.stderr and "Traceback" not in second.stderr
    assert reference["second_seconds"] < 30


def test_reliability_reader_while_writing_gets_clear_message(reference):
    """`dateline stats` on a store being written: an answer or a clear message, no hang or traceback."""
    reader = reference["reader"]
    assert reader.returncode in (0, 1) and "Traceback" not in reader.stderr
    if reader.returncode == 1:
        assert "in use by another Dateline process" in reader.stderr
