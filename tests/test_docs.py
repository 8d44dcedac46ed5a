"""The docs must say what the code does."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _tool():
    spec = importlib.util.spec_from_file_location("cli_docs", ROOT / "tools" / "cli_docs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_docs_cli_reference_is_current():
    assert (ROOT / "docs" / "cli.md").read_text() == _tool().render(), \
        "docs/cli.md is stale: run .venv/bin/python tools/cli_docs.py"


def test_docs_every_setting_is_documented():
    from dataclasses import fields

    from dateline.config import Settings

    text = (ROOT / "docs" / "settings.md").read_text()
    for f in fields(Settings):
        assert f"`{f.name}`" in text, f"setting {f.name} missing from docs/settings.md"


def test_docs_readme_opens_with_the_two_commands():
    head = (ROOT / "README.md").read_text()[:600]
    assert "make run" in head and "make test" in head
