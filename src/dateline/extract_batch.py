"""The batch contract: JSONL in, one JSON line out per input line (same id)."""

from __future__ import annotations

import json
import sys
from contextlib import nullcontext
from datetime import date

from .config import Settings
from .ingest import read_path
from .output import extraction_json, rejected_json
from .pipeline import Pipeline
from .records import Document, Extraction, Rejected
from .stories import assign_stories


def extract_jsonl(input_path: str, output_path: str, settings: Settings, published: date | None = None) -> dict:
    pipeline = Pipeline(settings)
    docs = read_path(input_path, settings, fmt="jsonl")
    if published is not None:
        from dataclasses import replace

        docs = (replace(d, published=published) if isinstance(d, Document) and d.published is None else d
                for d in docs)
    results: list[Extraction | Rejected] = []
    for batch in pipeline.process(docs):
        results.extend(batch)
    # Stories are clustered across the whole input, so they are assigned after all batches.
    results = assign_stories(results)
    counts = {"lines": 0, "rejected": 0}
    sink = sys.stdout if output_path == "-" else open(output_path, "w", encoding="utf-8")
    with nullcontext(sink) if output_path == "-" else sink:
        for item in results:
            if isinstance(item, Rejected):
                line = rejected_json(item)
                counts["rejected"] += 1
            else:
                line = extraction_json(item)
            sink.write(json.dumps(line, ensure_ascii=False) + "\n")
            counts["lines"] += 1
    return counts
