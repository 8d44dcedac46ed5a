"""Dateline: turn raw news into structured event data, offline.

    >>> import dateline
    >>> reading = dateline.extract("MOSCOW — Russian President Vladimir Putin ...", published="2022-02-03")
    >>> reading.entities[0].name
"""

from __future__ import annotations

from datetime import date

from .config import Settings, load_settings
from .errors import DatelineError
from .pipeline import Pipeline
from .records import (Actor, Article, Document, Entity, Event, Extraction, Place, Quote, Rejected, Span,
                      TimeExpr)

__all__ = ["extract", "Pipeline", "Settings", "load_settings", "DatelineError", "Actor", "Article",
           "Document", "Entity", "Event", "Extraction", "Place", "Quote", "Rejected", "Span", "TimeExpr"]

_pipelines: dict[Settings, Pipeline] = {}


def extract(text: str, published: date | str | None = None, *, html: bool = False, title: str | None = None,
            settings: Settings | None = None) -> Extraction | Rejected:
    """Read one article (plain text, or HTML with `html=True`) and return everything found.

    Returns the `Extraction` record that the JSON output is made from, or a `Rejected`
    record saying why the text could not be read as an article.
    """
    from .ingest.dates import parse_date

    settings = settings or Settings()
    pipeline = _pipelines.get(settings) or _pipelines.setdefault(settings, Pipeline(settings))
    when = parse_date(published) if published is not None else None
    if published is not None and when is None:
        raise DatelineError(f"published must be a date or YYYY-MM-DD, got {published!r}")
    doc = Document(id="text", raw=text, kind="html" if html else "text", source="api", published=when, title=title)
    return pipeline.extract_one(doc)
