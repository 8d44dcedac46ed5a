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
