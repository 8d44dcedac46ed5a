"""The `dateline` command. Thin: every command parses arguments, calls one library
function and prints. Commands live in sibling modules; each module that defines a
module-level click command named `command` is added to the group automatically."""

from __future__ import annotations

import importlib
import logging
import pkgutil
import sys

import click

from ..errors import DatelineError


class _Group(click.Group):
    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except DatelineError as exc:
            click.echo(f"dateline: error: {exc}", err=True)
            sys.exit(1)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="dateline")
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
def main(verbose: int) -> None:
    """Dateline: turn raw news into structured event data, offline.

    Who did what to whom, who said what, where and when: every fact tied to the
    characters it came from, stored in an embedded DuckDB database.
    """
    level = [logging.ERROR, logging.INFO, logging.DEBUG][min(verbose, 2)]
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


def _register() -> None:
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        command = getattr(module, "command", None)
        if isinstance(command, click.Command):
            main.add_command(command)


_register()


if __name__ == "__main__":
    main()
