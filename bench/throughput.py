"""Throughput benchmark: `dateline run` against bare `nlp.pipe`, in one run.

Reads `../shared/data/corpora/bbc.jsonl` (or its first --limit articles) and measures,
in this order and in this one process run:

1. bare spaCy: `nlp.pipe` over the same texts with the same model (the ceiling);
2. `run_local --workers 1`: ingest, clean, nlp, every stage, stories, storage;
3. `run_local --workers 2` (two worker processes plus the writer).

It prints docs/s for each, the ratios the targets are about (full / bare >= 0.85;
workers 2 / workers 1 >= 1.8), and where the time of the full run goes: the wall-clock
seconds of the runner and store (ingest, ledger, stories, Arrow writes, commits), of
cleaning, of nlp.pipe, and of each extract stage, measured in-process with
workers 1 on the same documents. The machine's other load makes every figure noisy:
CPU seconds are printed beside wall seconds.

    .venv/bin/python bench/throughput.py [--limit 500] [--batch-size 64] [--skip-workers]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"
sys.path.insert(0, str(REPO / "src"))

from dateline.config import Settings  # noqa: E402
from dateline.nlp import load_nlp  # noqa: E402


def corpus(data_dir: Path, limit: int | None, folder: Path) -> tuple[Path, list[str]]:
    lines = (Path(data_dir) / "corpora" / "bbc.jsonl").read_text(encoding="utf-8").splitlines()
    lines = [ln for ln in lines if ln.strip()][:limit]
    path = folder / "bbc.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, [json.loads(ln)["text"] for ln in lines]


def bare_nlp(texts: list[str], model: str, batch_size: int) -> tuple[float, float]:
    nlp = load_nlp(model)
    list(nlp.pipe(texts[:8]))  # warm up
    wall, cpu = time.perf_counter(), _cpu()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    return time.perf_counter() - wall, _cpu() - cpu


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (worker processes)."""
    import resource

    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def full_run(path: Path, settings: Settings) -> tuple[float, float, object]:
    from dateline.run.local import run_local

    wall, cpu = time.perf_counter(), _cpu()
    summary = run_local([str(path)], settings)
    return time.perf_counter() - wall, _cpu() - cpu, summary


class _Timed:
    """A stage wrapper that adds up the time the stage takes."""

    def __init__(self, stage, totals: dict):
        self.stage, self.totals = stage, totals
        self.name, self.reads, self.writes = stage.name, stage.reads, stage.writes

    def __call__(self, extraction, doc):
        started = time.perf_counter()
        try:
            return self.stage(extraction, doc)
        finally:
            self.totals[f"stage {self.name}"] += time.perf_counter() - started


def breakdown(path: Path, settings: Settings) -> dict[str, float]:
    """Seconds per part of a workers-1 run, measured by wrapping the parts in-process."""
    from dateline.extract import default_stages
    from dateline.pipeline import Pipeline
    from dateline.run import local

    totals: dict[str, float] = defaultdict(float)

    class TimedNlp:
        def __init__(self, nlp):
            self.nlp = nlp

        def __getattr__(self, name):  # tokenizer, make_doc, ...: the model's own
            return getattr(self.nlp, name)

        def make_doc(self, text):  # the tokenizer is part of nlp
            started = time.perf_counter()
            try:
                return self.nlp.make_doc(text)
            finally:
                totals["nlp.pipe"] += time.perf_counter() - started

        def __call__(self, doc):
            started = time.perf_counter()
            try:
                return self.nlp(doc)
            finally:
                totals["nlp.pipe"] += time.perf_counter() - started

        def pipe(self, texts, **kw):
            it = self.nlp.pipe(texts, **kw)
            while True:
                started = time.perf_counter()
                try:
                    doc = next(it)
                except StopIteration:
                    return
                finally:
                    totals["nlp.pipe"] += time.perf_counter() - started
                yield doc

    class TimedPipeline(Pipeline):
        @property
        def nlp(self):
            return TimedNlp(load_nlp(self.settings.model))

        def clean(self, doc):
            started = time.perf_counter()
            try:
                return super().clean(doc)
            finally:
                totals["clean"] += time.perf_counter() - started

    local._PIPELINE = TimedPipeline(settings, stages=[_Timed(s, totals) for s in default_stages()])
    wall, _, summary = full_run(path, settings)
    totals["runner + store (the rest)"] = wall - sum(totals.values())
    totals["total"] = wall
    return dict(totals)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(DATA))
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles")
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--skip-workers", action="store_true", help="no --workers 2 run")
    ap.add_argument("--skip-breakdown", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path, texts = corpus(Path(args.data), args.limit, Path(tmp))
        n = len(texts)
        settings = Settings(db=str(Path(tmp) / "w1.duckdb"), batch_size=args.batch_size)
        bare_wall, bare_cpu = bare_nlp(texts, settings.model, args.batch_size)
        w1_wall, w1_cpu, s1 = full_run(path, settings)
        print(f"{n} BBC articles, model {settings.model}, batch size {args.batch_size}")
        print(f"  bare nlp.pipe          : {n / bare_wall:7.2f} docs/s  ({bare_wall:.1f} s wall, {bare_cpu:.1f} s CPU)")
        print(f"  dateline run, workers 1: {n / w1_wall:7.2f} docs/s  ({w1_wall:.1f} s wall, {w1_cpu:.1f} s CPU)"
              f"  stored {s1.stored}")
        print(f"  full / bare            : {bare_wall / w1_wall:.3f}  (target >= 0.85)"
              f"  CPU-time ratio {bare_cpu / w1_cpu:.3f}")
        if not args.skip_workers:
            w2_wall, w2_cpu, s2 = full_run(path, settings.with_overrides(db=str(Path(tmp) / "w2.duckdb"), workers=2))
            print(f"  dateline run, workers 2: {n / w2_wall:7.2f} docs/s  ({w2_wall:.1f} s wall, {w2_cpu:.1f} s CPU "
                  f"in all processes, incl. starting 2 workers)  stored {s2.stored}")
            print(f"  workers 2 / workers 1  : {w1_wall / w2_wall:.3f}  (target >= 1.8)")
        if not args.skip_breakdown:
            print("  where a workers-1 run spends its time (wall seconds):")
            parts = breakdown(path, settings.with_overrides(db=str(Path(tmp) / "b.duckdb")))
            for k, v in sorted(parts.items(), key=lambda kv: -kv[1]):
                print(f"    {k:<40} {v:8.2f}  ({100 * v / parts['total']:.0f}%)")


if __name__ == "__main__":
    main()
