"""Run the pipeline in this process and store each batch in one transaction."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date

from ..config import Settings
from ..ingest import read_inputs
from ..pipeline import Pipeline
from ..records import Extraction, Rejected
from ..store.db import Store
from .summary import RunSummary

Progress = Callable[[int], None]


def run_local(inputs: list[str], settings: Settings, published: date | None = None,
              progress: Progress | None = None) -> RunSummary:
    """Ingest, clean, annotate and store every input; returns the counts."""
    summary = RunSummary()
    started = time.perf_counter()
    pipeline = Pipeline(settings)
    with Store(settings.db) as store:
        for batch in pipeline.process(read_inputs(inputs, settings, published)):
            extractions = [x for x in batch if isinstance(x, Extraction)]
            rejected = [x for x in batch if isinstance(x, Rejected)]
            stored, duplicates = store.write_batch(extractions, rejected)
            summary.seen += len(batch)
            summary.stored += stored
            summary.duplicates += duplicates
            for r in rejected:
                summary.add_rejected(r.reason)
            for ex in extractions:
                if ex.article.skipped:
                    summary.skipped[ex.article.skipped] += 1
            if progress:
                progress(len(batch))
        store.refresh_fts()
    summary.seconds = time.perf_counter() - started
    return summary
