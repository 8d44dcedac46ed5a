"""Throughput benchmark: `dateline run` against bare `nlp.pipe`, and --workers 2 against 1.

Reads `../shared/data/corpora/bbc.jsonl` and measures:

1. full / bare, in this one process, on the first --limit articles (default 1,000):
   bare spaCy `nlp.pipe` over the texts with the same model and the same nlp.pipe batch
   size (the ceiling; model loaded and warmed up first), then `run_local --workers 1`
   (ingest, clean, nlp, every stage, stories, storage, full-text index) with that same
   model object, warmed up the same way (a run over the first 8 articles into a throwaway
   store first). Bare runs once before and once after the full run and the two are
   averaged (drift of the machine's speed cancels). Target: full / bare >= 0.85 (docs/s).
2. --workers 2 / --workers 1 on the first --workers-limit articles (default 2,000), each
   run in a fresh Python process as `dateline run` would be (imports, model loading and
   worker start-up included); also the rate after the first committed batch, which leaves
   start-up out. Target >= 1.8.
3. where a workers-1 run spends its CPU time (warmed up as in 1; in-process, per part: ingest, clean and its
   language identification, nlp, each stage, story signatures, the store, the full-text
   index build, the store's close, the rest; and the garbage collector's share), as ms
   per document and as a share of the nlp time. CPU time is what to compare on a busy
   machine: wall-clock figures and the workers ratio need a quiet one.

    .venv/bin/python bench/throughput.py [--limit 1000] [--workers-limit 2000] [--skip-workers]
    .venv/bin/python bench/throughput.py --limit 300 --breakdown-only [--profile out.prof]
"""

from __future__ import annotations

import argparse
import json
import os
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
    folder.mkdir(parents=True, exist_ok=True)
    lines = (Path(data_dir) / "corpora" / "bbc.jsonl").read_text(encoding="utf-8").splitlines()
    lines = [ln for ln in lines if ln.strip()][:limit]
    path = folder / "bbc.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, [json.loads(ln)["text"] for ln in lines]


def bare_nlp(texts: list[str], model: str, batch_size: int) -> tuple[float, float]:
    nlp = load_nlp(model)
    list(nlp.pipe(texts[:8]))  # warm up
    # The vocabulary and the tokenizer's cache fill up as new words are seen; tokenize every
    # text once so that the bare pass and the full run after it meet the same warm state
    # (otherwise whichever runs second is the faster).
    for text in texts:
        nlp.make_doc(text)
    wall, cpu = time.perf_counter(), _cpu()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    return time.perf_counter() - wall, _cpu() - cpu


def warm_full_run(data_dir: Path, folder: Path, settings: Settings, articles: int = 8) -> None:
    """Warm the full run up as `bare_nlp` warms the model up on 8 texts: a run over the first
    articles into a throwaway store does the process's one-off set-up (imports, lexicons,
    gazetteer, language model, the store library's first connection) before the clock starts.
    Each run's own costs (opening its store, the full-text index, the checkpoint) stay timed;
    start-up is measured separately by the fresh-process --workers runs."""
    warm_path, _ = corpus(data_dir, articles, folder)
    full_run(warm_path, settings.with_overrides(db=str(folder / "warm.duckdb")))


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (worker processes)."""
    import resource

    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def fresh_run(path: Path, settings: Settings) -> dict:
    """`run_local` in a fresh Python process, as `dateline run` would do it: start-up (imports,
    model and lexicon loading, worker processes) included. Returns the child's figures."""
    import subprocess

    cmd = [sys.executable, __file__, "--child-run", str(path), "--child-db", settings.db,
           "--workers", str(settings.workers), "--batch-size", str(settings.batch_size),
           "--nlp-batch-size", str(settings.nlp_batch_size)]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def _steady(r: dict) -> float:
    """docs/s after the first committed batch (start-up left out)."""
    return (r["docs"] - r["first_docs"]) / max(1e-9, r["wall"] - r["first_commit"])


def _child_run(args) -> None:
    started = time.perf_counter()
    settings = Settings(db=args.child_db, batch_size=args.batch_size, nlp_batch_size=args.nlp_batch_size,
                        workers=args.workers)
    from dateline.run.local import run_local

    first: list[float] = []
    done = [0]

    def progress(k: int) -> None:
        done[0] += k
        if not first:
            first.append(time.perf_counter() - started)
            done.append(done[0])  # documents in the first committed batch

    summary = run_local([args.child_run], settings, progress=progress)
    wall = time.perf_counter() - started
    print(json.dumps({"wall": wall, "cpu": _cpu(), "stored": summary.stored, "docs": done[0],
                      "first_commit": first[0] if first else wall, "first_docs": done[1] if first else 0}))


def full_run(path: Path, settings: Settings) -> tuple[float, float, object]:
    from dateline.run.local import run_local

    wall, cpu = time.perf_counter(), _cpu()
    summary = run_local([str(path)], settings)
    return time.perf_counter() - wall, _cpu() - cpu, summary


class _Clock:
    """CPU seconds (this process, all threads) added up per part of the run, plus the
    garbage collector's share (which the parts include)."""

    def __init__(self):
        self.cpu: dict[str, float] = defaultdict(float)
        self.gc = 0.0
        self._gc_started = None

    def part(self, name: str, fn):
        def timed(*args, **kw):
            started = time.process_time()
            try:
                return fn(*args, **kw)
            finally:
                self.cpu[name] += time.process_time() - started
        return timed

    def each(self, name: str, items):
        """The items of an iterator, adding up the time spent producing each."""
        it = iter(items)
        while True:
            started = time.process_time()
            try:
                item = next(it)
            except StopIteration:
                return
            finally:
                self.cpu[name] += time.process_time() - started
            yield item

    def gc_callback(self, phase, info):
        if phase == "start":
            self._gc_started = time.process_time()
        elif self._gc_started is not None:
            self.gc += time.process_time() - self._gc_started
            self._gc_started = None


class _Timed:
    """A stage wrapper that adds up the CPU time the stage takes."""

    def __init__(self, stage, clock: _Clock):
        self.stage, self.clock = stage, clock
        self.name, self.reads, self.writes = stage.name, stage.reads, stage.writes
        self.key = f"stage {stage.name}"

    def __call__(self, extraction, doc):
        started = time.process_time()
        try:
            return self.stage(extraction, doc)
        finally:
            self.clock.cpu[self.key] += time.process_time() - started


def breakdown(path: Path, settings: Settings, profile: str | None = None,
              warm_up=None) -> tuple[dict[str, float], float, float]:
    """CPU seconds per part of a workers-1 run, measured by wrapping the parts in-process;
    also (gc CPU seconds, wall seconds). `warm_up(settings)`, when given, runs first (as in the
    full / bare comparison) and its time is not counted. With
    `profile`, cProfile stats are written there."""
    import gc

    from dateline import stories
    from dateline.clean import language
    from dateline.extract import default_stages
    from dateline.pipeline import Pipeline
    from dateline.run import local
    from dateline.store import db

    clock = _Clock()
    cpu = clock.cpu

    class TimedNlp:
        def __init__(self, nlp):
            self.nlp = nlp

        def __getattr__(self, name):  # tokenizer, vocab, ...: the model's own
            return getattr(self.nlp, name)

        def make_doc(self, text):  # the tokenizer is part of nlp
            started = time.process_time()
            try:
                return self.nlp.make_doc(text)
            finally:
                cpu["nlp (tokenizer + nlp.pipe)"] += time.process_time() - started

        def __call__(self, doc):
            started = time.process_time()
            try:
                return self.nlp(doc)
            finally:
                cpu["nlp (tokenizer + nlp.pipe)"] += time.process_time() - started

        def pipe(self, texts, **kw):
            return clock.each("nlp (tokenizer + nlp.pipe)", self.nlp.pipe(texts, **kw))

    timed_nlp = TimedNlp(load_nlp(settings.model, settings.max_token_run))

    class TimedPipeline(Pipeline):
        @property
        def nlp(self):
            return timed_nlp

        def clean(self, doc):
            started = time.process_time()
            try:
                return super().clean(doc)
            finally:
                cpu["clean"] += time.process_time() - started

    saved = (local.read_inputs, local.signature, language.identify_language, db.Store.write_batch,
             db.Store.refresh_fts, db.Store.close)

    def reading(*args, **kw):
        return clock.each("runner: ingest (read, parse JSON)", saved[0](*args, **kw))

    local.read_inputs = reading
    local.signature = clock.part("runner: story signatures (worker)", stories.signature)
    language.identify_language = clock.part("clean: of which language id", saved[2])
    import dateline.clean as clean_pkg
    clean_pkg.identify_language = language.identify_language
    db.Store.write_batch = clock.part("runner: store (rows, stories, DuckDB)", saved[3])
    db.Store.refresh_fts = clock.part("runner: full-text index build (once a run)", saved[4])
    db.Store.close = clock.part("runner: store close (checkpoint, once a run)", saved[5])
    saved_pipeline = local.Pipeline
    # the run's own worker set-up (warm-up document, gc.freeze) builds this pipeline
    local.Pipeline = lambda settings: TimedPipeline(settings, stages=[_Timed(s, clock) for s in default_stages()])
    local._PIPELINE = None
    if warm_up is not None:
        warm_up(settings)
        clock.cpu.clear()
    gc.callbacks.append(clock.gc_callback)
    prof = None
    if profile:
        import cProfile

        prof = cProfile.Profile()
        prof.enable()
    try:
        started = time.process_time()
        wall, _, summary = full_run(path, settings)
        total = time.process_time() - started
    finally:
        if prof:
            prof.disable()
            prof.dump_stats(profile)
        gc.callbacks.remove(clock.gc_callback)
        (local.read_inputs, local.signature, language.identify_language, db.Store.write_batch,
         db.Store.refresh_fts, db.Store.close) = saved
        clean_pkg.identify_language = saved[2]
        local._PIPELINE = None
        local.Pipeline = saved_pipeline
    parts = dict(cpu)
    counted = sum(v for k, v in parts.items() if "of which" not in k)
    parts["runner: the rest (batching, ledger, records, ...)"] = total - counted
    parts["total"] = total
    return parts, clock.gc, wall


def print_breakdown(parts: dict[str, float], gc_cpu: float, n: int) -> None:
    nlp = parts.get("nlp (tokenizer + nlp.pipe)", 0.0) or 1e-9
    print(f"  where a workers-1 run spends its CPU time ({n} docs; ms/doc, share of nlp time):")
    for k, v in sorted(parts.items(), key=lambda kv: -kv[1]):
        print(f"    {k:<52} {1000 * v / n:8.1f} ms/doc  {100 * v / nlp:6.1f}%")
    print(f"    {'(garbage collection, inside the parts above)':<52} {1000 * gc_cpu / n:8.1f} ms/doc  "
          f"{100 * gc_cpu / nlp:6.1f}%")
    overhead = parts["total"] - nlp
    print(f"  overhead (all but nlp) = {100 * overhead / nlp:.1f}% of nlp time; CPU-time ratio nlp / total = "
          f"{nlp / parts['total']:.3f}  (the 0.85 target needs overhead <= 17.6%)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(DATA))
    ap.add_argument("--limit", type=int, default=1000, help="articles for full / bare and the breakdown")
    ap.add_argument("--batch-size", type=int, default=Settings.batch_size, help="articles per commit")
    ap.add_argument("--nlp-batch-size", type=int, default=Settings.nlp_batch_size,
                    help="nlp.pipe batch size, for the bare baseline and the full run alike")
    ap.add_argument("--skip-workers", action="store_true", help="no --workers 2 run")
    ap.add_argument("--skip-breakdown", action="store_true")
    ap.add_argument("--breakdown-only", action="store_true",
                    help="only the in-process CPU breakdown of a workers-1 run (robust to machine load)")
    ap.add_argument("--profile", metavar="FILE", help="write cProfile stats of the breakdown run to FILE")
    ap.add_argument("--workers-limit", type=int, default=2000,
                    help="documents for the --workers 1 vs 2 comparison (fresh processes, start-up included)")
    ap.add_argument("--child-run", help=argparse.SUPPRESS)
    ap.add_argument("--child-db", help=argparse.SUPPRESS)
    ap.add_argument("--workers", type=int, default=1, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child_run:
        _child_run(args)
        return
    print(f"load average before: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f} "
          f"({os.cpu_count()} CPUs)")
    with tempfile.TemporaryDirectory() as tmp:
        path, texts = corpus(Path(args.data), args.limit, Path(tmp))
        n = len(texts)
        settings = Settings(db=str(Path(tmp) / "w1.duckdb"), batch_size=args.batch_size,
                            nlp_batch_size=args.nlp_batch_size)
        print(f"{n} BBC articles, model {settings.model}, commit batch {args.batch_size}, "
              f"nlp.pipe batch {args.nlp_batch_size}")
        if not args.breakdown_only:
            # bare before and after the full run, averaged: the machine's speed drifts by a few
            # percent over minutes, and one bare pass before would put all that drift in the ratio
            before = bare_nlp(texts, settings.model, args.nlp_batch_size)
            warm_full_run(Path(args.data), Path(tmp) / "warm", settings)
            w1_wall, w1_cpu, s1 = full_run(path, settings)
            after = bare_nlp(texts, settings.model, args.nlp_batch_size)
            bare_wall, bare_cpu = (before[0] + after[0]) / 2, (before[1] + after[1]) / 2
            for label, (wall, cpu) in (("bare nlp.pipe, before  ", before), ("bare nlp.pipe, after   ", after)):
                print(f"  {label}: {n / wall:7.2f} docs/s  ({wall:.1f} s wall, {cpu:.1f} s CPU, "
                      f"{1000 * cpu / n:.1f} CPU ms/doc)")
            print(f"  dateline run, workers 1: {n / w1_wall:7.2f} docs/s  ({w1_wall:.1f} s wall, {w1_cpu:.1f} s CPU, "
                  f"{1000 * w1_cpu / n:.1f} CPU ms/doc)  stored {s1.stored}")
            print(f"  full / bare            : {bare_wall / w1_wall:.3f}  (target >= 0.85; bare = mean of the two)"
                  f"  CPU-time ratio {bare_cpu / w1_cpu:.3f}")
        if not args.skip_workers and not args.breakdown_only:
            wpath, wtexts = corpus(Path(args.data), args.workers_limit, Path(tmp) / "w")
            m = len(wtexts)
            print(f"  --workers 1 vs 2 on {m} articles, each a fresh process (start-up included):")
            runs = {}
            for w in (1, 2):
                r = runs[w] = fresh_run(wpath, settings.with_overrides(db=str(Path(tmp) / f"fresh{w}.duckdb"),
                                                                        workers=w))
                steady = _steady(r)
                print(f"    workers {w}: {m / r['wall']:7.2f} docs/s  ({r['wall']:.1f} s wall, {r['cpu']:.1f} s CPU in "
                      f"all processes; first batch committed after {r['first_commit']:.1f} s; "
                      f"{steady:.2f} docs/s after it)  stored {r['stored']}")
            r1, r2 = runs[1], runs[2]
            print(f"    workers 2 / workers 1  : {r1['wall'] / r2['wall']:.3f}  (target >= 1.8); after the first "
                  f"commit: {_steady(r2) / _steady(r1) if _steady(r1) else float('nan'):.3f}")
        if not args.skip_breakdown:
            parts, gc_cpu, wall = breakdown(
                path, settings.with_overrides(db=str(Path(tmp) / "b.duckdb")), args.profile,
                lambda s: warm_full_run(Path(args.data), Path(tmp) / "warm-breakdown", s))
            print_breakdown(parts, gc_cpu, n)
    print(f"load average after: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f}")


if __name__ == "__main__":
    main()
