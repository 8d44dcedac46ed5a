"""`dateline show ID|FILE`: one article's reading as a report (or JSON)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..errors import UsageError
from ..ingest import read_path
from ..output import extraction_json, rejected_json
from ..pipeline import Pipeline
from ..records import Document, Extraction
from ..report import article_report, extraction_detail
from ..store.db import Store
from ..store.queries import article_detail, find_article_id
from ._options import db_option, model_option, published_option, settings_from


@click.command("show")
@click.argument("key", metavar="ID|FILE")
@db_option
@model_option
@published_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a report.")
def command(key, db, model, published, as_json):
    """Show an article: from the database by id (or id prefix, input id, source path),
    or read straight from FILE without storing it."""
    settings = settings_from(db=db, model=model)
    if Path(settings.db).exists():
        with Store(settings.db, read_only=True) as store:
            try:
                detail = article_detail(store, find_article_id(store, key))
            except UsageError:
                detail = None
        if detail is not None:
            click.echo(json.dumps(detail, ensure_ascii=False, indent=2, default=str) if as_json
                       else article_report(detail))
            return
    if Path(key).is_file():
        pipeline = Pipeline(settings)
        for item in read_path(key, settings):
            if isinstance(item, Document) and published and not item.published:
                from dataclasses import replace

                item = replace(item, published=published)
            result = pipeline.extract_one(item) if isinstance(item, Document) else item
            if not isinstance(result, Extraction):
                click.echo(json.dumps(rejected_json(result)) if as_json
                           else f"rejected ({result.reason}): {result.detail}")
                continue
            click.echo(json.dumps(extraction_json(result), ensure_ascii=False, indent=2) if as_json
                       else article_report(extraction_detail(result)))
        return
    raise UsageError(f"{key!r} is neither a stored article in {settings.db} nor a file")
