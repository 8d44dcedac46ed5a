"""`dateline extract IN.jsonl -o OUT.jsonl`: the batch contract, no database."""

from __future__ import annotations

import click

from ..extract_batch import extract_jsonl
from ._options import model_option, published_option, settings_from


@click.command("extract")
@click.argument("input", metavar="IN.jsonl")
@click.option("-o", "--output", default="-", metavar="OUT.jsonl", help="Where to write results [default: stdout].")
@model_option
@published_option
def command(input, output, model, published):
    """Read batch-contract lines and write one result line per input line, same id.

    Each input line is {"id", "text" | "html", "published"?, "url"?, "title"?}. A rejected
    input gets {"id", "rejected": REASON}. See DESIGN.md for the output shape.
    """
    settings = settings_from(model=model)
    counts = extract_jsonl(input, output, settings, published=published)
    click.echo(f"wrote {counts['lines']} lines ({counts['rejected']} rejected)", err=True)
