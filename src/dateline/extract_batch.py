"""The batch contract: JSONL in, one JSON line out per input line (same id)."""

from __future__ import annotations

import json
import sys
from contextlib import nullcontext
from dataclasses import replace
from datetime import date

from .config import Settings
from .ingest import read_path
from .output import extraction_json, rejected_json
from .pipeline import Pipeline
from .records import Document, Rejected
from .stories import StoryIndex, assign_stories


def extract_jsonl(input_path: str, output_path: str, settings: Settings, published: date | None = None) -> dict:
    pipeline = Pipeline(settings)
    docs = read_path(input_path, settings, fmt="jsonl")
    if published is not None:
        docs = (replace(d, published=published) if isinstance(d, Document) and d.published is None else d
                for d in docs)
    # Stories are assigned in input order and never merge later, so one index shared by all
    # batches clusters copies across the whole input while each batch is written at once.
    stories = StoryIndex()
    counts = {"lines": 0, "rejected": 0}
    sink = sys.stdout if output_path == "-" else open(output_path, "w", encoding="utf-8")
    with nullcontext(sink) if output_path == "-" else sink:
        for batch in pipeline.process(docs):
            for item in assign_stories(batch, stories):
                if isinstance(item, Rejected):
                    line = rejected_json(item)
                    counts["rejected"] += 1
                else:
                    line = extraction_json(item)
                sink.write(json.dumps(line, ensure_ascii=False) + "\n")
                counts["lines"] += 1
    return counts
