"""`dateline eval KIND GOLD.jsonl`: score Dateline on gold data."""

from __future__ import annotations

import importlib
import json

import click

from ..errors import UsageError
from ._options import model_option, settings_from

KINDS = ("quotes", "events", "places", "times")


@click.command("eval")
@click.argument("kind", type=click.Choice(KINDS))
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@model_option
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def command(kind, gold, model, as_json):
    """Run extraction over GOLD.jsonl and print precision, recall and F1 (see docs/)."""
    try:
        module = importlib.import_module(f"dateline.evaluate.{kind}")
    except ModuleNotFoundError:
        raise UsageError(f"no scorer for {kind} yet") from None
    result = module.evaluate(gold, settings_from(model=model))
    click.echo(json.dumps(result, indent=2) if as_json else module.format_report(result))
