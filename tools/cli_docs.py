"""Write docs/cli.md from the commands' own --help, so the reference cannot drift.

    .venv/bin/python tools/cli_docs.py          # rewrite docs/cli.md
    .venv/bin/python tools/cli_docs.py --check  # exit 1 when docs/cli.md is stale
"""

from __future__ import annotations

import sys
from pathlib import Path

from click.testing import CliRunner

from dateline.cli import main

DOC = Path(__file__).resolve().parent.parent / "docs" / "cli.md"


def render() -> str:
    runner = CliRunner()
    parts = ["# Command-line reference", "",
             "Generated from `--help` by `tools/cli_docs.py`; a test fails when it is out of date.", "",
             "```", runner.invoke(main, ["--help"], prog_name="dateline", terminal_width=100).output.rstrip(), "```", ""]
    for name in sorted(main.commands):
        out = runner.invoke(main, [name, "--help"], prog_name="dateline", terminal_width=100).output.rstrip()
        parts += [f"## dateline {name}", "", "```", out, "```", ""]
    return "\n".join(parts)


if __name__ == "__main__":
    text = render()
    if "--check" in sys.argv:
        sys.exit(0 if DOC.exists() and DOC.read_text() == text else 1)
    DOC.write_text(text)
    print(f"wrote {DOC}")
