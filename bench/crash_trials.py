"""Crash trials: kill `dateline run` with SIGKILL at random moments, many times, and check
that the store always opens and that the resumed run ends with exactly the rows of an
uninterrupted run. The CI test (tests/test_reliability_crash.py) does a few of these;
this runs as many as you ask for and prints the figures for docs/reliability.md.

    .venv/bin/python bench/crash_trials.py [--trials 20] [--chain 3] [--seed 1]

A trial is one chain: up to --chain kills, each on the run that resumes the previous one,
then a run to the end. Uses the 36 synthetic stories of the test (no gold data needed).
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _helpers():
    path = HERE.parent / "tests" / "test_reliability_crash.py"
    spec = importlib.util.spec_from_file_location("reliability_crash", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--trials", type=int, default=10)
    ap.add_argument("--chain", type=int, default=3, help="kills per trial before the run may finish")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    T = _helpers()
    rng = random.Random(args.seed)
    work = Path(tempfile.mkdtemp(prefix="dateline-crash-"))
    try:
        corpus = work / "corpus"
        corpus.mkdir()
        for i in range(36):
            (corpus / f"story_{i:03d}.txt").write_text(T._story(i))
        src = work / "src"
        shutil.copytree(T.SRC, src, ignore=shutil.ignore_patterns("__pycache__"))
        started = time.monotonic()
        T._run(corpus, work / "ref.duckdb", work, str(src))
        duration = time.monotonic() - started
        reference = T.snapshot(work / "ref.duckdb")
        total = len(reference["articles"])
        kills = unreadable = mismatches = lost = 0
        print(f"uninterrupted run: {duration:.1f} s, {total} articles")
        for trial in range(args.trials):
            db = work / f"trial{trial}.duckdb"
            counts = []
            for k in range(args.chain):
                p = T._start(corpus, db, work, str(src))
                kills += T.kill_at_random(p, db, rng, early=k == 0 and trial % 2 == 0)
                p.communicate(timeout=60)
                try:
                    counts.append(T._readable(db))
                except Exception as exc:  # the store did not open: the worst outcome
                    unreadable += 1
                    print(f"trial {trial}: unreadable after kill {k + 1}: {exc}")
                    counts.append(-1)
            T._run(corpus, db, work, str(src))
            lost += counts != sorted(counts)
            same = T.snapshot(db) == reference
            mismatches += not same
            print(f"trial {trial}: articles after each kill {counts} -> {'same' if same else 'DIFFERENT'} store")
            db.unlink(missing_ok=True)
        print(f"\n{args.trials} trials, {kills} SIGKILLs (uninterrupted run {duration:.1f} s, {total} articles): "
              f"{unreadable} unreadable stores, {lost} lost commits, {mismatches} final stores different")
        return 1 if unreadable or lost or mismatches else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
