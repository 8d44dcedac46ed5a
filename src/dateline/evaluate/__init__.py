"""Scorers behind `dateline eval KIND GOLD.jsonl`: one module per kind, each with
`evaluate(gold_path, settings) -> dict` and `format_report(result) -> str`."""

from __future__ import annotations

import json
from pathlib import Path

from ..records import Article, OffsetMap


def read_gold(path: str | Path) -> list[dict]:
    """The JSON objects of a gold JSONL file."""
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def gold_article(row: dict) -> Article:
    """A gold text as an article whose text is exactly the gold text (so offsets are gold offsets)."""
    text = row["text"]
    return Article(id=row["id"], doc_id=row["id"], text=text, body_start=0, offsets=OffsetMap(((0, 0, len(text)),)))


def run_stage_on_gold(rows: list[dict], stage, settings) -> tuple[list[tuple[dict, tuple]], dict[str, float]]:
    """Parse each gold text, run the entities stage and then `stage` on it.

    Returns `(row, records)` pairs and CPU seconds spent in nlp.pipe, in the entities
    stage and in `stage`, so benches can report what a stage adds to parsing.
    """
    import time
    from collections import Counter

    from ..extract import entities
    from ..nlp import load_nlp
    from ..records import Extraction

    nlp = load_nlp(settings.model)
    clock = time.process_time()
    docs = list(nlp.pipe((r["text"] for r in rows), batch_size=settings.batch_size))
    seconds = Counter(nlp_seconds=time.process_time() - clock)
    out = []
    for row, doc in zip(rows, docs):
        article = gold_article(row)
        clock = time.process_time()
        ex = Extraction(article, entities=entities.STAGE(Extraction(article), doc))
        seconds["entities_seconds"] += time.process_time() - clock
        clock = time.process_time()
        out.append((row, stage(ex, doc)))
        seconds["stage_seconds"] += time.process_time() - clock
    return out, dict(seconds)
