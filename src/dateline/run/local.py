"""Run the pipeline on this machine: N worker processes, one writer, ordered commits.

The main process reads the inputs, drops those the store's ledger says are done (so a
re-run after a crash does no NLP twice), and hands batches to the workers; each worker
loads the spaCy model once. Results come back in input order and the main process,
the only writer, stores each batch in one transaction together with its ledger rows.
Stories are assigned by that writer in input order, so `--workers 4` stores exactly
what `--workers 1` stores, and a run killed with `kill -9` and started again ends
with the same store as an uninterrupted one.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from itertools import islice

from ..config import Settings
from ..ingest import read_inputs
from ..pipeline import Pipeline
from ..records import Document, Extraction, Rejected
from ..store.batch import input_key
from ..store.db import Store
from ..stories import Signature, body_of, clear_word_cache, signature
from .summary import RunSummary

Progress = Callable[[int], None]
Item = Document | Rejected

_PIPELINE: Pipeline | None = None  # one per worker process
_DOCS = 0  # documents this worker's model has processed (see Settings.nlp_reload_docs)
WRITER_MEMORY = "256MB"  # DuckDB's buffer limit for the writing connection
TASK_SIZE = 16  # documents per task handed to a worker process (--workers 2 or more)


WARM_UP = Document(id="warm-up", source="warm-up", raw=(
    "Talks resume in Paris\n\nLONDON (Reuters) - The foreign minister said on Monday that talks with France "
    "would resume in Paris next week. \"We are ready,\" she told reporters at the ministry in London."))


def _init_worker(settings: Settings) -> None:
    """Load the model, the lexicons, the gazetteer and the language model now (a warm-up
    document runs through every stage; its result is dropped), then move everything loaded
    into the garbage collector's permanent generation: the collector otherwise walks those
    millions of long-lived objects again and again while the worker runs."""
    import gc

    global _PIPELINE, _DOCS
    _PIPELINE = Pipeline(settings)
    _DOCS = 0
    _PIPELINE.nlp
    for result in _PIPELINE.process([WARM_UP]):
        for r in result:
            if isinstance(r, Extraction):
                signature(body_of(r))
    gc.collect()
    gc.freeze()


def _reload_model() -> None:
    """A fresh model (and pipeline) in this worker; the old one's vocabulary goes with it."""
    import gc

    from ..nlp import unload_models

    settings = _PIPELINE.settings
    gc.unfreeze()  # the old model was frozen with everything else at start-up
    unload_models()
    clear_word_cache()  # the shingle hasher's word cache grows the same way
    _init_worker(settings)


def process_batch(items: list[Item]) -> tuple[list[Extraction | Rejected], list[Signature | None]]:
    """Clean, parse and annotate a batch (in a worker); also the story signatures."""
    global _DOCS
    assert _PIPELINE is not None, "worker not initialised"
    every = _PIPELINE.settings.nlp_reload_docs
    if every > 0 and _DOCS >= every:
        _reload_model()
    _DOCS += len(items)
    results = [r for batch in _PIPELINE.process(items) for r in batch]
    sigs = [signature(body_of(r)) if isinstance(r, Extraction) else None for r in results]
    return results, sigs


def _serves(loaded: Settings, wanted: Settings) -> bool:
    """Whether a worker set up with `loaded` gives the results `wanted` would: where they are
    stored and how many processes make them do not matter to it."""
    return loaded.with_overrides(db=wanted.db, workers=wanted.workers) == wanted


def item_key(item: Item) -> str:
    return input_key(item.source, item.id) if isinstance(item, Document) else input_key(item.source, item.doc_id)


def run_local(inputs: list[str], settings: Settings, published: date | None = None,
              progress: Progress | None = None) -> RunSummary:
    """Ingest, clean, annotate and store every input; returns the counts."""
    summary = RunSummary()
    started = time.perf_counter()
    with Store(settings.db) as store:
        limit_writer_memory(store)
        todo = _unprocessed(store, read_inputs(inputs, settings, published), settings.batch_size, summary, progress)
        for results, sigs in _execute(todo, settings):
            _store(store, results, sigs, summary)
            if progress:
                progress(len(results))
        lift_writer_limits(store)  # the full-text index build may need more
        store.refresh_fts()
    summary.seconds = time.perf_counter() - started
    return summary


def limit_writer_memory(store: Store) -> None:
    """DuckDB caches up to 80% of RAM by default; a writer only appends, so it needs little.
    One thread: a batch's small appends gain nothing from more, and the spare cores are the
    workers' (DuckDB's idle threads otherwise cost CPU time on every statement)."""
    store.con.execute(f"SET memory_limit = '{WRITER_MEMORY}'")
    store.con.execute("SET threads = 1")


def lift_writer_limits(store: Store) -> None:
    store.con.execute("RESET memory_limit")
    store.con.execute("RESET threads")


def _unprocessed(store: Store, items: Iterable[Item], size: int, summary: RunSummary,
                 progress: Progress | None) -> Iterator[list[Item]]:
    """Batches of inputs the ledger has not seen; those it has are counted as they were."""
    it = iter(items)
    pending: list[Item] = []
    while chunk := list(islice(it, size)):
        done = store.processed([item_key(x) for x in chunk])
        for x in chunk:
            outcome = done.get(item_key(x))
            if outcome is None:
                pending.append(x)
                continue
            summary.seen += 1
            summary.resumed += 1
            if outcome.startswith("rejected:"):
                summary.add_rejected(outcome.split(":", 1)[1])
            else:
                summary.duplicates += 1
        if done and progress:
            progress(len(done))
        while len(pending) >= size:
            yield pending[:size]
            pending = pending[size:]
    if pending:
        yield pending


def _execute(batches: Iterator[list[Item]], settings: Settings) -> Iterator[tuple[list, list]]:
    """Processed batches, in input order."""
    if settings.workers <= 1:
        for batch in batches:
            if _PIPELINE is None or not _serves(_PIPELINE.settings, settings):
                _init_worker(settings)
            yield process_batch(batch)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # spawn: workers must not inherit the writer's open DuckDB handle or its threads.
    pool = ProcessPoolExecutor(settings.workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_init_worker, initargs=(settings,))
    # A commit batch goes to the workers in smaller tasks, so that at the end of the input no
    # worker waits long for the other to finish its last task; the writer still commits whole
    # batches (small commits cost the writer more than they save).
    task = max(1, min(TASK_SIZE, settings.batch_size))
    ahead = max(2, -(-2 * settings.workers * task // settings.batch_size))  # batches in flight: 2+ tasks a worker
    window: deque = deque()
    try:
        for batch in batches:
            window.append([pool.submit(process_batch, batch[i:i + task]) for i in range(0, len(batch), task)])
            if len(window) >= ahead:
                yield _joined(window.popleft())
        while window:
            yield _joined(window.popleft())
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _joined(futures: list) -> tuple[list, list]:
    results, sigs = [], []
    for future in futures:
        r, s = future.result()
        results += r
        sigs += s
    return results, sigs


def _store(store: Store, results: list, sigs: list, summary: RunSummary) -> None:
    extractions = [(x, s) for x, s in zip(results, sigs) if isinstance(x, Extraction)]
    rejected = [x for x in results if isinstance(x, Rejected)]
    stored, duplicates = store.write_batch([x for x, _ in extractions], rejected, [s for _, s in extractions])
    summary.seen += len(results)
    summary.stored += stored
    summary.duplicates += duplicates
    for r in rejected:
        summary.add_rejected(r.reason)
    for ex, _ in extractions:
        if ex.article.skipped:
            summary.skipped[ex.article.skipped] += 1


def estimate_inputs(inputs: list[str]) -> int | None:
    """How many input documents there are, when cheap to tell (for the progress bar's ETA)."""
    from ..ingest.sources import expand, format_of

    total = 0
    for path in expand(inputs):
        fmt = format_of(path)
        if path == "-" or fmt == "warc":
            return None
        if fmt == "jsonl":
            if path.lower().endswith(".gz"):
                return None
            with open(path, "rb") as fh:
                total += sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 20), b""))
        else:
            total += 1
    return total
