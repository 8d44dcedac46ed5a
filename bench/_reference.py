"""Load a reference scorer from ../shared/scorers (stdlib scripts kept beside the gold data)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType


def reference_scorer(data_dir: str | Path, name: str) -> ModuleType | None:
    """`score_<name>.py` from the scorers folder next to the data folder, or None."""
    path = Path(data_dir).parent / "scorers" / f"score_{name}.py"
    if not path.exists():
        return None
    spec = importlib.util.spec_from_file_location(f"score_{name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
