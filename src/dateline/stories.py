"""Stories: clusters of copies of the same article.

For now a story is the set of articles with the same clean body (content hash).
"""

from __future__ import annotations

from dataclasses import replace

from .records import Extraction, Rejected


def assign_stories(results: list[Extraction | Rejected]) -> list[Extraction | Rejected]:
    return [replace(r, story=r.article.id) if isinstance(r, Extraction) else r for r in results]
